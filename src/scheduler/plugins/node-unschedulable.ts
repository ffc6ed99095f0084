/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes only Pods that
 * tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { CycleState, FilterPlugin, Status } from '../framework/interface.ts'
import type { NodeInfo } from '../framework/node-info.ts'
import type { PodInfo } from '../framework/pod-info.ts'
import { unresolvable } from '../framework/status.ts'
import { tolerated } from '../helpers/tolerations.ts'

export const NAME = 'NodeUnschedulable'
export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable'
const REJECTED = unresolvable(REASON_UNSCHEDULABLE)
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }

export class NodeUnschedulable implements FilterPlugin {
  readonly name = NAME
  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    if (!node.unschedulable || tolerated(UNSCHEDULABLE_TAINT, pod.pod.spec.tolerations)) return undefined
    return REJECTED
  }
}

export const create = () => new NodeUnschedulable()
