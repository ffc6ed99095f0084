/**
 * Host check: without CAP_SYS_RESOURCE (even root lacks it on these hosts)
 * a negative oom_score_adj cannot be written, and every pod fails in
 * RunPodSandbox unless containerd runs with `restrict_oom_score_adj = true`
 * (runtimes-debian.md §3). The embedded config sets it; the one in the data
 * dir is read back to make sure.
 */
import { readEmbeddedConfig } from '../embedded-config.ts'
import { readHostFile } from '../host-fs.ts'
import type { CheckResult, HostContext } from '../interface.ts'

export const CAP_SYS_RESOURCE = 24

/** Whether the CapEff mask of a /proc/<pid>/status text holds a capability (undefined: no CapEff line). */
export const hasCapability = (status: string, cap: number): boolean | undefined => {
  const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)
  if (!m) return undefined
  return ((BigInt(`0x${m[1]}`) >> BigInt(cap)) & 1n) === 1n
}

export const checkOomScoreAdj = (ctx: HostContext): CheckResult => {
  const name = 'oom_score_adj'
  const cap = hasCapability(readHostFile(ctx, '/proc/self/status') ?? '', CAP_SYS_RESOURCE)
  if (cap) return { name, result: 'ok', detail: 'CAP_SYS_RESOURCE held: negative oom_score_adj allowed' }
  const lacks = cap === undefined ? 'capabilities unknown' : 'no CAP_SYS_RESOURCE'
  const read = readEmbeddedConfig(ctx)
  if (!read.found) return { name, result: 'ok', detail: `${lacks}; runclass up writes restrict_oom_score_adj = true (no ${read.path} yet)` }
  if ('error' in read) return { name, result: 'warn', detail: `${lacks}; cannot parse ${read.path}: ${read.error}`, fix: 'restart runclass up (it rewrites config.toml)' }
  if (read.config.restrictOomScoreAdj) return { name, result: 'ok', detail: `${lacks}; ${read.config.path} sets restrict_oom_score_adj = true` }
  return {
    name,
    result: 'FAIL',
    detail: `${lacks} and ${read.config.path} lacks restrict_oom_score_adj = true: every RunPodSandbox fails`,
    fix: 'restart runclass up (it rewrites config.toml), or set restrict_oom_score_adj = true in its CRI plugin section',
  }
}
