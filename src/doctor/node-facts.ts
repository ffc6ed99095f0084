/**
 * What the cluster checks read off a Node: the handlers it reports
 * (`status.runtimeHandlers` without the `""` default entry), its Ready
 * condition and its latest heartbeat (the newer of the node Lease's
 * renewTime and the Ready condition's lastHeartbeatTime: the agent renews the
 * Lease every 10 s but posts an unchanged status only every 5 min).
 */
import type { KubeObject } from '../api/meta.ts'

export const nodeHandlers = (node: KubeObject): string[] =>
  [...new Set(((node.status as any)?.runtimeHandlers ?? []).map((h: any) => h?.name).filter((n: unknown): n is string => typeof n === 'string' && n !== ''))].sort() as string[]

export const readyCondition = (node: KubeObject): { status: string; reason?: string; message?: string; lastHeartbeatTime?: string } | undefined =>
  ((node.status as any)?.conditions ?? []).find((c: any) => c?.type === 'Ready')

export interface Heartbeat {
  at: Date
  source: string
}

const parseTime = (t: unknown): Date | undefined => {
  if (typeof t !== 'string') return undefined
  const ms = Date.parse(t)
  return Number.isNaN(ms) ? undefined : new Date(ms)
}

export const lastHeartbeat = (node: KubeObject, leases: KubeObject[]): Heartbeat | undefined => {
  const lease = leases.find((l) => l.metadata.name === node.metadata.name)
  const candidates: Heartbeat[] = []
  const renew = parseTime((lease?.spec as any)?.renewTime)
  if (renew) candidates.push({ at: renew, source: 'lease renewTime' })
  const beat = parseTime(readyCondition(node)?.lastHeartbeatTime)
  if (beat) candidates.push({ at: beat, source: 'Ready lastHeartbeatTime' })
  return candidates.sort((a, b) => b.at.getTime() - a.at.getTime())[0]
}
