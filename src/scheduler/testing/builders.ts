/** Test builders: `pod({...})` → PodInfo and `node({...})` → NodeInfo, with a fake Handle over a node list. */
import type { Handle, Status } from '../framework/interface.ts'
import { NodeInfo, type Node, type Taint } from '../framework/node-info.ts'
import { newPodInfo, type ContainerPort, type Pod, type PodInfo, type PodSpec, type Toleration } from '../framework/pod-info.ts'
import { Framework } from '../framework/runtime.ts'
import { defaultProfile, inTreeRegistry } from '../registry.ts'

export interface PodOpts {
  name?: string
  cpu?: string
  memory?: string
  requests?: Record<string, string>
  overhead?: Record<string, string>
  nodeSelector?: Record<string, string>
  tolerations?: Toleration[]
  affinity?: PodSpec['affinity']
  runtimeClassName?: string
  ports?: ContainerPort[]
  priority?: number
  preemptionPolicy?: string
  nodeName?: string
  spec?: Partial<PodSpec>
}

export const podObject = (o: PodOpts = {}): Pod => {
  const requests: Record<string, string> = { ...o.requests }
  if (o.cpu) requests.cpu = o.cpu
  if (o.memory) requests.memory = o.memory
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.name ?? 'p', namespace: 'default', uid: `uid-${o.name ?? 'p'}` },
    spec: {
      containers: [{ name: 'c', ...(Object.keys(requests).length ? { resources: { requests } } : {}), ...(o.ports ? { ports: o.ports } : {}) }],
      ...(o.overhead ? { overhead: o.overhead } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.runtimeClassName ? { runtimeClassName: o.runtimeClassName } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.preemptionPolicy ? { preemptionPolicy: o.preemptionPolicy } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...o.spec,
    },
  }
}

export const pod = (o: PodOpts = {}): PodInfo => newPodInfo(podObject(o))

export interface NodeOpts {
  name?: string
  labels?: Record<string, string>
  taints?: Taint[]
  cpu?: string
  memory?: string
  pods?: string
  allocatable?: Record<string, string>
  handlers?: string[]
  unschedulable?: boolean
  /** Pods already running there. */
  running?: PodInfo[]
}

export const nodeObject = (o: NodeOpts = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: o.name ?? 'n', labels: o.labels ?? {} },
  spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
  status: {
    allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.allocatable },
    ...(o.handlers ? { runtimeHandlers: o.handlers.map((name) => ({ name })) } : {}),
  },
})

export const node = (o: NodeOpts = {}): NodeInfo => {
  const ni = new NodeInfo(nodeObject(o))
  for (const p of o.running ?? []) ni.addPod(p)
  return ni
}

export const taint = (key: string, value: string, effect = 'NoSchedule'): Taint => ({ key, value, effect })

export interface FakeHandle extends Handle {
  events: string[]
  classes: Record<string, string>
}

/** A Handle over a fixed node list; `framework` is filled in by `defaultFramework`. */
export const fakeHandle = (nodes: NodeInfo[], classes: Record<string, string> = {}): FakeHandle & { framework?: Framework } => {
  const h: FakeHandle & { framework?: Framework } = {
    events: [],
    classes,
    nodes: () => nodes,
    runtimeClassHandler: (name) => h.classes[name],
    nodesReportingHandler: (handler) => nodes.filter((n) => !n.unschedulable && n.runtimeHandlers?.has(handler)).length,
    runFilters: (state, p, n) => h.framework!.runFilters(state, p, n),
    recordEvent: (_obj, type, reason, message) => void h.events.push(`${type} ${reason} ${message}`),
    bindPod: async (): Promise<Status | undefined> => undefined,
  }
  return h
}

export const defaultFramework = (nodes: NodeInfo[], classes: Record<string, string> = {}) => {
  const handle = fakeHandle(nodes, classes)
  handle.framework = new Framework(inTreeRegistry, defaultProfile, handle)
  return { framework: handle.framework, handle }
}
