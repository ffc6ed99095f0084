/**
 * The scheduling framework's contracts, in kube-scheduler's shape: a Status
 * (or `undefined` for success) from every extension point, plugin interfaces per
 * extension point, and the Handle plugins get at construction. Every extension
 * point except Bind is synchronous: a cycle runs against the scheduler's cache
 * without yielding, so the cache is a consistent snapshot for its duration.
 */
import type { KubeObject } from '../../api/meta.ts'
import type { NodeInfo } from './node-info.ts'
import type { PodInfo } from './pod-info.ts'

/**
 * Unschedulable: evicting pods could help (preemption considers the node).
 * UnschedulableAndUnresolvable: it cannot. Skip (PreFilter/PreScore only): the
 * plugin has nothing to do for this pod, so its Filter/Score is not run.
 */
export type Code = 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip'

export interface Status {
  code: Code
  reasons: string[]
  /** The plugin that returned it (set by the framework where it is cheap: PreFilter, Reserve). */
  plugin?: string
}

export const MAX_NODE_SCORE = 100

/** Per-cycle scratch space plugins share between their own extension points. */
export type CycleState = Map<string, unknown>

export interface Plugin {
  readonly name: string
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | undefined
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined
}

export interface PostFilterResult {
  /** Appended to the FitError message (e.g. `preemption: ...`); empty adds nothing. */
  message: string
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, statuses: ReadonlyMap<string, Status>): PostFilterResult
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | undefined
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number
  /** Rescales raw scores (same order as the nodes) into [0, MAX_NODE_SCORE] in place. */
  normalizeScores?(state: CycleState, pod: PodInfo, scores: number[]): void
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void
}

export interface BindPlugin extends Plugin {
  bind(pod: PodInfo, nodeName: string): Promise<Status | undefined>
}

export type AnyPlugin = Partial<PreFilterPlugin & FilterPlugin & PostFilterPlugin & PreScorePlugin & ScorePlugin & ReservePlugin & BindPlugin> & Plugin

/** What a plugin may use from the scheduler; all reads are from the in-memory cache. */
export interface Handle {
  /** Every node in the cache, in the scheduler's stable order. */
  nodes(): readonly NodeInfo[]
  /** The handler of a RuntimeClass, or undefined when the class is unknown. */
  runtimeClassHandler(name: string): string | undefined
  /** How many schedulable (not cordoned) nodes report `handler` in status.runtimeHandlers. */
  nodesReportingHandler(handler: string): number
  /** Runs every Filter plugin on one node, as the cycle does (preemption's dry run). */
  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined
  recordEvent(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, action?: string): void
  /** Writes the Binding; undefined on success. */
  bindPod(pod: PodInfo, nodeName: string): Promise<Status | undefined>
}

export type PluginFactory = (handle: Handle) => AnyPlugin

export interface Registry {
  [name: string]: PluginFactory
}
