/**
 * NodePorts: a node fits only if none of the Pod's host ports (regular
 * containers, hostPort > 0) is already used there; 0.0.0.0 clashes with every
 * IP. Skipped for Pods without host ports. Code Unschedulable: evicting the
 * pod holding the port would free it.
 */
import type { CycleState, FilterPlugin, PreFilterPlugin, Status } from '../framework/interface.ts'
import type { NodeInfo } from '../framework/node-info.ts'
import type { PodInfo } from '../framework/pod-info.ts'
import { skip, unschedulable } from '../framework/status.ts'

export const NAME = 'NodePorts'
export const REASON_PORTS = "node(s) didn't have free ports for the requested pod ports"

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME

  preFilter(_state: CycleState, pod: PodInfo): Status | undefined {
    return pod.hostPorts.length ? undefined : skip()
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    for (const p of pod.hostPorts) if (node.portConflict(p)) return unschedulable(REASON_PORTS)
    return undefined
  }
}

export const create = () => new NodePorts()
