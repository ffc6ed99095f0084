/**
 * Cluster check (information): a handler some node offers but no
 * RuntimeClass names cannot be chosen by any Pod. Warn and suggest a class
 * (`gvisor` for runsc, as the seed documents name it).
 */
import type { CheckResult, ClusterSnapshot } from '../interface.ts'
import { nodeHandlers } from '../node-facts.ts'

export const suggestedClassName = (handler: string): string => (handler === 'runsc' ? 'gvisor' : handler)

export const createClassCommand = (handler: string): string =>
  `kubectl apply -f - <<< '${JSON.stringify({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: suggestedClassName(handler) }, handler })}'`

export const checkUnclaimedHandlers = (cluster: ClusterSnapshot): CheckResult[] => {
  const claimed = new Set(cluster.runtimeClasses.map((rc) => String((rc as any).handler ?? '')))
  const byHandler = new Map<string, string[]>()
  for (const node of cluster.nodes) for (const h of nodeHandlers(node)) byHandler.set(h, [...(byHandler.get(h) ?? []), node.metadata.name!])
  return [...byHandler.keys()]
    .filter((h) => !claimed.has(h))
    .sort()
    .map((h) => ({
      name: `handler ${h}`,
      result: 'warn' as const,
      detail: `offered by ${byHandler.get(h)!.sort().join(', ')} but no RuntimeClass uses it`,
      fix: createClassCommand(h),
    }))
}
