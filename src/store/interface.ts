/**
 * The Store: a key-value store with etcd semantics, shared by every backend
 * (sqlite, memory, etcd).
 *
 * - Every write gets the next global revision; an object's resourceVersion is
 *   the revision of its last write (its mod revision), a decimal string.
 * - create fails if the key exists; update and delete take an optional
 *   expected revision (compare-and-swap) and report a miss as a value, not a throw.
 * - watch delivers every change after `fromRevision`, in revision order with no
 *   gaps; a revision older than the retained window fails with `TooOldError`.
 * - A write's promise resolves only once the write is durable.
 *
 * Keys look like `/registry/<group>/<resource>/<namespace>/<name>`
 * (`/registry/<group>/<resource>/<name>` for cluster-scoped objects);
 * prefixes end with `/`. Values are JSON objects; the store does not interpret them.
 */

export type Value = Record<string, unknown>

export interface KeyValue {
  key: string
  value: Value
  /** Revision of the write that created the key (etcd create_revision). */
  createRevision: number
  /** Revision of the last write to the key (etcd mod_revision): the resourceVersion. */
  modRevision: number
}

export interface ListResult {
  items: KeyValue[]
  /** The store revision the list reflects. */
  revision: number
}

export type WriteResult = { ok: true; kv: KeyValue } | { ok: false; current?: KeyValue }

export type WatchEvent =
  | { type: 'put'; kv: KeyValue; prev?: KeyValue }
  | { type: 'delete'; key: string; revision: number; prev: KeyValue }

export interface Watcher {
  /** Stops delivery; idempotent. */
  close(): void
}

export interface WatchOptions {
  prefix: string
  /** Deliver every event with revision > fromRevision. */
  fromRevision: number
  onEvent(event: WatchEvent): void
  /** Called once if the watch ends by itself (store closed, or the watcher fell too far behind). */
  onClose?(err?: Error): void
}

export class TooOldError extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`)
    this.name = 'TooOldError'
  }
}

export interface Store {
  /** The latest revision (0 for an empty new store). */
  currentRevision(): number
  /** The oldest revision a watch may still start from (fromRevision >= this - 1 is served). */
  oldestRevision(): number
  get(key: string): Promise<KeyValue | undefined>
  /**
   * Lists keys under a prefix, sorted by key. `revision` 0 or undefined means latest;
   * an older revision is served only if the backend keeps history for it, else TooOldError.
   */
  list(prefix: string, opts?: { revision?: number }): Promise<ListResult>
  create(key: string, value: Value): Promise<WriteResult>
  /** Replaces the value if the key's modRevision equals expectedRevision (when given). */
  update(key: string, value: Value, expectedRevision?: number): Promise<WriteResult>
  delete(key: string, expectedRevision?: number): Promise<WriteResult>
  watch(opts: WatchOptions): Watcher
  close(): Promise<void>
}
