/**
 * Default RuntimeClasses: one per handler the node really has. Placeholder
 * until the implementation lands.
 */
import type { Logger } from 'pino'
import type { ApiClient } from '../client/index.ts'

export interface DefaultRuntimeClassesOptions {
  client: ApiClient
  /** Handlers the node reports (e.g. runc, crun, runc-hardened, runsc). */
  handlers: string[]
  log?: Logger
}

export const ensureDefaultRuntimeClasses = async (_opts: DefaultRuntimeClassesOptions): Promise<string[]> => []
