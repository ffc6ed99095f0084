/**
 * NodeAffinity: Filter keeps nodes whose labels hold every spec.nodeSelector
 * pair and match the required node affinity (terms ORed, requirements ANDed);
 * Score sums the weights of the preferred terms a node matches, scaled to 0–100.
 * RuntimeClass scheduling constraints arrive here through admission, which
 * merged the class's nodeSelector into the Pod.
 */
import type { CycleState, FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin, Status } from '../framework/interface.ts'
import type { NodeInfo } from '../framework/node-info.ts'
import type { NodeSelectorTerm, PodInfo } from '../framework/pod-info.ts'
import { skip, unresolvable } from '../framework/status.ts'
import { defaultNormalizeScores } from '../framework/normalize.ts'
import { matchAnyTerm, matchTerm } from '../helpers/node-selector.ts'

export const NAME = 'NodeAffinity'
export const REASON_POD = "node(s) didn't match Pod's node affinity/selector"
const PREFILTER_KEY = `PreFilter${NAME}`
const PRESCORE_KEY = `PreScore${NAME}`
const NO_MATCH = unresolvable(REASON_POD)

interface Required {
  selector: [string, string][]
  terms: NodeSelectorTerm[] | undefined
}

/** Whether the node satisfies the Pod's nodeSelector and required node affinity. */
export const matchesRequired = (req: Required, node: NodeInfo): boolean => {
  for (const [k, v] of req.selector) if (node.labels[k] !== v) return false
  return req.terms === undefined || matchAnyTerm(req.terms, node.labels, node.name)
}

export const requiredOf = (pod: PodInfo): Required => ({
  selector: Object.entries(pod.pod.spec.nodeSelector ?? {}),
  terms: pod.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
})

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME

  preFilter(state: CycleState, pod: PodInfo): Status | undefined {
    const req = requiredOf(pod)
    if (!req.selector.length && req.terms === undefined) return skip()
    state.set(PREFILTER_KEY, req)
    return undefined
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    const req = (state.get(PREFILTER_KEY) as Required | undefined) ?? requiredOf(pod)
    return matchesRequired(req, node) ? undefined : NO_MATCH
  }

  preScore(state: CycleState, pod: PodInfo): Status | undefined {
    const preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
    const terms = preferred.filter((p) => p.weight !== 0)
    if (!terms.length) return skip()
    state.set(PRESCORE_KEY, terms)
    return undefined
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const terms = state.get(PRESCORE_KEY) as { weight: number; preference: NodeSelectorTerm }[]
    let sum = 0
    for (const t of terms) if (matchTerm(t.preference, node.labels, node.name)) sum += t.weight
    return sum
  }

  normalizeScores(_state: CycleState, _pod: PodInfo, scores: number[]): void {
    defaultNormalizeScores(scores, false)
  }
}

export const create = () => new NodeAffinity()
