/**
 * Wires one node: the embedded containerd (unless an existing socket is given),
 * the offline images, the CRI client and the node agent. `runclass up` and
 * `runclass agent` start a node the same way; only the API client differs.
 */
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { ApiClient } from '../client/index.ts'
import { ContainerdSupervisor } from '../cri/containerd-supervisor.ts'
import { discoverHandlers } from '../cri/discover-handlers.ts'
import { RuntimeSetupError } from '../cri/errors.ts'
import { connectCri, type InstrumentedCriClient } from '../cri/instrumented.ts'
import { ensureOfflineImages } from '../images/ensure-images.ts'
import { startAgent, type Agent } from '../kubelet/agent.ts'
import { CliError } from './errors.ts'
import { preflight } from './preflight.ts'

export interface NodeOptions {
  client: ApiClient
  dataDir: string
  nodeName?: string
  /** Use this containerd instead of starting one. */
  containerdSocket?: string
  /** Pod network of the embedded containerd. */
  podSubnet?: string
  bridge?: string
  log: Logger
  /** Progress lines for the terminal (`containerd ready in 120 ms`). */
  progress?: (line: string) => void
}

export interface RunningNode {
  agent: Agent
  cri: InstrumentedCriClient
  handlers: string[]
  supervisor?: ContainerdSupervisor
  /** Stops the agent and containerd; running pods are left to be adopted by the next start. */
  close(opts?: { teardown?: boolean }): Promise<void>
}

const timed = async <T>(what: string, progress: NodeOptions['progress'], f: () => Promise<T>): Promise<T> => {
  const started = Date.now()
  const result = await f()
  progress?.(`${what} in ${Date.now() - started} ms`)
  return result
}

export const startNode = async (opts: NodeOptions): Promise<RunningNode> => {
  const nodeName = opts.nodeName ?? hostname().toLowerCase()
  let supervisor: ContainerdSupervisor | undefined
  let socket = opts.containerdSocket
  try {
    if (!socket) {
      await timed('host checks passed', opts.progress, () => preflight(opts.dataDir))
      const sup = new ContainerdSupervisor({ baseDir: join(opts.dataDir, 'containerd'), subnet: opts.podSubnet, bridge: opts.bridge })
      supervisor = sup
      sup.on('log', (line: string) => opts.log.debug({ component: 'containerd' }, line))
      sup.on('restarting', (info: unknown) => opts.log.warn({ component: 'containerd', info }, 'containerd exited; restarting'))
      await timed('containerd ready', opts.progress, () => sup.start())
      socket = sup.socket
    }
    const cri = connectCri(socket, opts.log.child({ component: 'cri' }))
    const handlers = supervisor?.handlers ?? discoverHandlers(await cri.status(true)).handlers
    if (supervisor) {
      const sup = supervisor
      await timed('offline images ready', opts.progress, () =>
        ensureOfflineImages({ cri, socket: sup.socket, ctr: sup.ctr, cacheDir: join(opts.dataDir, 'images') }),
      )
    }
    const abort = new AbortController()
    const agent = await timed(`node ${nodeName} registered (handlers: ${handlers.join(', ')})`, opts.progress, () =>
      startAgent({ client: opts.client, cri, nodeName, handlers, signal: abort.signal, log: opts.log.child({ component: 'agent' }), dataDir: opts.dataDir }),
    )
    return {
      agent,
      cri,
      handlers,
      supervisor,
      async close(closeOpts = {}) {
        abort.abort()
        await agent.stopped
        cri.close()
        await supervisor?.stop({ teardown: closeOpts.teardown })
      },
    }
  } catch (err) {
    await supervisor?.stop().catch(() => {})
    if (err instanceof RuntimeSetupError) throw new CliError(err.code, err.message)
    throw err
  }
}
