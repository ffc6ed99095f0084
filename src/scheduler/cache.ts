/**
 * The scheduler's cache: a NodeInfo per Node fed by informers, the Pods
 * assigned to each (requests with overhead, ports), Pods assumed by a cycle
 * whose binding is still in flight (so the next cycle already counts them),
 * and per-handler counts of schedulable nodes reporting each runtime handler.
 * Pods whose node is not (yet) known are kept aside until it appears.
 */
import type { Node } from './framework/node-info.ts'
import { NodeInfo } from './framework/node-info.ts'
import type { PodInfo } from './framework/pod-info.ts'

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>()
  /** NodeInfos for pods on nodes we have not seen (or that were deleted while pods remain). */
  private readonly ghosts = new Map<string, NodeInfo>()
  private list: NodeInfo[] | undefined
  private readonly podNode = new Map<string, string>()
  private readonly assumed = new Set<string>()
  private readonly handlerCounts = new Map<string, number>()

  /** Nodes in a stable order (insertion), rebuilt only when nodes come or go. */
  nodeList(): readonly NodeInfo[] {
    return (this.list ??= [...this.nodes.values()])
  }

  getNode(name: string): NodeInfo | undefined {
    return this.nodes.get(name)
  }

  nodesReportingHandler(handler: string): number {
    return this.handlerCounts.get(handler) ?? 0
  }

  isAssumed(key: string): boolean {
    return this.assumed.has(key)
  }

  nodeOf(key: string): string | undefined {
    return this.podNode.get(key)
  }

  upsertNode(node: Node): NodeInfo {
    const name = node.metadata.name!
    let ni = this.nodes.get(name)
    if (ni) {
      this.countHandlers(ni, -1)
      ni.setNode(node)
    } else {
      ni = this.ghosts.get(name)
      this.ghosts.delete(name)
      if (ni) ni.setNode(node)
      else ni = new NodeInfo(node)
      this.nodes.set(name, ni)
      this.list = undefined
    }
    this.countHandlers(ni, 1)
    return ni
  }

  removeNode(name: string): void {
    const ni = this.nodes.get(name)
    if (!ni) return
    this.countHandlers(ni, -1)
    this.nodes.delete(name)
    this.list = undefined
    if (ni.pods.size) this.ghosts.set(name, ni)
  }

  /** An assigned pod seen by the informer; confirms an assumed one. */
  addPod(pi: PodInfo, nodeName: string): void {
    const prev = this.podNode.get(pi.key)
    if (prev !== undefined) this.infoFor(prev)?.removePod(pi.key)
    this.assumed.delete(pi.key)
    this.podNode.set(pi.key, nodeName)
    this.infoFor(nodeName, true)!.addPod(pi)
  }

  removePod(key: string): void {
    const nodeName = this.podNode.get(key)
    if (nodeName === undefined) return
    this.podNode.delete(key)
    this.assumed.delete(key)
    const ni = this.infoFor(nodeName)
    ni?.removePod(key)
    if (ni && !ni.pods.size && this.ghosts.get(nodeName) === ni) this.ghosts.delete(nodeName)
  }

  /** Counts the pod on the node before its binding is written. */
  assumePod(pi: PodInfo, nodeName: string): void {
    this.addPod(pi, nodeName)
    this.assumed.add(pi.key)
  }

  /** Undoes assumePod after a failed bind; a pod the informer has confirmed meanwhile stays. */
  forgetPod(key: string): void {
    if (this.assumed.has(key)) this.removePod(key)
  }

  private infoFor(nodeName: string, create = false): NodeInfo | undefined {
    let ni = this.nodes.get(nodeName) ?? this.ghosts.get(nodeName)
    if (!ni && create) {
      ni = new NodeInfo()
      ni.name = nodeName
      this.ghosts.set(nodeName, ni)
    }
    return ni
  }

  private countHandlers(ni: NodeInfo, delta: number) {
    if (!ni.runtimeHandlers || ni.unschedulable) return
    for (const h of ni.runtimeHandlers) this.handlerCounts.set(h, (this.handlerCounts.get(h) ?? 0) + delta)
  }
}
