/**
 * `runclass up`: starts the control plane (and, in later stages, the node
 * agent and containerd), writes the kubeconfig, prints `runclass is ready …`,
 * and stops cleanly on SIGTERM or SIGINT.
 */
import pino from 'pino'
import { CliError } from './errors.ts'
import { startControlPlane } from './control-plane.ts'

export interface UpOptions {
  dataDir: string
  port: number
  host: string
  kubeconfig?: string
  nodeName?: string
  agent: boolean
  containerdSocket?: string
  quiet?: boolean
  logFormat: 'text' | 'json'
  logLevel: string
}

export const runUp = async (opts: UpOptions) => {
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new CliError('RC_BAD_FLAG', `--port must be a number from 0 to 65535, got ${JSON.stringify(opts.port)}`)
  }
  const log = pino({ level: opts.logLevel, base: { component: 'runclass' } }, pino.destination(2))
  const started = Date.now()
  let cp
  try {
    cp = await startControlPlane({ dataDir: opts.dataDir, port: opts.port, host: opts.host, kubeconfig: opts.kubeconfig, log })
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code === 'EADDRINUSE') throw new CliError('RC_PORT_IN_USE', `port ${opts.port} is already in use; pick another with --port (0 picks a free one)`)
    if (e.code === 'EACCES') throw new CliError('RC_PERMISSION', `cannot use ${opts.dataDir} or port ${opts.port}: ${e.message}; run as root or choose --data-dir/--port you may use`)
    throw err
  }
  if (opts.agent) {
    log.warn('the node agent is not available yet; running the control plane only (as with --no-agent)')
  }
  const ms = Date.now() - started
  console.log(`runclass is ready in ${ms} ms: API server ${cp.url}, kubeconfig ${cp.kubeconfig}`)
  if (!opts.quiet) console.log(`  export KUBECONFIG=${cp.kubeconfig}; kubectl get runtimeclasses`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'stopping')
    await cp.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}
