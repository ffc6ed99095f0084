/** NodeName: a Pod that names a node in spec.nodeName fits only that node. */
import type { CycleState, FilterPlugin, Status } from '../framework/interface.ts'
import type { NodeInfo } from '../framework/node-info.ts'
import type { PodInfo } from '../framework/pod-info.ts'
import { unresolvable } from '../framework/status.ts'

export const NAME = 'NodeName'
export const REASON_NODE_NAME = "node(s) didn't match the requested node name"

const REJECTED = unresolvable(REASON_NODE_NAME)

export class NodeName implements FilterPlugin {
  readonly name = NAME
  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    const want = pod.pod.spec.nodeName
    return !want || want === node.name ? undefined : REJECTED
  }
}

export const create = () => new NodeName()
