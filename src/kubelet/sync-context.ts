/**
 * What the per-pod sync steps share: the API client, the CRI, the RuntimeClass
 * manager, events, status manager, backoffs, per-pod memory (why a container
 * waits), node facts, and the CRI deadlines (runtimes-debian.md §9: every
 * call has one; RunPodSandbox gets twice the runtime request timeout).
 */
import type { ApiClient } from '../client/interface.ts'
import type { CriClient } from '../cri/interface.ts'
import type { Backoff } from './backoff.ts'
import type { PodCgroups } from './pod-cgroups.ts'
import type { PodEvents } from './pod-events.ts'
import type { Waiting } from './pod-status.ts'
import type { RuntimeClassManager } from './runtimeclass-manager.ts'
import type { StatusManager } from './status-manager.ts'

export interface AgentLog {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
  debug(obj: object, msg?: string): void
}

/** In-memory state of one pod between syncs (lost on restart; the runtime holds the rest). */
export interface PodMemory {
  /** Why each container without a running instance waits (ErrImagePull, CrashLoopBackOff, …). */
  waiting: Map<string, Waiting>
  /** Terminal pod whose containers and sandbox were stopped already. */
  stopped?: boolean
}

export interface SyncContext {
  client: ApiClient
  cri: CriClient
  runtimeClasses: Pick<RuntimeClassManager, 'lookupHandler' | 'confirmMissing' | 'lookupLive'>
  events: PodEvents
  status: StatusManager
  log: AgentLog
  nodeName: string
  dataDir: string
  hostIP: () => string
  memoryCapacity: number
  runtimeName: string
  cgroups?: PodCgroups
  crashBackoff: Backoff
  imageBackoff: Backoff
  sandboxBackoff: Backoff
  imageErrors: Map<string, { message: string; at: number }>
  memory: Map<string, PodMemory>
  /** Deadline of ordinary CRI calls (ms). */
  callTimeoutMs: number
  /** Deadline of RunPodSandbox (ms). */
  sandboxTimeoutMs: number
}

export const podMemory = (ctx: SyncContext, uid: string): PodMemory => {
  let m = ctx.memory.get(uid)
  if (!m) ctx.memory.set(uid, (m = { waiting: new Map() }))
  return m
}

/** Go's time.Duration text for whole seconds: 10s, 1m20s, 5m0s. */
export const goDuration = (ms: number): string => {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${s % 60}s`
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`
}
