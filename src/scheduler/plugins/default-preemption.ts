/**
 * DefaultPreemption, report only: runclass never evicts Pods, but when a Pod
 * does not fit anywhere this PostFilter runs upstream's dry run to say
 * truthfully why preemption would not help, in upstream's words:
 * `preemption: 0/N nodes are available: ...` where nodes rejected as
 * UnschedulableAndUnresolvable (or not evaluated) count as `Preemption is not
 * helpful for scheduling`, nodes without lower-priority Pods as `No preemption
 * victims found for incoming pod`, and the rest with the reasons filters still
 * give once every lower-priority Pod is gone. Should evicting lower-priority
 * Pods make room somewhere — where upstream would preempt — the message says
 * that this scheduler does not preempt.
 */
import type { CycleState, Handle, PostFilterPlugin, PostFilterResult, Status } from '../framework/interface.ts'
import type { PodInfo } from '../framework/pod-info.ts'
import { fitErrorMessage } from '../framework/fit-error.ts'
import { unresolvable } from '../framework/status.ts'

export const NAME = 'DefaultPreemption'
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling'
export const NO_VICTIMS = 'No preemption victims found for incoming pod'
export const NEVER = 'not eligible due to preemptionPolicy=Never.'
export const wouldPreempt = (n: number) => `${n} node(s) would fit after evicting lower-priority pods, but this scheduler does not preempt.`

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = NAME
  constructor(private readonly handle: Handle) {}

  postFilter(state: CycleState, pod: PodInfo, statuses: ReadonlyMap<string, Status>): PostFilterResult {
    if (pod.pod.spec.preemptionPolicy === 'Never') return { message: `preemption: ${NEVER}` }
    const all = this.handle.nodes()
    const dryRun = new Map<string, Status>()
    let candidates = 0
    for (const node of all) {
      if (statuses.get(node.name)?.code !== 'Unschedulable') continue
      const victims = [...node.pods.values()].filter((p) => p.priority < pod.priority)
      if (!victims.length) {
        dryRun.set(node.name, unresolvable(NO_VICTIMS))
        continue
      }
      const without = node.clone()
      for (const v of victims) without.removePod(v.key)
      const status = this.handle.runFilters(state, pod, without)
      if (status) dryRun.set(node.name, status)
      else candidates++
    }
    if (candidates) return { message: `preemption: ${wouldPreempt(candidates)}` }
    const text = fitErrorMessage({ numAllNodes: all.length, nodeStatuses: dryRun, absentStatus: unresolvable(NOT_HELPFUL) })
    return { message: `preemption: ${text}` }
  }
}

export const create = (handle: Handle) => new DefaultPreemption(handle)
