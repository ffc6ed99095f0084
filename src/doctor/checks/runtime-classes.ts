/**
 * Cluster check, per RuntimeClass: some Node must report its handler, and
 * its `scheduling.nodeSelector` must match at least one of those nodes —
 * otherwise every Pod naming the class stays Pending or fails at
 * RunPodSandbox (FAIL). The fix installs the runtime when runclass knows the
 * handler, else points at recreating the class (the handler is immutable).
 */
import type { KubeObject } from '../../api/meta.ts'
import { installFor } from '../handler-binaries.ts'
import type { CheckResult, ClusterSnapshot } from '../interface.ts'
import { nodeHandlers } from '../node-facts.ts'

const matches = (selector: Record<string, string>, labels: Record<string, string> | undefined) =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v)

export const checkRuntimeClass = (rc: KubeObject, cluster: ClusterSnapshot): CheckResult => {
  const rcName = rc.metadata.name!
  const handler = String((rc as any).handler ?? '')
  const name = `runtimeclass ${rcName}`
  const withHandler = cluster.nodes.filter((n) => nodeHandlers(n).includes(handler))
  if (!withHandler.length) {
    const known = [...new Set(cluster.nodes.flatMap(nodeHandlers))].sort()
    const install = installFor(handler)
    return {
      name,
      result: 'FAIL',
      detail: `handler "${handler}" is reported by no node (nodes have: ${known.join(', ') || 'none'}); Pods using it cannot run`,
      fix: install
        ? `${install} on a node and restart runclass there`
        : `kubectl delete runtimeclass ${rcName}, then recreate it with a handler the nodes have${known.length ? ` (${known.join(', ')})` : ''}`,
    }
  }
  const selector: Record<string, string> = (rc as any).scheduling?.nodeSelector ?? {}
  const nodes = withHandler.filter((n) => matches(selector, n.metadata.labels))
  const nodeNames = (list: KubeObject[]) => list.map((n) => n.metadata.name).sort().join(', ')
  if (!nodes.length) {
    const sel = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',')
    return {
      name,
      result: 'FAIL',
      detail: `handler "${handler}" is on ${nodeNames(withHandler)} but scheduling.nodeSelector ${sel} matches none of them`,
      fix: `kubectl label node ${withHandler[0].metadata.name} ${sel}, or fix the class's scheduling.nodeSelector`,
    }
  }
  return { name, result: 'ok', detail: `handler ${handler} on ${nodeNames(nodes)}` }
}

export const checkRuntimeClasses = (cluster: ClusterSnapshot): CheckResult[] =>
  [...cluster.runtimeClasses].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1)).map((rc) => checkRuntimeClass(rc, cluster))
