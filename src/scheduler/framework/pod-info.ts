/**
 * PodInfo: a Pod plus what the scheduler derives from it once (requests with
 * overhead, scoring requests, host ports, priority), so neither the cycle nor
 * NodeInfo bookkeeping re-parses quantities per node.
 */
import type { KubeObject } from '../../api/meta.ts'
import { podRequests, type Resource, type ResourceList } from './resource.ts'

export interface Toleration {
  key?: string
  operator?: string
  value?: string
  effect?: string
  tolerationSeconds?: number
}

export interface NodeSelectorRequirement {
  key: string
  operator: string
  values?: string[]
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[]
  matchFields?: NodeSelectorRequirement[]
}

export interface ContainerPort {
  containerPort?: number
  hostPort?: number
  hostIP?: string
  protocol?: string
}

export interface PodSpec {
  nodeName?: string
  nodeSelector?: Record<string, string>
  schedulerName?: string
  runtimeClassName?: string
  priority?: number
  preemptionPolicy?: string
  tolerations?: Toleration[]
  overhead?: ResourceList
  resources?: { requests?: ResourceList }
  containers?: { name?: string; ports?: ContainerPort[]; resources?: { requests?: ResourceList }; restartPolicy?: string }[]
  initContainers?: { name?: string; resources?: { requests?: ResourceList }; restartPolicy?: string }[]
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] }
      preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[]
    }
  }
}

export interface Pod extends KubeObject {
  spec: PodSpec
  status?: { phase?: string; conditions?: { type: string; status: string; reason?: string; message?: string }[]; [k: string]: unknown }
}

export interface HostPort {
  ip: string
  protocol: string
  port: number
}

export interface PodInfo {
  pod: Pod
  key: string
  requests: Resource
  /** Requests with upstream's defaults for containers that request nothing (scoring only). */
  nonZeroRequests: Resource
  hostPorts: HostPort[]
  priority: number
}

export const podKey = (pod: KubeObject): string => `${pod.metadata.namespace}/${pod.metadata.name}`

/** Host ports a Pod claims: regular containers' ports with hostPort > 0, sanitized as upstream. */
export const hostPortsOf = (spec: PodSpec): HostPort[] => {
  const out: HostPort[] = []
  for (const c of spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort })
    }
  }
  return out
}

export const newPodInfo = (pod: Pod): PodInfo => {
  const spec = pod.spec ?? {}
  return {
    pod,
    key: podKey(pod),
    requests: podRequests(spec),
    nonZeroRequests: podRequests(spec, true),
    hostPorts: hostPortsOf(spec),
    priority: spec.priority ?? 0,
  }
}
