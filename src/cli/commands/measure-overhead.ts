/**
 * `runclass measure-overhead [HANDLER…]`: measures what a pod's sandbox costs
 * per handler (overhead/measure.ts) on a containerd — the one given with
 * --containerd-socket, the running one of --data-dir, or an embedded one
 * started in `<data-dir>/containerd` for the run — and prints a table with the
 * `overhead.podFixed` to use and RuntimeClass YAML ready to apply. `--write`
 * stores the result in `<data-dir>/overhead.json`, which the default
 * RuntimeClasses are created from. Progress goes to stderr, results to
 * stdout. Every measurement pod is removed, also on failure and Ctrl-C.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { Option } from 'commander'
import { stringify } from 'yaml'
import { defaultRuntimeClass } from '../../controllers/default-runtimeclasses.ts'
import { ContainerdSupervisor } from '../../cri/containerd-supervisor.ts'
import { discoverHandlers } from '../../cri/discover-handlers.ts'
import { RuntimeSetupError } from '../../cri/errors.ts'
import { SYSTEM_PATH, which } from '../../cri/handlers.ts'
import { connectCri, type InstrumentedCriClient } from '../../cri/instrumented.ts'
import { containerdPaths } from '../../cri/paths.ts'
import { ensureOfflineImages } from '../../images/ensure-images.ts'
import { BUSYBOX_IMAGE } from '../../images/names.ts'
import { measureOverhead, type HandlerSample } from '../../overhead/measure.ts'
import { formatTable, podFixedFor, type MemoryBasis } from '../../overhead/podfixed.ts'
import { writeOverheads, type StoredHandlerOverhead } from '../../overhead/store.ts'
import { CliError } from '../errors.ts'
import { defaultDataDir } from '../paths.ts'

export interface MeasureOverheadOptions {
  handlers: string[]
  pods: number
  containerdSocket?: string
  dataDir: string
  write?: boolean
  memoryBasis: MemoryBasis
  /** Seconds of idle time over which CPU is measured. */
  window: number
}

const MAX_PODS = 50
const quiet = { info: () => {}, debug: () => {} }

const progress = (line: string) => console.error(`  ${line}`)

/** A containerd that answers on `socket`, or undefined. */
const answering = async (socket: string): Promise<InstrumentedCriClient | undefined> => {
  if (!existsSync(socket)) return undefined
  const cri = connectCri(socket, quiet)
  try {
    await cri.version({ timeoutMs: 1_000 })
    return cri
  } catch {
    cri.close()
    return undefined
  }
}

interface Runtime {
  cri: InstrumentedCriClient
  socket: string
  handlers: string[]
  close(): Promise<void>
}

/** The flag's socket, else the data dir's running containerd (a `runclass up` on it), else our own for this run. */
const openRuntime = async (opts: MeasureOverheadOptions): Promise<Runtime> => {
  const imagesDir = join(opts.dataDir, 'images')
  const ownSocket = containerdPaths(join(opts.dataDir, 'containerd')).socket
  const socket = opts.containerdSocket ?? ownSocket
  const running = await answering(socket)
  if (running) {
    progress(`using the containerd at ${socket}`)
    const handlers = discoverHandlers(await running.status(true, { timeoutMs: 5_000 })).handlers
    if (!(await running.imageStatus(BUSYBOX_IMAGE))) {
      const ctr = which('ctr', `${process.env.PATH ?? ''}:${SYSTEM_PATH}`)
      if (!ctr) throw new CliError('RC_MEASURE_NO_IMAGES', `${BUSYBOX_IMAGE} is not in the containerd at ${socket} and ctr is not installed to import it (apt-get install containerd)`)
      await ensureOfflineImages({ cri: running, socket, ctr, cacheDir: imagesDir })
    }
    return { cri: running, socket, handlers, close: async () => running.close() }
  }
  if (opts.containerdSocket) {
    throw new CliError('RC_MEASURE_SOCKET', `--containerd-socket ${opts.containerdSocket}: no containerd answers there (leave the flag out to start one in --data-dir)`)
  }
  const sup = new ContainerdSupervisor({ baseDir: join(opts.dataDir, 'containerd'), restart: false })
  const t0 = Date.now()
  try {
    await sup.start()
  } catch (err) {
    if (err instanceof RuntimeSetupError) throw new CliError(err.code, err.message)
    throw err
  }
  progress(`containerd started in ${Date.now() - t0} ms (${sup.socket})`)
  const cri = connectCri(sup.socket, quiet)
  // Not a teardown on stop: pods a stopped `runclass up` left in this containerd are its to adopt; ours are removed by then.
  const close = async () => {
    cri.close()
    await sup.stop()
  }
  try {
    await ensureOfflineImages({ cri, socket: sup.socket, ctr: sup.ctr, cacheDir: imagesDir })
  } catch (err) {
    await close()
    throw err
  }
  return { cri, socket: sup.socket, handlers: sup.handlers, close }
}

const validate = (opts: MeasureOverheadOptions) => {
  if (!Number.isInteger(opts.pods) || opts.pods < 1 || opts.pods > MAX_PODS) {
    throw new CliError('RC_BAD_FLAG', `--pods must be a whole number from 1 to ${MAX_PODS}, got ${JSON.stringify(String(opts.pods))}`)
  }
  if (!Number.isFinite(opts.window) || opts.window < 0.5 || opts.window > 600) {
    throw new CliError('RC_BAD_FLAG', `--window must be a number of seconds from 0.5 to 600, got ${JSON.stringify(String(opts.window))}`)
  }
}

export const renderYaml = (samples: HandlerSample[], basis: MemoryBasis): string =>
  samples.map((s) => stringify(defaultRuntimeClass(s.handler, podFixedFor(s, basis), 'measured'))).join('---\n')

const stored = (samples: HandlerSample[], opts: MeasureOverheadOptions): Record<string, StoredHandlerOverhead> => {
  const measuredAt = new Date().toISOString()
  const max = (xs: number[]) => Math.max(...xs)
  return Object.fromEntries(
    samples.map((s) => [
      s.handler,
      {
        podFixed: podFixedFor(s, opts.memoryBasis),
        measuredAt,
        pods: s.pods.length,
        memoryBasis: opts.memoryBasis,
        rssBytes: max(s.pods.map((p) => p.rssBytes)),
        pssBytes: max(s.pods.map((p) => p.pssBytes)),
        idleMillicores: Math.round(s.idleMillicores * 100) / 100,
      },
    ]),
  )
}

export const runMeasureOverhead = async (opts: MeasureOverheadOptions): Promise<HandlerSample[]> => {
  validate(opts)
  const runtime = await openRuntime(opts)
  const abort = new AbortController()
  const onSignal = (signal: string) => {
    if (abort.signal.aborted) {
      console.error(`${signal} again: exiting without cleaning up; remove leftover pods with: crictl --runtime-endpoint unix://${runtime.socket} rmp -f -a`)
      process.exit(130)
    }
    console.error(`${signal}: stopping; removing the measurement pods (again to exit at once)`)
    abort.abort()
  }
  const onInt = () => onSignal('SIGINT')
  const onTerm = () => onSignal('SIGTERM')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  let samples: HandlerSample[]
  try {
    const unknown = opts.handlers.filter((h) => !runtime.handlers.includes(h))
    if (unknown.length) {
      throw new CliError('RC_UNKNOWN_HANDLER', `handler ${unknown.map((h) => `"${h}"`).join(', ')} is not configured in the containerd at ${runtime.socket} (it has: ${runtime.handlers.join(', ')})`)
    }
    const handlers = opts.handlers.length ? opts.handlers : runtime.handlers
    progress(`measuring ${opts.pods} pod(s) per handler: ${handlers.join(', ')} (idle window ${opts.window} s)`)
    samples = await measureOverhead({
      cri: runtime.cri,
      socket: runtime.socket,
      handlers,
      pods: opts.pods,
      logDir: join(opts.dataDir, 'measure-overhead', 'logs'),
      cpuWindowMs: opts.window * 1000,
      signal: abort.signal,
      progress,
    })
  } catch (err) {
    if (abort.signal.aborted) throw new CliError('RC_INTERRUPTED', 'interrupted; the measurement pods were removed', 130)
    if (err instanceof CliError) throw err
    throw new CliError('RC_MEASURE_FAILED', `measurement failed: ${(err as Error).message}`)
  } finally {
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
    await runtime.close()
  }
  console.log(formatTable(samples, opts.memoryBasis))
  console.log(`\n# RuntimeClasses with the measured overhead (kubectl apply -f -):\n${renderYaml(samples, opts.memoryBasis)}`)
  if (opts.write) {
    const file = await writeOverheads(opts.dataDir, stored(samples, opts))
    console.log(`wrote ${file}: default RuntimeClasses created from now on use it (existing classes are not changed; apply the YAML above to update them)`)
  }
  return samples
}

export const register = (program: Command) => {
  program
    .command('measure-overhead')
    .argument('[handler...]', 'runtime handlers to measure (default: every handler containerd has)')
    .description('measure the memory and CPU a pod sandbox costs per handler and print the overhead.podFixed to use')
    .option('--pods <n>', `pods to run per handler (1-${MAX_PODS})`, (v) => Number(v), 5)
    .option('--containerd-socket <path>', 'measure on this running containerd (default: the one of --data-dir, started for the run if not running)')
    .option('--data-dir <dir>', 'runclass data dir: its containerd, images, and overhead.json for --write', defaultDataDir())
    .option('--write', 'store the result in <data-dir>/overhead.json for the default RuntimeClasses')
    .addOption(new Option('--memory-basis <basis>', 'size memory by RSS (holds for any number of pods) or PSS (marginal cost with many pods)').choices(['rss', 'pss']).default('rss'))
    .option('--window <seconds>', 'idle time over which CPU is measured', (v) => Number(v), 3)
    .addHelpText(
      'after',
      `
Each pod is a sandbox plus one busybox \`sleep\` container, run through CRI with
host networking; counted are the shim and everything under it (pause, gVisor's
sentry, gofer and stubs) except the workload's own process.

Examples:
  runclass measure-overhead                       # every handler, 5 pods each
  runclass measure-overhead runc runsc --pods 10
  runclass measure-overhead --write               # default RuntimeClasses use the result
  runclass measure-overhead --memory-basis pss > overhead.txt
`,
    )
    .action(async (handlers: string[], opts: Omit<MeasureOverheadOptions, 'handlers'>) => {
      await runMeasureOverhead({ ...opts, handlers })
    })
}
