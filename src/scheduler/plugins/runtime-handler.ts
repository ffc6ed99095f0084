/**
 * RuntimeHandler (runclass, not upstream; spec/README.md decision d): a node
 * that reports status.runtimeHandlers without the handler of the Pod's
 * RuntimeClass is filtered out — but only while at least one schedulable node
 * reports that handler. When none does, every node passes (conformance C2/C3
 * schedule such Pods) and a Warning event says so; the node agent then fails
 * the Pod. Nodes that report no handlers at all always pass. Pods without a
 * class, or whose class is unknown to the scheduler, are not affected.
 */
import type { CycleState, FilterPlugin, Handle, PreFilterPlugin, Status } from '../framework/interface.ts'
import type { NodeInfo } from '../framework/node-info.ts'
import type { PodInfo } from '../framework/pod-info.ts'
import { skip, unresolvable } from '../framework/status.ts'

export const NAME = 'RuntimeHandler'
export const EVENT_REASON_NOT_REPORTED = 'RuntimeHandlerNotReported'
export const missingHandlerReason = (h: string) => `node(s) didn't have runtime handler "${h}"`
export const notReportedMessage = (h: string) => `no node reports runtime handler "${h}"`
const PREFILTER_KEY = `PreFilter${NAME}`

export class RuntimeHandler implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME
  constructor(private readonly handle: Handle) {}

  preFilter(state: CycleState, pod: PodInfo): Status | undefined {
    const className = pod.pod.spec.runtimeClassName
    if (!className) return skip()
    const handler = this.handle.runtimeClassHandler(className)
    if (handler === undefined) return skip()
    if (this.handle.nodesReportingHandler(handler) === 0) {
      this.handle.recordEvent(pod.pod, 'Warning', EVENT_REASON_NOT_REPORTED, notReportedMessage(handler), 'Scheduling')
      return skip()
    }
    state.set(PREFILTER_KEY, { handler, rejected: unresolvable(missingHandlerReason(handler)) })
    return undefined
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | undefined {
    const s = state.get(PREFILTER_KEY) as { handler: string; rejected: Status }
    if (!node.runtimeHandlers || node.runtimeHandlers.has(s.handler)) return undefined
    return s.rejected
  }
}

export const create = (handle: Handle) => new RuntimeHandler(handle)
