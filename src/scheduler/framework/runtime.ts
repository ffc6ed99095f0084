/**
 * Framework: one profile's plugins sorted into extension points, and the code
 * that runs each point as kube-scheduler's frameworkImpl does — PreFilter
 * Skip removes that plugin's Filter for the cycle, Filter stops at the first
 * rejection on a node, PreScore Skip removes its Score, scores are normalized
 * per plugin then weighted and summed, Reserve failures unreserve in reverse.
 */
import type {
  AnyPlugin, BindPlugin, CycleState, FilterPlugin, Handle, PostFilterPlugin, PreFilterPlugin, PreScorePlugin,
  Registry, ReservePlugin, ScorePlugin, Status,
} from './interface.ts'
import type { NodeInfo } from './node-info.ts'
import type { PodInfo } from './pod-info.ts'
import { newStatus } from './status.ts'

export interface FrameworkConfig {
  plugins: string[]
  scoreWeights: Record<string, number>
}

const has = <K extends keyof AnyPlugin>(p: AnyPlugin, k: K) => typeof p[k] === 'function'

export class Framework {
  readonly preFilter: PreFilterPlugin[]
  readonly filter: FilterPlugin[]
  readonly postFilter: PostFilterPlugin[]
  readonly preScore: PreScorePlugin[]
  readonly score: { plugin: ScorePlugin; weight: number }[]
  readonly reserve: ReservePlugin[]
  readonly bind: BindPlugin[]

  constructor(registry: Registry, config: FrameworkConfig, handle: Handle) {
    const plugins = config.plugins.map((name) => {
      const factory = registry[name]
      if (!factory) throw new Error(`scheduler plugin ${JSON.stringify(name)} is not registered`)
      return factory(handle)
    })
    this.preFilter = plugins.filter((p) => has(p, 'preFilter')) as PreFilterPlugin[]
    this.filter = plugins.filter((p) => has(p, 'filter')) as FilterPlugin[]
    this.postFilter = plugins.filter((p) => has(p, 'postFilter')) as PostFilterPlugin[]
    this.preScore = plugins.filter((p) => has(p, 'preScore')) as PreScorePlugin[]
    this.score = (plugins.filter((p) => has(p, 'score')) as ScorePlugin[]).map((plugin) => ({ plugin, weight: config.scoreWeights[plugin.name] ?? 1 }))
    this.reserve = plugins.filter((p) => has(p, 'reserve')) as ReservePlugin[]
    this.bind = plugins.filter((p) => has(p, 'bind')) as BindPlugin[]
  }

  /** Runs PreFilter; returns the rejection (if any) and the Filter plugins to run this cycle. */
  runPreFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { status?: Status; filters: FilterPlugin[] } {
    const skipped = new Set<string>()
    for (const p of this.preFilter) {
      const s = p.preFilter(state, pod, nodes)
      if (!s) continue
      if (s.code === 'Skip') {
        skipped.add(p.name)
        continue
      }
      return { status: { ...s, plugin: p.name }, filters: [] }
    }
    return { filters: skipped.size ? this.filter.filter((f) => !skipped.has(f.name)) : this.filter }
  }

  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo, filters: readonly FilterPlugin[] = this.filter): Status | undefined {
    // Hot loop (once per node per pod): no allocation; plugins may return shared Status constants.
    for (let i = 0; i < filters.length; i++) {
      const s = filters[i].filter(state, pod, node)
      if (s) return s
    }
    return undefined
  }

  /** The PostFilter messages, joined with ", " as upstream does when several plugins speak. */
  runPostFilter(state: CycleState, pod: PodInfo, statuses: ReadonlyMap<string, Status>): string {
    return this.postFilter
      .map((p) => p.postFilter(state, pod, statuses).message)
      .filter(Boolean)
      .join(', ')
  }

  /** Weighted total score per node (same order as `nodes`). */
  runScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): number[] {
    const skipped = new Set<string>()
    for (const p of this.preScore) if (p.preScore(state, pod, nodes)?.code === 'Skip') skipped.add(p.name)
    const totals = new Array<number>(nodes.length).fill(0)
    const scores = new Array<number>(nodes.length)
    for (const { plugin, weight } of this.score) {
      if (skipped.has(plugin.name)) continue
      for (let i = 0; i < nodes.length; i++) scores[i] = plugin.score(state, pod, nodes[i])
      plugin.normalizeScores?.(state, pod, scores)
      for (let i = 0; i < nodes.length; i++) totals[i] += scores[i] * weight
    }
    return totals
  }

  runReserve(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined {
    for (let i = 0; i < this.reserve.length; i++) {
      const s = this.reserve[i].reserve(state, pod, nodeName)
      if (s) {
        for (let j = i; j >= 0; j--) this.reserve[j].unreserve(state, pod, nodeName)
        return { ...s, plugin: this.reserve[i].name }
      }
    }
    return undefined
  }

  runUnreserve(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (let j = this.reserve.length - 1; j >= 0; j--) this.reserve[j].unreserve(state, pod, nodeName)
  }

  /** The first Bind plugin that does not Skip decides. */
  async runBind(pod: PodInfo, nodeName: string): Promise<Status | undefined> {
    for (const b of this.bind) {
      const s = await b.bind(pod, nodeName)
      if (s?.code === 'Skip') continue
      return s
    }
    return newStatus('Error', 'no bind plugin bound the pod')
  }
}
