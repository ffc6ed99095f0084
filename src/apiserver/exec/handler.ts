/**
 * pods/exec and pods/attach: validates the request the way kube-apiserver
 * does before it proxies to the kubelet (pod, container, node, upgrade
 * headers, subprotocol), asks the node agent to prepare the command, and only
 * then answers 101. The 101 response carries an UpgradePlan that the HTTPS
 * listener's 'upgrade' path takes (takeUpgrade) to speak WebSocket or SPDY.
 * Every failure before that is an ordinary response, so kubectl prints it.
 */
import { badRequest, isStatusError, serviceUnavailable } from '../../api/errors.ts'
import type { KubeObject } from '../../api/meta.ts'
import type { ApiResponse } from '../request.ts'
import type { Scope } from '../scope.ts'
import { negotiate, type ExecOptions, type ExecSession } from '../../streaming/exec-io.ts'

type Obj = Record<string, any>

export type Transport = 'websocket' | 'spdy'

export interface UpgradePlan {
  transport: Transport
  /** The negotiated remotecommand subprotocol (v5/v4.channel.k8s.io). */
  protocol: string
  options: ExecOptions
  session: ExecSession
}

// ApiResponse is shared with every handler; the plan rides next to it instead of widening that type.
const plans = new WeakMap<ApiResponse, UpgradePlan>()

/** The plan of a 101 response from execHandler, once (the listener upgrades the socket with it). */
export const takeUpgrade = (res: ApiResponse): UpgradePlan | undefined => {
  const plan = plans.get(res)
  plans.delete(res)
  return plan
}

const isTrue = (v: string | null) => v === 'true' || v === '1'

export const parseExecOptions = (query: URLSearchParams, container: string, attach: boolean): ExecOptions => ({
  container,
  command: attach ? [] : query.getAll('command'),
  stdin: isTrue(query.get('stdin')),
  stdout: isTrue(query.get('stdout')),
  stderr: isTrue(query.get('stderr')),
  tty: isTrue(query.get('tty')),
})

/** Upstream `streamLocation`: an explicit container must exist; none given picks the only one. */
export const resolveContainer = (pod: KubeObject, requested: string): string => {
  const name = pod.metadata.name!
  const spec = (pod.spec ?? {}) as Obj
  const names: string[] = (spec.containers ?? []).map((c: Obj) => c.name)
  const initNames: string[] = (spec.initContainers ?? []).map((c: Obj) => c.name)
  const ephemeral: string[] = (spec.ephemeralContainers ?? []).map((c: Obj) => c.name)
  if (requested) {
    if (![...names, ...initNames, ...ephemeral].includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`)
    return requested
  }
  if (names.length === 1) return names[0]
  if (names.length === 0) throw badRequest(`a container name must be specified for pod ${name}`)
  let message = `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`
  if (initNames.length) message += ` or one of the init containers: [${initNames.join(' ')}]`
  throw badRequest(message)
}

const transportOf = (s: Scope): Transport | undefined => {
  const upgrade = (s.req.headers['upgrade'] ?? '').toLowerCase()
  if (upgrade === 'websocket' && s.req.method === 'GET') return 'websocket'
  if (upgrade === 'spdy/3.1') return 'spdy'
  return undefined
}

export const execHandler =
  (kind: 'exec' | 'attach') =>
  async (s: Scope): Promise<ApiResponse> => {
    const pod = await s.objects.get(s.info.namespace, s.info.name)
    const options = parseExecOptions(s.info.query, resolveContainer(pod, s.info.query.get('container') ?? ''), kind === 'attach')
    if (kind === 'exec' && !options.command.length) throw badRequest('you must specify at least 1 command')
    if (!options.stdin && !options.stdout && !options.stderr) throw badRequest('you must specify at least one of stdin, stdout, stderr')
    if (!(pod.spec as Obj)?.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`)
    const transport = transportOf(s)
    if (!transport) throw badRequest('Upgrade request required')
    const offered = transport === 'websocket' ? s.req.headers['sec-websocket-protocol'] : s.req.headers['x-stream-protocol-version']
    const protocol = negotiate(offered ?? '')
    if (!protocol) throw badRequest(`unable to upgrade: unable to negotiate protocol: client supports [${offered ?? ''}], server supports [v5.channel.k8s.io v4.channel.k8s.io]`)
    if (!s.ctx.podExec) throw serviceUnavailable(`no node agent serves ${kind} for pod ${JSON.stringify(pod.metadata.name)}`)
    let session: ExecSession
    try {
      session = await s.ctx.podExec(pod, options, kind)
    } catch (err) {
      if (isStatusError(err)) throw err
      // The kubelet answers a failed exec/attach lookup with its error as plain text (500);
      // kubectl prints `error: unable to upgrade connection: <text>`.
      return { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: (err as Error).message ?? String(err) }
    }
    const res: ApiResponse = { status: 101, headers: {} }
    plans.set(res, { transport, protocol, options, session })
    return res
  }
