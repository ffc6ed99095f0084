/**
 * The scheduler: places Pods on Nodes through the API client (watch Pods,
 * Nodes, RuntimeClasses; bind through pods/binding). Placeholder until the
 * framework lands.
 */
import type { Logger } from 'pino'
import type { ApiClient } from '../client/index.ts'

export interface SchedulerOptions {
  client: ApiClient
  signal: AbortSignal
  log?: Logger
}

export interface Scheduler {
  /** Resolves once the initial lists are synced. */
  ready: Promise<void>
}

export const startScheduler = (_opts: SchedulerOptions): Scheduler => ({ ready: Promise.resolve() })
