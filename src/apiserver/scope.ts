/**
 * Everything a REST handler needs for one request: the resource, the version
 * the client speaks, the parsed request, the object store, admission, and the
 * warnings to send back.
 */
import type { KubeObject } from '../api/meta.ts'
import type { ResourceDef, VersionDef } from '../api/resources/index.ts'
import type { AdmissionChain } from '../admission/interface.ts'
import type { Store } from '../store/interface.ts'
import type { ExecOptions, ExecSession } from '../streaming/exec-io.ts'
import type { ObjectStore } from './object-store.ts'
import type { ApiRequest } from './request.ts'
import type { ResourceRequestInfo } from './request-info.ts'

export interface ServerContext {
  store: Store
  admission: AdmissionChain
  objects(def: ResourceDef): ObjectStore
  now(): Date
  /** Looks a resource up by group and plural (for cross-resource work such as namespace deletion). */
  resources: ResourceDef[]
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void; debug(obj: object, msg?: string): void }
  /** Hook for pods/log (served by the node agent in a later stage). */
  podLogs?(pod: KubeObject, query: URLSearchParams, signal?: AbortSignal): Promise<AsyncIterable<string | Buffer>>
  /** Hook for pods/exec and pods/attach: resolves once the node agent can run it (before the upgrade). */
  podExec?(pod: KubeObject, options: ExecOptions, kind: 'exec' | 'attach'): Promise<ExecSession>
  /** Stops long-running requests when the server shuts down. */
  shutdown: AbortSignal
}

export interface Scope {
  ctx: ServerContext
  def: ResourceDef
  version: VersionDef
  info: ResourceRequestInfo
  req: ApiRequest
  objects: ObjectStore
  user: string
  warnings: string[]
}

export const isDryRun = (s: Scope) => s.info.query.getAll('dryRun').includes('All')
