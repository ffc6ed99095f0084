/**
 * The in-memory Store: the reference backend for tests of other parts and for
 * the conformance suite. Writes apply synchronously in call order, so
 * concurrent callers see the same outcome as with sqlite's group commit; a
 * write is "durable" once applied. History for watch replay is bounded by
 * `historyWindow` events (default 10,000); older revisions get TooOldError.
 */
import type { KeyValue, ListResult, Store, Value, WatchOptions, Watcher, WriteResult } from '../interface.ts'
import { EventHistory } from '../event-history.ts'
import { KvIndex } from '../kv-index.ts'
import { planWrite, type WriteOp } from '../plan-write.ts'
import { WatchHub } from '../watch-hub.ts'
import { closedError } from '../errors.ts'
import { listAt } from '../list-at.ts'

export const DEFAULT_HISTORY_WINDOW = 10_000

export interface MemoryStoreOptions {
  /** How many recent events are kept for watch replay and older lists. */
  historyWindow?: number
}

export class MemoryStore implements Store {
  private readonly index = new KvIndex()
  private readonly history: EventHistory
  private readonly hub: WatchHub
  private revision = 0
  private closed = false

  constructor(opts: MemoryStoreOptions = {}) {
    this.history = new EventHistory(opts.historyWindow ?? DEFAULT_HISTORY_WINDOW)
    this.hub = new WatchHub(this.history)
  }

  currentRevision(): number {
    return this.revision
  }

  oldestRevision(): number {
    return this.history.oldest()
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.assertOpen()
    return this.index.get(key)
  }

  async list(prefix: string, opts?: { revision?: number }): Promise<ListResult> {
    this.assertOpen()
    return listAt(this.index, this.history, prefix, opts?.revision)
  }

  create(key: string, value: Value): Promise<WriteResult> {
    return this.write({ kind: 'create', key, value })
  }

  update(key: string, value: Value, expectedRevision?: number): Promise<WriteResult> {
    return this.write({ kind: 'update', key, value, expected: expectedRevision })
  }

  delete(key: string, expectedRevision?: number): Promise<WriteResult> {
    return this.write({ kind: 'delete', key, expected: expectedRevision })
  }

  watch(opts: WatchOptions): Watcher {
    this.assertOpen()
    return this.hub.watch(opts)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.hub.closeAll()
  }

  private async write(op: WriteOp): Promise<WriteResult> {
    this.assertOpen()
    const plan = planWrite(op, this.index.get(op.key), this.revision + 1)
    if (!plan.ok) return plan.result
    this.revision++
    this.index.apply(plan.event)
    this.hub.publish([plan.event])
    return plan.result
  }

  private assertOpen(): void {
    if (this.closed) throw closedError()
  }
}
