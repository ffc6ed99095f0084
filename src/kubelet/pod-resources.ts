/**
 * Pod resources → cgroup and CRI values (kubelet-cri.md §4; upstream
 * ResourceConfigForPod, MilliCPUToShares/Quota). Pure: the pod cgroup values
 * include `spec.overhead` (requests always; limits only where the aggregated
 * limit is non-zero) and are applied by QoS class; the CRI sandbox gets the
 * pod's own resources and the overhead separately; each container gets its own.
 */
import { podQosClass } from '../api/defaults/pod.ts'
import { compareQuantities, parseQuantity } from '../api/quantity/quantity.ts'
import type { KubeObject } from '../api/meta.ts'
import type { LinuxContainerResources } from '../cri/interface.ts'

type Obj = Record<string, any>

export const CPU_PERIOD = 100_000
const MIN_SHARES = 2
const MAX_SHARES = 262_144
const MIN_QUOTA = 1000

export interface CpuMem {
  /** milli-CPU */
  cpu: number
  /** bytes */
  memory: number
}

export interface PodCgroupConfig {
  cpuShares: number
  cpuQuota?: number
  cpuPeriod?: number
  memoryLimit?: number
}

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort'

const milli = (q: unknown) => (q === undefined || q === null ? 0 : parseQuantity(String(q)).milliValue())
const bytes = (q: unknown) => (q === undefined || q === null ? 0 : parseQuantity(String(q)).value())
const cpuMem = (list: Obj | undefined): CpuMem => ({ cpu: milli(list?.cpu), memory: bytes(list?.memory) })

export const milliCpuToShares = (m: number) => (m === 0 ? MIN_SHARES : Math.min(MAX_SHARES, Math.max(MIN_SHARES, Math.floor((m * 1024) / 1000))))
export const milliCpuToQuota = (m: number, period = CPU_PERIOD) => (m === 0 ? 0 : Math.max(MIN_QUOTA, Math.floor((m * period) / 1000)))

/** Sum over app containers, then at least the largest init container (init containers run one at a time). */
const aggregate = (pod: KubeObject, which: 'requests' | 'limits'): CpuMem => {
  const spec = (pod.spec ?? {}) as Obj
  const sum: CpuMem = { cpu: 0, memory: 0 }
  for (const c of spec.containers ?? []) {
    const r = cpuMem(c.resources?.[which])
    sum.cpu += r.cpu
    sum.memory += r.memory
  }
  for (const c of spec.initContainers ?? []) {
    const r = cpuMem(c.resources?.[which])
    sum.cpu = Math.max(sum.cpu, r.cpu)
    sum.memory = Math.max(sum.memory, r.memory)
  }
  return sum
}

export const podOverhead = (pod: KubeObject): CpuMem => cpuMem(((pod.spec ?? {}) as Obj).overhead)

/** Pod requests including overhead (what the scheduler fits and the pod cgroup's shares come from). */
export const podRequests = (pod: KubeObject): CpuMem => {
  const r = aggregate(pod, 'requests')
  const o = podOverhead(pod)
  return { cpu: r.cpu + o.cpu, memory: r.memory + o.memory }
}

/** Pod limits; overhead is added only to a resource whose aggregated limit is non-zero. */
export const podLimits = (pod: KubeObject): CpuMem => {
  const l = aggregate(pod, 'limits')
  const o = podOverhead(pod)
  return { cpu: l.cpu ? l.cpu + o.cpu : 0, memory: l.memory ? l.memory + o.memory : 0 }
}

export const qosClassOf = (pod: KubeObject): QosClass =>
  ((pod.status as Obj | undefined)?.qosClass ?? podQosClass(pod, (a, b) => compareQuantities(a, b) === 0)) as QosClass

/** The pod cgroup's values by QoS class (upstream ResourceConfigForPod with CFS quota enabled). */
export const podCgroupConfig = (pod: KubeObject): PodCgroupConfig => {
  const qos = qosClassOf(pod)
  if (qos === 'BestEffort') return { cpuShares: MIN_SHARES }
  const reqs = podRequests(pod)
  const limits = podLimits(pod)
  const spec = (pod.spec ?? {}) as Obj
  const all: Obj[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])]
  const cpuLimitsDeclared = all.every((c) => milli(c.resources?.limits?.cpu) !== 0)
  const memoryLimitsDeclared = all.every((c) => bytes(c.resources?.limits?.memory) !== 0)
  const cfg: PodCgroupConfig = { cpuShares: milliCpuToShares(reqs.cpu) }
  if (qos === 'Guaranteed' || cpuLimitsDeclared) {
    cfg.cpuQuota = milliCpuToQuota(limits.cpu)
    cfg.cpuPeriod = CPU_PERIOD
  }
  if (qos === 'Guaranteed' || memoryLimitsDeclared) cfg.memoryLimit = limits.memory
  return cfg
}

const toCri = (req: CpuMem, lim: CpuMem): LinuxContainerResources => {
  const r: LinuxContainerResources = { cpu_shares: String(milliCpuToShares(req.cpu)) }
  if (lim.cpu) {
    r.cpu_period = String(CPU_PERIOD)
    r.cpu_quota = String(milliCpuToQuota(lim.cpu))
  }
  if (lim.memory) r.memory_limit_in_bytes = String(lim.memory)
  return r
}

/**
 * oom_score_adj as upstream's policy, but never negative: this host has no CAP_SYS_RESOURCE
 * (runtimes-debian.md §1), so Guaranteed pods get 0 instead of -997.
 */
export const oomScoreAdj = (pod: KubeObject, container: Obj, memoryCapacity: number): number => {
  const qos = qosClassOf(pod)
  if (qos === 'Guaranteed') return 0
  if (qos === 'BestEffort') return 1000
  const req = bytes(container.resources?.requests?.memory)
  const adj = 1000 - Math.floor((1000 * req) / Math.max(1, memoryCapacity))
  return Math.min(999, Math.max(2, adj))
}

/** LinuxContainerResources for one container: its own requests and limits, no overhead. */
export const containerResources = (pod: KubeObject, container: Obj, memoryCapacity: number): LinuxContainerResources => ({
  ...toCri(cpuMem(container.resources?.requests), cpuMem(container.resources?.limits)),
  oom_score_adj: String(oomScoreAdj(pod, container, memoryCapacity)),
})

/** PodSandboxConfig.linux.{resources, overhead}: the pod's resources without overhead, and the overhead as request = limit. */
export const sandboxResources = (pod: KubeObject): { resources: LinuxContainerResources; overhead?: LinuxContainerResources } => {
  const o = podOverhead(pod)
  return {
    resources: toCri(aggregate(pod, 'requests'), aggregate(pod, 'limits')),
    ...(o.cpu || o.memory ? { overhead: toCri(o, o) } : {}),
  }
}

/** The pod cgroup's path below the cgroup root: `/kubepods[/<qos>]/pod<uid>`. */
export const podCgroupParent = (pod: KubeObject): string => {
  const qos = qosClassOf(pod)
  const uid = pod.metadata.uid ?? ''
  return qos === 'Guaranteed' ? `/kubepods/pod${uid}` : `/kubepods/${qos.toLowerCase()}/pod${uid}`
}
