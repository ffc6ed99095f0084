/**
 * NodeInfo: one Node as the scheduler sees it — parsed allocatable, the sum of
 * the requests of the Pods assigned (or assumed) to it including overhead,
 * their host ports, its taints and the runtime handlers it reports. Pods are
 * added and removed incrementally; nothing here touches the API.
 */
import type { KubeObject } from '../../api/meta.ts'
import type { HostPort, PodInfo } from './pod-info.ts'
import { addList, addResource, emptyResource, type Resource, type ResourceList } from './resource.ts'

export interface Taint {
  key: string
  value?: string
  effect: string
}

export interface Node extends KubeObject {
  spec?: { unschedulable?: boolean; taints?: Taint[] }
  status?: {
    allocatable?: ResourceList
    capacity?: ResourceList
    runtimeHandlers?: { name: string }[]
    conditions?: { type: string; status: string }[]
    [k: string]: unknown
  }
}

const portKey = (protocol: string, port: number) => `${protocol}/${port}`

export class NodeInfo {
  node!: Node
  name = ''
  labels: Record<string, string> = {}
  taints: Taint[] = []
  unschedulable = false
  allocatable: Resource = emptyResource()
  /** Undefined when the node reports no handlers at all (hand-made and upstream nodes). */
  runtimeHandlers: Set<string> | undefined
  readonly requested: Resource = emptyResource()
  readonly nonZeroRequested: Resource = emptyResource()
  readonly pods = new Map<string, PodInfo>()
  /** protocol/port → ip → how many pods use it. */
  readonly usedPorts = new Map<string, Map<string, number>>()

  constructor(node?: Node) {
    if (node) this.setNode(node)
  }

  setNode(node: Node) {
    this.node = node
    this.name = node.metadata.name ?? ''
    this.labels = node.metadata.labels ?? {}
    this.taints = node.spec?.taints ?? []
    this.unschedulable = node.spec?.unschedulable === true
    this.allocatable = addList(emptyResource(), node.status?.allocatable)
    const handlers = node.status?.runtimeHandlers
    this.runtimeHandlers = handlers?.length ? new Set(handlers.map((h) => h.name ?? '')) : undefined
  }

  addPod(pi: PodInfo) {
    if (this.pods.has(pi.key)) this.removePod(pi.key)
    this.pods.set(pi.key, pi)
    addResource(this.requested, pi.requests)
    this.nonZeroRequested.milliCPU += pi.nonZeroRequests.milliCPU
    this.nonZeroRequested.memory += pi.nonZeroRequests.memory
    for (const p of pi.hostPorts) this.changePort(p, 1)
  }

  removePod(key: string): boolean {
    const pi = this.pods.get(key)
    if (!pi) return false
    this.pods.delete(key)
    addResource(this.requested, pi.requests, -1)
    this.nonZeroRequested.milliCPU -= pi.nonZeroRequests.milliCPU
    this.nonZeroRequested.memory -= pi.nonZeroRequests.memory
    for (const p of pi.hostPorts) this.changePort(p, -1)
    return true
  }

  /** Whether `want` collides with a used port; 0.0.0.0 on either side collides with every IP. */
  portConflict(want: HostPort): boolean {
    const ips = this.usedPorts.get(portKey(want.protocol, want.port))
    if (!ips) return false
    if (want.ip === '0.0.0.0') return ips.size > 0
    return ips.has(want.ip) || ips.has('0.0.0.0')
  }

  /** A copy with its own pod set (preemption's dry run removes pods from it). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.node)
    for (const pi of this.pods.values()) c.addPod(pi)
    return c
  }

  private changePort(p: HostPort, delta: number) {
    const key = portKey(p.protocol, p.port)
    let ips = this.usedPorts.get(key)
    if (!ips) this.usedPorts.set(key, (ips = new Map()))
    const n = (ips.get(p.ip) ?? 0) + delta
    if (n > 0) ips.set(p.ip, n)
    else ips.delete(p.ip)
    if (!ips.size) this.usedPorts.delete(key)
  }
}
