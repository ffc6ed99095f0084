/**
 * The scheduling algorithm of one cycle, synchronous over the cache: PreFilter,
 * Filter over the nodes starting where the last cycle stopped and stopping once
 * enough feasible nodes are found (upstream's adaptive percentageOfNodesToScore),
 * PostFilter on failure, then PreScore/Score and the highest total (ties broken
 * at random). Returns the chosen node or the FitError text; never calls the API.
 */
import type { CycleState, Status } from './framework/interface.ts'
import type { NodeInfo } from './framework/node-info.ts'
import type { PodInfo } from './framework/pod-info.ts'
import type { Framework } from './framework/runtime.ts'
import { fitErrorMessage } from './framework/fit-error.ts'

export const MIN_FEASIBLE_NODES_TO_FIND = 100
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods'

/** How many feasible nodes to look for before scoring (upstream numFeasibleNodesToFind). */
export const numFeasibleNodesToFind = (percentage: number, numAllNodes: number): number => {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes
  let p = percentage
  if (p <= 0) p = Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND)
  if (p >= 100) return numAllNodes
  const n = Math.trunc((numAllNodes * p) / 100)
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n
}

export type ScheduleOutcome =
  | { ok: true; nodeName: string; evaluated: number; feasible: number }
  | { ok: false; message: string; statuses: ReadonlyMap<string, Status>; noNodes?: boolean }

export class Algorithm {
  private nextStartNodeIndex = 0
  constructor(
    private readonly fw: Framework,
    private readonly percentageOfNodesToScore = 0,
    private readonly random: () => number = Math.random,
  ) {}

  schedule(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): ScheduleOutcome {
    if (!nodes.length) return { ok: false, message: NO_NODES_AVAILABLE, statuses: new Map(), noNodes: true }
    const pre = this.fw.runPreFilter(state, pod, nodes)
    if (pre.status) {
      const statuses = new Map(nodes.map((n) => [n.name, pre.status!]))
      const postFilterMsg = this.fw.runPostFilter(state, pod, statuses)
      const message = fitErrorMessage({ numAllNodes: nodes.length, nodeStatuses: statuses, preFilterMsg: pre.status.reasons.join(', '), postFilterMsg })
      return { ok: false, message, statuses }
    }
    const want = numFeasibleNodesToFind(this.percentageOfNodesToScore, nodes.length)
    const feasible: NodeInfo[] = []
    // Rejections are kept in plain arrays; the per-node map is only built when nothing fits.
    const rejectedNodes: NodeInfo[] = []
    const rejections: Status[] = []
    const start = this.nextStartNodeIndex % nodes.length
    let processed = 0
    for (; processed < nodes.length && feasible.length < want; processed++) {
      let i = start + processed
      if (i >= nodes.length) i -= nodes.length
      const node = nodes[i]
      const s = this.fw.runFilters(state, pod, node, pre.filters)
      if (s) {
        rejectedNodes.push(node)
        rejections.push(s)
      } else feasible.push(node)
    }
    this.nextStartNodeIndex = (start + processed) % nodes.length
    if (!feasible.length) {
      const statuses = new Map(rejectedNodes.map((n, i) => [n.name, rejections[i]]))
      const postFilterMsg = this.fw.runPostFilter(state, pod, statuses)
      return { ok: false, message: fitErrorMessage({ numAllNodes: nodes.length, nodeStatuses: statuses, postFilterMsg }), statuses }
    }
    if (feasible.length === 1) return { ok: true, nodeName: feasible[0].name, evaluated: processed, feasible: 1 }
    const totals = this.fw.runScore(state, pod, feasible)
    return { ok: true, nodeName: feasible[this.selectHost(totals)].name, evaluated: processed, feasible: feasible.length }
  }

  /** Index of the highest score; among equals each is equally likely (reservoir sampling). */
  private selectHost(totals: number[]): number {
    let best = 0
    let ties = 1
    for (let i = 1; i < totals.length; i++) {
      if (totals[i] > totals[best]) {
        best = i
        ties = 1
      } else if (totals[i] === totals[best] && this.random() * ++ties < 1) best = i
    }
    return best
  }
}
