/**
 * measureOverhead(): for each handler, starts N pods (a sandbox plus one
 * `sleep` container) straight through CRI, lets them settle, and measures what
 * the sandbox itself costs on the host: every process under the pod's shim
 * (shim, pause, or gVisor's sentry/gofer/stubs) except the workload's own
 * process. Memory comes from `/proc/<pid>/smaps_rollup` (RSS and PSS; see
 * podfixed.ts for which one sizes the overhead), CPU from `/proc/<pid>/stat`
 * over an idle window. Handlers are measured one after the other, each alone
 * on the runtime, and its pods are removed before the next starts. Every
 * sandbox carries a run label, so cleanup also finds one whose RunPodSandbox
 * was still in flight when the run failed or was aborted.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ContainerConfig, PodSandboxConfig, RuntimeService } from '../cri/interface.ts'
import { BUSYBOX_IMAGE, OFFLINE_IMAGES, PAUSE_IMAGE } from '../images/names.ts'
import { CLOCK_TICKS_PER_SECOND, descendants, processCpu, processMemory, processTable, type ProcInfo } from './proc.ts'

export const RUN_LABEL = 'runclass.dev/measure-overhead'
/** The workload: distinctive argv, so its host process (runc, crun) is told apart from pause (`sleep infinity`). */
export const WORKLOAD_COMMAND = ['sleep', '86399']

export type MeasureCri = Pick<
  RuntimeService,
  'runPodSandbox' | 'createContainer' | 'startContainer' | 'containerStatus' | 'stopPodSandbox' | 'removePodSandbox' | 'listPodSandbox'
>

export interface MeasureOptions {
  cri: MeasureCri
  /** containerd's socket: shims name it in `-address`, which is how this run's shims are found. */
  socket: string
  handlers: string[]
  pods: number
  /** Where the CRI container logs go (one folder per pod). */
  logDir: string
  /** Wait after the last pod is running, so start-up garbage is collected (default 1000 ms). */
  settleMs?: number
  /** Idle window over which CPU is measured (default 3000 ms). */
  cpuWindowMs?: number
  signal?: AbortSignal
  progress?: (line: string) => void
}

export interface PodSample {
  /** Sandbox processes counted (workload excluded), by processName(). */
  processes: string[]
  rssBytes: number
  pssBytes: number
  privateBytes: number
  /** CPU time spent until the sandbox settled (start-up, including waited-for runtime calls). */
  startCpuMs: number
  /** RunPodSandbox → container RUNNING. */
  startMs: number
}

export interface HandlerSample {
  handler: string
  pods: PodSample[]
  /** Mean idle CPU per pod over the window, in millicores. */
  idleMillicores: number
  windowMs: number
}

const CALL = { timeoutMs: 60_000 }

const podConfig = (runId: string, handler: string, i: number, logDir: string): PodSandboxConfig => {
  const name = `overhead-${handler}-${i}`
  return {
    metadata: { name, uid: `${runId}-${handler}-${i}`, namespace: 'runclass-measure-overhead', attempt: 0 },
    log_directory: join(logDir, name),
    labels: { [RUN_LABEL]: runId },
    // Host network: the cost measured is processes, which the pod network does not change (gVisor runs
    // with --network=host here anyway), and it keeps the run off the CNI bridge another cluster may own.
    linux: { security_context: { namespace_options: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' } } },
  }
}

const workload = (): ContainerConfig => ({
  metadata: { name: 'workload', attempt: 0 },
  image: { image: BUSYBOX_IMAGE },
  command: WORKLOAD_COMMAND,
  log_path: 'workload.log',
})

/** The pause image's process (busybox `sleep infinity`), named as what it is in the report. */
const PAUSE_ARGV = OFFLINE_IMAGES.find((i) => i.names.includes(PAUSE_IMAGE))?.entrypoint ?? []

export const processName = (p: ProcInfo): string => {
  if (sameArgv(p.argv, PAUSE_ARGV)) return 'pause'
  return p.argv[0] ? p.argv[0].split('/').pop()! : p.comm
}

const sameArgv = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** The shim serving each sandbox of `socket`: containerd-shim-* `-id <sandbox> -address <socket>`. */
export const shimsBySandbox = (table: ProcInfo[], socket: string): Map<string, number> => {
  const out = new Map<string, number>()
  for (const p of table) {
    if (!p.argv[0]?.includes('containerd-shim')) continue
    const addr = p.argv.indexOf('-address')
    const id = p.argv.indexOf('-id')
    if (addr >= 0 && p.argv[addr + 1] === socket && id >= 0) out.set(p.argv[id + 1], p.pid)
  }
  return out
}

/** Processes of one pod that belong to the sandbox: the shim's tree minus the workload and its children. */
export const sandboxProcesses = (table: ProcInfo[], shimPid: number, workloadArgv = WORKLOAD_COMMAND): ProcInfo[] => {
  const tree = descendants(table, shimPid)
  const excluded = new Set(tree.filter((p) => sameArgv(p.argv, workloadArgv)).flatMap((p) => descendants(table, p.pid).map((d) => d.pid)))
  return tree.filter((p) => !excluded.has(p.pid))
}

const ticks = (pids: number[]): number =>
  pids.reduce((sum, pid) => {
    const cpu = processCpu(pid)
    return sum + (cpu ? cpu.selfTicks + cpu.childTicks : 0)
  }, 0)

const ticksToMs = (t: number) => (t * 1000) / CLOCK_TICKS_PER_SECOND

const waitRunning = async (cri: MeasureCri, id: string, signal?: AbortSignal) => {
  const deadline = Date.now() + 60_000
  for (;;) {
    const st = await cri.containerStatus(id, CALL)
    if (st.state === 'CONTAINER_RUNNING') return
    if (st.state === 'CONTAINER_EXITED') throw new Error(`the workload container exited (${st.reason} ${st.exit_code}): ${st.message}`)
    if (Date.now() > deadline) throw new Error(`the workload container is still ${st.state} after 60 s`)
    await sleep(10, undefined, { signal })
  }
}

/** Stops and removes this run's sandboxes (tracked ids plus any labelled one); never throws. */
export const removeSandboxes = async (cri: MeasureCri, runId: string, tracked: Iterable<string>): Promise<string[]> => {
  const ids = new Set(tracked)
  try {
    for (const p of await cri.listPodSandbox({ label_selector: { [RUN_LABEL]: runId } }, CALL)) ids.add(p.id)
  } catch {
    // listing failed: the tracked ids are still removed below
  }
  const failed: string[] = []
  await Promise.all(
    [...ids].map(async (id) => {
      try {
        await cri.stopPodSandbox(id, CALL)
        await cri.removePodSandbox(id, CALL)
      } catch {
        failed.push(id)
      }
    }),
  )
  return failed
}

const measureHandler = async (opts: MeasureOptions, runId: string, handler: string, created: Set<string>): Promise<HandlerSample> => {
  const { cri, signal, progress } = opts
  const started: { id: string; startMs: number }[] = []
  for (let i = 0; i < opts.pods; i++) {
    signal?.throwIfAborted()
    const config = podConfig(runId, handler, i, opts.logDir)
    const t0 = performance.now()
    const id = await cri.runPodSandbox(config, handler, CALL)
    created.add(id)
    const ctr = await cri.createContainer(id, workload(), config, CALL)
    await cri.startContainer(ctr, CALL)
    await waitRunning(cri, ctr, signal)
    started.push({ id, startMs: performance.now() - t0 })
    progress?.(`${handler}: pod ${i + 1}/${opts.pods} running in ${Math.round(performance.now() - t0)} ms`)
  }
  await sleep(opts.settleMs ?? 1000, undefined, { signal })
  const table = processTable()
  const shims = shimsBySandbox(table, opts.socket)
  const perPod = started.map(({ id }) => {
    const shim = shims.get(id)
    if (shim === undefined) throw new Error(`no containerd shim found for sandbox ${id} on ${opts.socket}`)
    return sandboxProcesses(table, shim)
  })
  const windowMs = opts.cpuWindowMs ?? 3000
  const before = perPod.map((procs) => ticks(procs.map((p) => p.pid)))
  const w0 = performance.now()
  await sleep(windowMs, undefined, { signal })
  const after = perPod.map((procs) => ticks(procs.map((p) => p.pid)))
  const elapsed = performance.now() - w0
  const idleMs = after.reduce((s, t, i) => s + ticksToMs(t - before[i]), 0) / perPod.length
  const pods = perPod.map((procs, i): PodSample => {
    const mem = procs.map((p) => processMemory(p.pid)).filter((m) => m !== undefined)
    return {
      processes: procs.map(processName),
      rssBytes: mem.reduce((s, m) => s + m.rssBytes, 0),
      pssBytes: mem.reduce((s, m) => s + m.pssBytes, 0),
      privateBytes: mem.reduce((s, m) => s + m.privateBytes, 0),
      startCpuMs: ticksToMs(before[i]),
      startMs: started[i].startMs,
    }
  })
  return { handler, pods, idleMillicores: (idleMs / elapsed) * 1000, windowMs: elapsed }
}

/** Measures each handler in turn; all sandboxes are removed before it returns or throws. */
export const measureOverhead = async (opts: MeasureOptions): Promise<HandlerSample[]> => {
  const runId = randomBytes(4).toString('hex')
  const created = new Set<string>()
  const out: HandlerSample[] = []
  let finished = false
  try {
    for (const handler of opts.handlers) {
      opts.progress?.(`${handler}: starting ${opts.pods} pod(s)`)
      try {
        out.push(await measureHandler(opts, runId, handler, created))
      } catch (err) {
        if (opts.signal?.aborted) throw err
        throw new Error(`${handler}: ${(err as Error).message}`, { cause: err })
      }
      const failed = await removeSandboxes(opts.cri, runId, created)
      if (failed.length) throw new Error(`could not remove sandboxes ${failed.join(', ')}`)
      created.clear()
      opts.progress?.(`${handler}: measured; pods removed`)
    }
    finished = true
    return out
  } finally {
    if (!finished) {
      opts.progress?.('removing the measurement pods')
      const failed = await removeSandboxes(opts.cri, runId, created)
      if (failed.length) opts.progress?.(`could not remove sandboxes ${failed.join(', ')}; remove them with crictl rmp -f`)
    }
  }
}
