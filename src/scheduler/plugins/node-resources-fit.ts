/**
 * NodeResourcesFit: Filter checks the Pod's requests **including overhead**
 * against allocatable minus what assigned and assumed Pods (their overhead
 * included) already request, reporting every shortfall (`Too many pods`,
 * `Insufficient cpu`, `Insufficient <resource>`) with code Unschedulable, as
 * 1.27–1.33 do. Score is LeastAllocated over cpu and memory (weights 1:1),
 * using scoring requests (defaults for containers that request nothing).
 */
import type { CycleState, FilterPlugin, ScorePlugin, Status } from '../framework/interface.ts'
import { MAX_NODE_SCORE } from '../framework/interface.ts'
import type { NodeInfo } from '../framework/node-info.ts'
import type { PodInfo } from '../framework/pod-info.ts'
import { unschedulable } from '../framework/status.ts'

export const NAME = 'NodeResourcesFit'
export const REASON_TOO_MANY_PODS = 'Too many pods'
export const insufficient = (resource: string) => `Insufficient ${resource}`

/** Whether the pod fits at all, without allocating (the common case in the hot loop). */
const fits = (pod: PodInfo, node: NodeInfo): boolean => {
  const req = pod.requests
  const alloc = node.allocatable
  const used = node.requested
  if (node.pods.size + 1 > alloc.pods) return false
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) return false
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) return false
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) return false
  if (req.scalar.size) for (const [name, want] of req.scalar) if (want > 0 && want > (alloc.scalar.get(name) ?? 0) - (used.scalar.get(name) ?? 0)) return false
  return true
}

/** Every reason the Pod does not fit the node; empty when it fits. */
export const fitsRequest = (pod: PodInfo, node: NodeInfo): string[] => {
  const reasons: string[] = []
  const req = pod.requests
  const alloc = node.allocatable
  const used = node.requested
  if (node.pods.size + 1 > alloc.pods) reasons.push(REASON_TOO_MANY_PODS)
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar.size === 0) return reasons
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) reasons.push(insufficient('cpu'))
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) reasons.push(insufficient('memory'))
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) reasons.push(insufficient('ephemeral-storage'))
  if (req.scalar.size) {
    const names = [...req.scalar.keys()].sort()
    for (const name of names) {
      const want = req.scalar.get(name)!
      if (want === 0) continue
      if (want > (alloc.scalar.get(name) ?? 0) - (used.scalar.get(name) ?? 0)) reasons.push(insufficient(name))
    }
  }
  return reasons
}

/** (capacity − requested) × 100 / capacity, 0 when nothing is free; upstream integer arithmetic. */
const leastRequested = (requested: number, capacity: number): number => {
  if (capacity === 0 || requested > capacity) return 0
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity)
}

/** Weighted mean over cpu and memory (weight 1 each); a resource the node has none of is left out. */
export const leastAllocatedScore = (pod: PodInfo, node: NodeInfo): number => {
  let sum = 0
  let weights = 0
  if (node.allocatable.milliCPU > 0) {
    sum += leastRequested(node.nonZeroRequested.milliCPU + pod.nonZeroRequests.milliCPU, node.allocatable.milliCPU)
    weights++
  }
  if (node.allocatable.memory > 0) {
    sum += leastRequested(node.nonZeroRequested.memory + pod.nonZeroRequests.memory, node.allocatable.memory)
    weights++
  }
  return weights ? Math.trunc(sum / weights) : 0
}

export class NodeResourcesFit implements FilterPlugin, ScorePlugin {
  readonly name = NAME

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    if (fits(pod, node)) return undefined
    const reasons = fitsRequest(pod, node)
    return reasons.length ? unschedulable(...reasons) : undefined
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return leastAllocatedScore(pod, node)
  }
}

export const create = () => new NodeResourcesFit()
