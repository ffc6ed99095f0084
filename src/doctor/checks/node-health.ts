/**
 * Cluster check, per Node: Ready, a fresh heartbeat and the handlers it
 * reports. A heartbeat older than the lease duration (40 s) means the node
 * agent is gone: its Pods are not being run (FAIL). One far in the future
 * means the clocks of this host and the node disagree (warn). No Node at all
 * means no Pod can run.
 */
import type { KubeObject } from '../../api/meta.ts'
import { LEASE_DURATION_SECONDS } from '../../kubelet/node-lease.ts'
import type { CheckResult, ClusterSnapshot } from '../interface.ts'
import { lastHeartbeat, nodeHandlers, readyCondition } from '../node-facts.ts'

export const STALE_AFTER_MS = LEASE_DURATION_SECONDS * 1000
/** Allowed clock difference before a heartbeat "from the future" is reported. */
export const SKEW_TOLERANCE_MS = 5_000

const agentFix = (name: string) => `start the node agent on ${name}: runclass up (or runclass agent --server …) and check its log`

export const checkReady = (node: KubeObject): CheckResult => {
  const name = `node ${node.metadata.name} ready`
  const ready = readyCondition(node)
  if (ready?.status === 'True') return { name, result: 'ok', detail: `Ready (${ready.reason ?? 'no reason'})` }
  if (!ready) return { name, result: 'FAIL', detail: 'no Ready condition: the node agent never posted status', fix: agentFix(node.metadata.name!) }
  return {
    name,
    result: 'FAIL',
    detail: `Ready=${ready.status} (${ready.reason ?? ''}): ${ready.message ?? ''}`,
    fix: `runclass doctor on ${node.metadata.name} (containerd and its network must be ready)`,
  }
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`

export const checkHeartbeat = (node: KubeObject, cluster: ClusterSnapshot): CheckResult => {
  const name = `node ${node.metadata.name} heartbeat`
  const beat = lastHeartbeat(node, cluster.leases)
  if (!beat) return { name, result: 'FAIL', detail: 'no lease and no Ready heartbeat', fix: agentFix(node.metadata.name!) }
  const age = cluster.now.getTime() - beat.at.getTime()
  const when = `${beat.source} ${beat.at.toISOString()}`
  if (age > STALE_AFTER_MS) {
    return { name, result: 'FAIL', detail: `stale: last heartbeat ${seconds(age)} ago (${when}; limit ${seconds(STALE_AFTER_MS)})`, fix: agentFix(node.metadata.name!) }
  }
  if (age < -SKEW_TOLERANCE_MS) {
    return { name, result: 'warn', detail: `heartbeat ${seconds(-age)} in the future (${when}): clocks of this host and the node differ`, fix: 'synchronise clocks (chrony or systemd-timesyncd) on both machines' }
  }
  return { name, result: 'ok', detail: `${seconds(Math.max(0, age))} ago (${beat.source})` }
}

export const checkNodeHandlers = (node: KubeObject): CheckResult => {
  const name = `node ${node.metadata.name} handlers`
  const handlers = nodeHandlers(node)
  if (handlers.length) return { name, result: 'ok', detail: handlers.join(', ') }
  return { name, result: 'warn', detail: 'reports no named runtime handler (only the default)', fix: `install runtimes on ${node.metadata.name} (apt-get install runc crun runsc) and restart its agent` }
}

export const checkNodes = (cluster: ClusterSnapshot): CheckResult[] => {
  if (!cluster.nodes.length) {
    return [{ name: 'nodes', result: 'FAIL', detail: 'no Node registered: Pods stay Pending', fix: 'runclass up (without --no-agent), or runclass agent --server … on a node' }]
  }
  const sorted = [...cluster.nodes].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
  return sorted.flatMap((n) => [checkReady(n), checkHeartbeat(n, cluster), checkNodeHandlers(n)])
}
