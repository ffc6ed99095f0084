/**
 * `explain runtimeclass`: which nodes can run a class and why not the others,
 * one line per node. Each node is checked as a Pod of that class would be,
 * with nothing but the class's own constraints: does the node report the
 * handler (a node that does not would fail the Pod, even where the scheduler
 * lets it through — decision d), is it schedulable, does it match
 * `scheduling.nodeSelector`, do the class's tolerations tolerate its
 * NoSchedule/NoExecute taints, is there room for `overhead.podFixed` next to
 * what already runs there.
 */
import { firstUntoleratedTaint } from '../scheduler/helpers/tolerations.ts'
import { untoleratedReason } from '../scheduler/plugins/taint-toleration.ts'
import { fitsRequest } from '../scheduler/plugins/node-resources-fit.ts'
import { newPodInfo, type Pod } from '../scheduler/framework/pod-info.ts'
import { formatResources, formatToleration } from './admission-check.ts'
import { handlerFix, reasonFix } from './fixes.ts'
import { nodeInfos } from './node-reasons.ts'
import type { Explanation, Node, RuntimeClass, Step } from './types.ts'

/** The smallest Pod of the class: nothing but what admission would merge in. */
export const probePod = (rc: RuntimeClass): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `probe-${rc.metadata.name}`, namespace: 'default', uid: 'explain-probe' },
  spec: {
    runtimeClassName: rc.metadata.name,
    containers: [{ name: 'probe' }],
    ...(rc.overhead?.podFixed ? { overhead: rc.overhead.podFixed } : {}),
    ...(rc.scheduling?.nodeSelector ? { nodeSelector: rc.scheduling.nodeSelector } : {}),
    ...(rc.scheduling?.tolerations ? { tolerations: rc.scheduling.tolerations } : {}),
  },
})

export const explainRuntimeClass = (rc: RuntimeClass, nodes: readonly Node[], pods: readonly Pod[]): Explanation => {
  const name = rc.metadata.name!
  const handler = rc.handler ?? ''
  const probe = probePod(rc)
  const pi = newPodInfo(probe)
  const selector = rc.scheduling?.nodeSelector ?? {}
  const tolerations = rc.scheduling?.tolerations ?? []
  const classFacts = [
    `handler ${handler || '"" (default)'}`,
    `overhead.podFixed: ${formatResources(rc.overhead?.podFixed) || 'none'}`,
    `scheduling.nodeSelector: ${formatResources(selector) || 'none'}`,
    `scheduling.tolerations: ${tolerations.map(formatToleration).join(', ') || 'none'}`,
  ]
  const steps: Step[] = [{ title: 'RuntimeClass', mark: 'ok', summary: name, facts: classFacts }]
  const allHandlers = [...new Set(nodes.flatMap((n) => (n.status?.runtimeHandlers ?? []).map((h) => h.name)).filter(Boolean))].sort()
  let runnable = 0
  for (const ni of nodeInfos(nodes, pods)) {
    const problems: string[] = []
    const fixes: string[] = []
    const checks: string[] = []
    const reported = ni.runtimeHandlers
    if (handler !== '' && reported && !reported.has(handler)) {
      problems.push(`does not report handler "${handler}" (has ${[...reported].filter(Boolean).join(', ') || 'none'})`)
      fixes.push(handlerFix(handler, name, allHandlers))
    } else checks.push(handler === '' ? 'default handler' : reported ? `reports handler ${handler}` : 'reports no handlers (not checked)')
    if (ni.unschedulable) {
      problems.push('is cordoned (spec.unschedulable)')
      fixes.push(reasonFix('node(s) were unschedulable'))
    }
    const missing = Object.entries(selector).filter(([k, v]) => ni.labels[k] !== v)
    if (missing.length) {
      problems.push(`lacks label ${missing.map(([k, v]) => `${k}=${v}${k in ni.labels ? ` (has ${ni.labels[k]})` : ''}`).join(', ')}`)
      fixes.push(reasonFix("node(s) didn't match Pod's node affinity/selector", Object.fromEntries(missing), name))
    } else if (Object.keys(selector).length) checks.push('matches the nodeSelector')
    const taint = firstUntoleratedTaint(ni.taints, tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')
    if (taint) {
      problems.push(`has taint ${taint.key}=${taint.value ?? ''}:${taint.effect} the class does not tolerate`)
      fixes.push(reasonFix(untoleratedReason(taint), {}, name))
    } else if (ni.taints.length) checks.push('taints tolerated')
    const short = fitsRequest(pi, ni)
    if (short.length) {
      problems.push(`has no room for the overhead: ${short.join(', ')}`)
      fixes.push(...short.map((r) => reasonFix(r)))
    } else if (rc.overhead?.podFixed) checks.push(`room for overhead ${formatResources(rc.overhead.podFixed)}`)
    if (problems.length) steps.push({ title: `node ${ni.name}`, mark: 'fail', summary: `cannot run ${name}: ${problems.join('; ')}`, facts: [], fix: [...new Set(fixes)].join('; ') })
    else {
      runnable++
      steps.push({ title: `node ${ni.name}`, mark: 'ok', summary: `can run ${name}: ${checks.join(', ')}`, facts: [] })
    }
  }
  const subject = `RuntimeClass ${name}: ${runnable}/${nodes.length} node(s) can run it`
  return { subject, steps }
}
