/**
 * Why each node would (not) take a Pod, recomputed with the scheduler's own
 * framework and in-tree plugins over the nodes and pods as they are now:
 * PreFilter as the cycle runs it, then **every** Filter plugin on every node
 * (the scheduler stops at the first rejection; here each node gets all its
 * reasons), plus the concrete detail behind a reason (which label, how much
 * cpu is free). Pure: nothing is read from or written to the API.
 */
import type { CycleState, Handle, Status } from '../scheduler/framework/interface.ts'
import { NodeInfo } from '../scheduler/framework/node-info.ts'
import { newPodInfo, type PodInfo } from '../scheduler/framework/pod-info.ts'
import { Framework } from '../scheduler/framework/runtime.ts'
import { defaultProfile, inTreeRegistry } from '../scheduler/registry.ts'
import { REASON_POD } from '../scheduler/plugins/node-affinity.ts'
import { insufficient } from '../scheduler/plugins/node-resources-fit.ts'
import type { Node, Pod, RuntimeClass } from './types.ts'

export interface NodeVerdict {
  node: string
  /** The scheduler's reason strings; empty when the node fits. */
  reasons: string[]
  /** Concrete facts behind the reasons (`label pool=gpu: node has no "pool" label`). */
  details: string[]
}

const TERMINAL = new Set(['Succeeded', 'Failed'])

/** NodeInfos with the non-terminal pods bound to them, as the scheduler's cache holds them. */
export const nodeInfos = (nodes: readonly Node[], pods: readonly Pod[], exceptUid?: string): NodeInfo[] => {
  const infos = new Map(nodes.map((n) => [n.metadata.name!, new NodeInfo(n)]))
  for (const p of pods) {
    if (!p.spec?.nodeName || TERMINAL.has(p.status?.phase ?? '') || (exceptUid && p.metadata.uid === exceptUid)) continue
    infos.get(p.spec.nodeName)?.addPod(newPodInfo(p))
  }
  return [...infos.values()]
}

const readOnlyHandle = (nodes: NodeInfo[], classes: readonly RuntimeClass[], fw: () => Framework): Handle => ({
  nodes: () => nodes,
  runtimeClassHandler: (name) => {
    const c = classes.find((rc) => rc.metadata.name === name)
    return c ? (c.handler ?? '') : undefined
  },
  nodesReportingHandler: (h) => nodes.filter((n) => !n.unschedulable && n.runtimeHandlers?.has(h)).length,
  runFilters: (state, pod, node) => fw().runFilters(state, pod, node),
  recordEvent: () => {},
  bindPod: async () => ({ code: 'Error', reasons: ['explain never binds'] }),
})

const milli = (m: number) => (m % 1000 === 0 ? `${m / 1000}` : `${m}m`)
const mib = (b: number) => (b % (1024 * 1024) === 0 ? `${b / 1024 / 1024}Mi` : `${b}`)

const resourceDetail = (reason: string, pod: PodInfo, node: NodeInfo): string | undefined => {
  const free = (k: 'milliCPU' | 'memory' | 'ephemeralStorage') => node.allocatable[k] - node.requested[k]
  const overhead = pod.pod.spec.overhead ? ' (overhead included)' : ''
  if (reason === insufficient('cpu')) return `cpu: pod needs ${milli(pod.requests.milliCPU)}${overhead}, node has ${milli(free('milliCPU'))} free of ${milli(node.allocatable.milliCPU)}`
  if (reason === insufficient('memory')) return `memory: pod needs ${mib(pod.requests.memory)}${overhead}, node has ${mib(free('memory'))} free of ${mib(node.allocatable.memory)}`
  if (reason === 'Too many pods') return `pods: node already runs ${node.pods.size} of ${node.allocatable.pods}`
  return undefined
}

const selectorDetails = (pod: Pod, node: NodeInfo): string[] =>
  Object.entries(pod.spec.nodeSelector ?? {})
    .filter(([k, v]) => node.labels[k] !== v)
    .map(([k, v]) => (k in node.labels ? `label ${k}=${v}: node has ${k}=${node.labels[k]}` : `label ${k}=${v}: node has no "${k}" label`))

const detailsFor = (reasons: string[], pod: PodInfo, node: NodeInfo): string[] => {
  const out: string[] = []
  for (const r of reasons) {
    if (r === REASON_POD) {
      const sel = selectorDetails(pod.pod, node)
      out.push(...(sel.length ? sel : ['required node affinity does not match the node labels']))
    } else if (r.startsWith("node(s) didn't have runtime handler")) {
      out.push(`node reports handlers: ${[...(node.runtimeHandlers ?? [])].filter(Boolean).join(', ') || 'none'}`)
    } else {
      const d = resourceDetail(r, pod, node)
      if (d) out.push(d)
    }
  }
  return out
}

export const nodeVerdicts = (pod: Pod, nodes: readonly Node[], pods: readonly Pod[], classes: readonly RuntimeClass[]): NodeVerdict[] => {
  const infos = nodeInfos(nodes, pods, pod.metadata.uid)
  const holder: { fw?: Framework } = {}
  const fw = (holder.fw = new Framework(inTreeRegistry, defaultProfile, readOnlyHandle(infos, classes, () => holder.fw!)))
  // A bound or being-explained pod is evaluated as if unbound, as the scheduler saw it.
  const pi = newPodInfo({ ...pod, spec: { ...pod.spec, nodeName: undefined } })
  const state: CycleState = new Map()
  const pre = fw.runPreFilter(state, pi, infos)
  return infos.map((node) => {
    let statuses: Status[]
    if (pre.status) statuses = [pre.status]
    else statuses = pre.filters.map((f) => f.filter(state, pi, node)).filter((s): s is Status => !!s)
    const reasons = [...new Set(statuses.flatMap((s) => s.reasons))]
    return { node: node.name, reasons, details: detailsFor(reasons, pi, node) }
  })
}
