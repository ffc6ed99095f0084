/**
 * The one typed API client every component uses (scheduler, node agent,
 * admission, CLI). Two transports, one interface: in-process (straight into
 * ApiServer.handle) and HTTPS; callers never know which one they have.
 */
import type { KubeList, KubeObject } from '../api/meta.ts'

export interface ResourceRef {
  group: string
  version: string
  plural: string
  kind: string
  namespaced: boolean
}

export interface ListOptions {
  namespace?: string
  labelSelector?: string
  fieldSelector?: string
  limit?: number
  continue?: string
  resourceVersion?: string
}

export interface WatchOptions extends ListOptions {
  allowWatchBookmarks?: boolean
  timeoutSeconds?: number
  signal?: AbortSignal
}

export interface WriteOptions {
  namespace?: string
  subresource?: string
  dryRun?: boolean
  fieldManager?: string
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore'
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply'

export interface DeleteOptions {
  namespace?: string
  gracePeriodSeconds?: number
  preconditions?: { uid?: string; resourceVersion?: string }
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'
  dryRun?: boolean
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'

export interface WatchEvent<T = KubeObject> {
  type: WatchEventType
  object: T
}

export interface ApiClient {
  get<T extends KubeObject = KubeObject>(resource: ResourceRef, name: string, namespace?: string): Promise<T>
  list<T extends KubeObject = KubeObject>(resource: ResourceRef, opts?: ListOptions): Promise<KubeList<T>>
  create<T extends KubeObject = KubeObject>(resource: ResourceRef, obj: KubeObject, opts?: WriteOptions & { name?: string }): Promise<T>
  update<T extends KubeObject = KubeObject>(resource: ResourceRef, obj: KubeObject, opts?: WriteOptions): Promise<T>
  patch<T extends KubeObject = KubeObject>(resource: ResourceRef, name: string, type: PatchType, patch: unknown, opts?: WriteOptions & { force?: boolean }): Promise<T>
  delete(resource: ResourceRef, name: string, opts?: DeleteOptions): Promise<KubeObject>
  /** Streams events until the signal aborts, the server ends the watch, or an error; events in order. */
  watch<T extends KubeObject = KubeObject>(resource: ResourceRef, opts: WatchOptions): AsyncIterable<WatchEvent<T>>
  /** The server's /version document. */
  version(): Promise<Record<string, string>>
}
