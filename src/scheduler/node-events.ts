/**
 * Which Node updates may make an unschedulable Pod fit (upstream's
 * nodeSchedulingPropertiesChange): unschedulable, allocatable, labels, taints,
 * condition statuses, runtime handlers. Heartbeats alone do not re-queue.
 */
import type { Node } from './framework/node-info.ts'

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
const conditionStatuses = (n: Node) => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`)

export const nodeSchedulingPropertiesChanged = (old: Node, node: Node): boolean =>
  (old.spec?.unschedulable ?? false) !== (node.spec?.unschedulable ?? false) ||
  !same(old.status?.allocatable, node.status?.allocatable) ||
  !same(old.metadata.labels, node.metadata.labels) ||
  !same(old.spec?.taints, node.spec?.taints) ||
  !same(conditionStatuses(old), conditionStatuses(node)) ||
  !same(old.status?.runtimeHandlers, node.status?.runtimeHandlers)
