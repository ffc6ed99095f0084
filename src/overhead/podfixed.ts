/**
 * From samples to `overhead.podFixed`, and the table `measure-overhead`
 * prints. Memory is sized by RSS by default: RSS of a pod's processes does not
 * depend on how many other pods share the same binaries, so the number holds
 * for the first pod on a node as for the fiftieth, and it is what upstream's
 * examples size by. PSS (shared pages split among their users) is the
 * marginal cost when many pods of a handler run and is offered with
 * `--memory-basis pss`; it shrinks as N grows (runc: 14.5 MiB RSS vs 5.3 MiB
 * PSS with 3 pods). The largest pod is taken, rounded up to whole Mi. CPU is
 * the mean idle use per pod rounded up to whole millicores, at least
 * MIN_CPU_MILLICORES (see there).
 */
import type { HandlerSample } from './measure.ts'

export type MemoryBasis = 'rss' | 'pss'

export interface PodFixed {
  memory: string
  cpu: string
}

/**
 * Idle shims use ~0 CPU (runc 0.0m, runsc 1.1m measured), but the shim and
 * gVisor's sentry also work on every exec, log line and stats poll, which an
 * idle `sleep` never makes. 10m keeps that visible to the scheduler without
 * claiming more than any measurement showed.
 */
export const MIN_CPU_MILLICORES = 10

const MI = 1024 * 1024

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0
}

export const podFixedFor = (sample: HandlerSample, basis: MemoryBasis = 'rss'): PodFixed => {
  const bytes = Math.max(...sample.pods.map((p) => (basis === 'rss' ? p.rssBytes : p.pssBytes)))
  const cpu = Math.max(MIN_CPU_MILLICORES, Math.ceil(sample.idleMillicores - 1e-9))
  return { memory: `${Math.ceil(bytes / MI)}Mi`, cpu: `${cpu}m` }
}

/** `containerd-shim-runc-v2, 2×runsc-gofer, 2×runsc-sandbox, 4×exe`, from the first pod (all pods look alike). */
export const processSummary = (sample: HandlerSample): string => {
  const counts = new Map<string, number>()
  for (const p of sample.pods[0]?.processes ?? []) counts.set(p, (counts.get(p) ?? 0) + 1)
  return [...counts].map(([name, n]) => (n > 1 ? `${n}×${name}` : name)).join(', ')
}

const table = (rows: string[][]): string => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('   ')).join('\n')
}

export const formatTable = (samples: HandlerSample[], basis: MemoryBasis = 'rss'): string => {
  const mib = (b: number) => `${(b / MI).toFixed(1)} MiB`
  const rows = [['HANDLER', 'PODS', 'RSS/POD', 'PSS/POD', 'IDLE CPU/POD', 'START (median)', 'START CPU/POD', 'PODFIXED MEMORY', 'PODFIXED CPU']]
  for (const s of samples) {
    const fixed = podFixedFor(s, basis)
    rows.push([
      s.handler,
      String(s.pods.length),
      mib(median(s.pods.map((p) => p.rssBytes))),
      mib(median(s.pods.map((p) => p.pssBytes))),
      `${s.idleMillicores.toFixed(1)}m`,
      `${Math.round(median(s.pods.map((p) => p.startMs)))} ms`,
      `${Math.round(median(s.pods.map((p) => p.startCpuMs)))} ms`,
      fixed.memory,
      fixed.cpu,
    ])
  }
  const procs = samples.map((s) => `  ${s.handler}: ${processSummary(s)}`)
  return `${table(rows)}\n\nprocesses per pod (workload excluded; memory sized by ${basis.toUpperCase()}):\n${procs.join('\n')}`
}
