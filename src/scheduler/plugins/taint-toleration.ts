/**
 * TaintToleration: Filter rejects a node whose first untolerated NoSchedule or
 * NoExecute taint (in node order) is reported as `{key: value}`; Score counts
 * the PreferNoSchedule taints the Pod does not tolerate (fewer is better,
 * normalized and reversed to 0–100).
 */
import type { CycleState, FilterPlugin, PreScorePlugin, ScorePlugin, Status } from '../framework/interface.ts'
import type { NodeInfo, Taint } from '../framework/node-info.ts'
import type { PodInfo, Toleration } from '../framework/pod-info.ts'
import { unresolvable } from '../framework/status.ts'
import { firstUntoleratedTaint, tolerated } from '../helpers/tolerations.ts'
import { defaultNormalizeScores } from '../framework/normalize.ts'

export const NAME = 'TaintToleration'
const PRESCORE_KEY = `PreScore${NAME}`

const hardEffect = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'

export const untoleratedReason = (t: Taint) => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    if (!node.taints.length) return undefined
    const taint = firstUntoleratedTaint(node.taints, pod.pod.spec.tolerations, hardEffect)
    return taint ? unresolvable(untoleratedReason(taint)) : undefined
  }

  preScore(state: CycleState, pod: PodInfo): Status | undefined {
    const prefer = (pod.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule')
    state.set(PRESCORE_KEY, prefer)
    return undefined
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const prefer = state.get(PRESCORE_KEY) as Toleration[]
    let n = 0
    for (const t of node.taints) if (t.effect === 'PreferNoSchedule' && !tolerated(t, prefer)) n++
    return n
  }

  normalizeScores(_state: CycleState, _pod: PodInfo, scores: number[]): void {
    defaultNormalizeScores(scores, true)
  }
}

export const create = () => new TaintToleration()
