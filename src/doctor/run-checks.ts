/**
 * Runs a list of checks over one context and flattens their rows in order.
 * Without a cluster snapshot the cluster checks are replaced by one `cluster`
 * row saying why (never a FAIL: a host can be checked before `runclass up`).
 * A check that throws becomes a warn row naming it, so one bug never hides
 * the other results.
 */
import type { Check, CheckResult, DoctorContext } from './interface.ts'

export const CLUSTER_SKIP_FIX = 'start the cluster: runclass up (or pass --kubeconfig / set $KUBECONFIG)'

export const runChecks = async (checks: Check[], ctx: DoctorContext): Promise<CheckResult[]> => {
  const rows: CheckResult[] = []
  let skipNoted = false
  for (const check of checks) {
    if (check.scope === 'cluster' && !ctx.cluster) {
      if (!skipNoted) rows.push({ name: 'cluster', result: 'warn', detail: `skipped: ${ctx.clusterSkipped ?? 'no cluster'}`, fix: CLUSTER_SKIP_FIX })
      skipNoted = true
      continue
    }
    try {
      const out = await check.run(ctx)
      rows.push(...(Array.isArray(out) ? out : [out]))
    } catch (err) {
      rows.push({ name: check.id, result: 'warn', detail: `check failed: ${(err as Error).message}`, fix: 'report this as a runclass bug' })
    }
  }
  return rows
}

/** 1 when any row is FAIL (something blocks Pods), else 0 (warnings do not). */
export const exitCode = (rows: CheckResult[]): number => (rows.some((r) => r.result === 'FAIL') ? 1 : 0)
