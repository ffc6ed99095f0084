/**
 * `runclass up`: starts the control plane and (unless --no-agent) a node —
 * embedded containerd, offline images, node agent — writes the kubeconfig,
 * prints each component with its start time and then `runclass is ready …`,
 * and stops cleanly on SIGTERM or SIGINT. `runclass agent` joins a node to a
 * remote control plane.
 */
import { readFileSync } from 'node:fs'
import { cliLogger } from './log.ts'
import { httpsClient } from '../client/index.ts'
import { CliError } from './errors.ts'
import { startControlPlane, type ControlPlane } from './control-plane.ts'
import { startNode, type RunningNode } from './node.ts'
import { ensureDefaultRuntimeClasses } from '../controllers/default-runtimeclasses.ts'

export interface UpOptions {
  dataDir: string
  port: number
  host: string
  kubeconfig?: string
  nodeName?: string
  agent: boolean
  containerdSocket?: string
  podSubnet?: string
  bridge?: string
  stopPodsOnExit?: boolean
  defaultRuntimeclasses: boolean
  quiet?: boolean
  logFormat: 'text' | 'json'
  logLevel: string
}

const onSignals = (stop: (signal: string) => Promise<void>) => {
  let stopping = false
  const handler = (signal: string) => {
    if (stopping) return
    stopping = true
    stop(signal).then(
      () => process.exit(0),
      (err) => {
        console.error(`error while stopping: ${(err as Error).message}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => handler('SIGTERM'))
  process.on('SIGINT', () => handler('SIGINT'))
}

export const runUp = async (opts: UpOptions) => {
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new CliError('RC_BAD_FLAG', `--port must be a number from 0 to 65535, got ${JSON.stringify(opts.port)}`)
  }
  const log = cliLogger(opts.logLevel, opts.logFormat)
  // Progress lines are for people: not with --quiet, and not mixed into JSON logs.
  const progress = opts.quiet || opts.logFormat === 'json' ? undefined : (line: string) => console.log(`  ${line}`)
  const started = Date.now()
  let cp: ControlPlane
  try {
    cp = await startControlPlane({ dataDir: opts.dataDir, port: opts.port, host: opts.host, kubeconfig: opts.kubeconfig, log })
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code === 'EADDRINUSE') throw new CliError('RC_PORT_IN_USE', `port ${opts.port} is already in use; pick another with --port (0 picks a free one)`)
    if (e.code === 'EACCES') throw new CliError('RC_PERMISSION', `cannot use ${opts.dataDir} or port ${opts.port}: ${e.message}; run as root or choose --data-dir/--port you may use`)
    throw err
  }
  progress?.(`control plane ready in ${Date.now() - started} ms (${cp.url})`)
  let node: RunningNode | undefined
  if (opts.agent) {
    try {
      node = await startNode({ client: cp.client, dataDir: opts.dataDir, nodeName: opts.nodeName, containerdSocket: opts.containerdSocket, podSubnet: opts.podSubnet, bridge: opts.bridge, log, progress })
    } catch (err) {
      await cp.close()
      throw err
    }
    cp.server.ctx.podLogs = (pod, query, signal) => node!.agent.podLogs(pod, query, signal)
    cp.server.ctx.podExec = (pod, options, kind) => node!.agent.podExec(pod, options, kind)
    if (opts.defaultRuntimeclasses) {
      const created = await ensureDefaultRuntimeClasses({ client: cp.client, handlers: node.handlers, dataDir: opts.dataDir, log })
      if (created.length) progress?.(`default RuntimeClasses created: ${created.join(', ')}`)
    }
  }
  console.log(`runclass is ready in ${Date.now() - started} ms: API server ${cp.url}, kubeconfig ${cp.kubeconfig}`)
  if (!opts.quiet) console.log(`  export KUBECONFIG=${cp.kubeconfig}; kubectl get runtimeclasses`)
  onSignals(async (signal) => {
    log.info({ signal }, 'stopping')
    await node?.close({ teardown: opts.stopPodsOnExit })
    await cp.close()
  })
}

export interface AgentCliOptions {
  server: string
  token: string
  caFile?: string
  dataDir: string
  nodeName?: string
  containerdSocket?: string
  logLevel: string
}

export const runAgent = async (opts: AgentCliOptions) => {
  const log = cliLogger(opts.logLevel)
  let ca: string | undefined
  if (opts.caFile) {
    try {
      ca = readFileSync(opts.caFile, 'utf8')
    } catch (err) {
      throw new CliError('RC_BAD_FLAG', `--ca-file ${opts.caFile}: ${(err as Error).message}`)
    }
  }
  const client = httpsClient({ server: opts.server, token: opts.token, ca })
  try {
    await client.version()
  } catch (err) {
    client.close()
    throw new CliError('RC_SERVER_UNREACHABLE', `cannot reach the API server at ${opts.server}: ${(err as Error).message}; check --server, --token and --ca-file`)
  }
  const started = Date.now()
  const node = await startNode({ client, dataDir: opts.dataDir, nodeName: opts.nodeName, containerdSocket: opts.containerdSocket, log, progress: (l) => console.log(`  ${l}`) })
  console.log(`runclass agent is ready in ${Date.now() - started} ms: node ${node.agent.nodeName}, handlers ${node.handlers.join(', ')}`)
  onSignals(async () => {
    await node.close()
    client.close()
  })
}
