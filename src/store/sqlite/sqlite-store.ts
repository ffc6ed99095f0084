/**
 * The embedded default Store: a kine-style log in SQLite (WAL, synchronous=FULL)
 * behind an in-memory watch cache.
 *
 * - Group commit: writes arriving in the same event-loop turn are validated in
 *   call order against the committed view plus the writes already queued, get
 *   their revisions, and are written in ONE transaction (one fsync) on the next
 *   turn. Every promise of the batch settles only after that commit; if it
 *   fails they all reject, and the view is reconciled with the database so no
 *   partial state is ever visible. Misses queued behind pending writes settle
 *   with the batch too (they were judged against it).
 * - Reads (get, list) and watches are served from memory: the index and event
 *   window are loaded at open and advanced only after a commit, so readers and
 *   watchers never see an uncommitted write. Events go out in revision order.
 * - Revisions survive restarts: a reopened store continues from the newest row.
 * - The log is compacted to the history window inside a write transaction once
 *   `compactEvery` revisions have left it, or on demand with compact().
 */
import type Database from 'better-sqlite3'
import type { KeyValue, ListResult, Store, Value, WatchEvent, WatchOptions, Watcher, WriteResult } from '../interface.ts'
import { EventHistory } from '../event-history.ts'
import { KvIndex } from '../kv-index.ts'
import { listAt } from '../list-at.ts'
import { planWrite, type WriteOp } from '../plan-write.ts'
import { WatchHub } from '../watch-hub.ts'
import { closedError } from '../errors.ts'
import { LogTable, toRow, type LogRow } from './log-table.ts'
import { openDatabase, openError } from './open-database.ts'

export const DEFAULT_HISTORY_WINDOW = 10_000
export const DEFAULT_MAX_BATCH = 1_000
export const DEFAULT_COMPACT_EVERY = 1_000

export interface SqliteStoreOptions {
  /** The database file; its directory is created if missing. */
  file: string
  /** How many recent events are kept for watch replay and older lists. */
  historyWindow?: number
  /** Most writes per transaction; 1 commits every write on its own (no group commit). */
  maxBatch?: number
  /** Compact the log once this many revisions have left the window (0: only on compact()). */
  compactEvery?: number
  /** How long to wait for another process's lock at open (ms). */
  busyTimeoutMs?: number
  /** Fault injection for tests: runs inside / right after each write transaction. */
  testHooks?: { inCommit?(): void; afterCommit?(): void }
}

export interface SqliteStoreStats {
  /** Write transactions committed. */
  commits: number
  /** Writes (revisions) committed. */
  writes: number
  /** Write transactions that failed. */
  failedCommits: number
}

interface Pending {
  result: WriteResult
  event?: WatchEvent
  json?: string
  resolve(r: WriteResult): void
  reject(err: unknown): void
}

export class SqliteStore implements Store {
  private readonly index = new KvIndex()
  private readonly history: EventHistory
  private readonly hub: WatchHub
  private readonly log: LogTable
  private readonly maxBatch: number
  private readonly compactEvery: number
  private committed: number
  /** Last revision handed to a queued write (committed + queued writes). */
  private assigned: number
  private compactedTo: number
  /** Queued writes' effect on their keys (null: deleted), consulted before the index. */
  private readonly overlay = new Map<string, KeyValue | null>()
  private batch: Pending[] = []
  private batchWrites = 0
  private timer: NodeJS.Immediate | undefined
  private closed = false
  /** Set when the database stopped answering; every later write fails with it. */
  private broken: unknown
  private readonly counters: SqliteStoreStats = { commits: 0, writes: 0, failedCommits: 0 }

  static async open(opts: SqliteStoreOptions): Promise<SqliteStore> {
    const db = openDatabase(opts.file, { busyTimeoutMs: opts.busyTimeoutMs })
    try {
      return new SqliteStore(db, opts)
    } catch (err) {
      db.close()
      throw openError(opts.file, err)
    }
  }

  private constructor(
    private readonly db: Database.Database,
    private readonly opts: SqliteStoreOptions,
  ) {
    this.maxBatch = Math.max(1, opts.maxBatch ?? DEFAULT_MAX_BATCH)
    this.compactEvery = opts.compactEvery ?? DEFAULT_COMPACT_EVERY
    this.log = new LogTable(db)
    const window = opts.historyWindow ?? DEFAULT_HISTORY_WINDOW
    const latest = this.log.maxRevision()
    this.compactedTo = this.log.compactRevision()
    const from = Math.max(this.compactedTo, latest - window + 1, 1)
    this.history = new EventHistory(window, from - 1)
    this.hub = new WatchHub(this.history)
    for (const kv of this.log.loadCurrent()) this.index.set(kv)
    this.hub.publish(this.log.loadEvents(from))
    this.committed = this.assigned = latest
  }

  currentRevision(): number {
    return this.committed
  }

  oldestRevision(): number {
    return this.history.oldest()
  }

  stats(): SqliteStoreStats {
    return { ...this.counters }
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
    return this.submit({ kind: 'create', key, value })
  }

  update(key: string, value: Value, expectedRevision?: number): Promise<WriteResult> {
    return this.submit({ kind: 'update', key, value, expected: expectedRevision })
  }

  delete(key: string, expectedRevision?: number): Promise<WriteResult> {
    return this.submit({ kind: 'delete', key, expected: expectedRevision })
  }

  watch(opts: WatchOptions): Watcher {
    this.assertOpen()
    return this.hub.watch(opts)
  }

  /** Drops log rows older than the history window now; returns the new compact point and rows removed. */
  async compact(): Promise<{ compactRevision: number; removed: number }> {
    this.assertOpen()
    const to = this.history.oldest()
    const removed = this.log.compact(to)
    this.compactedTo = Math.max(this.compactedTo, to)
    return { compactRevision: this.compactedTo, removed }
  }

  /** Commits queued writes, ends every watch and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return
    this.flush()
    this.closed = true
    this.hub.closeAll()
    this.db.close()
  }

  private submit(op: WriteOp): Promise<WriteResult> {
    if (this.closed) return Promise.reject(closedError())
    if (this.broken !== undefined) return Promise.reject(this.broken)
    let plan: ReturnType<typeof planWrite>
    try {
      plan = planWrite(op, this.lookup(op.key), this.assigned + 1)
    } catch (err) {
      return Promise.reject(err)
    }
    if (!plan.ok && this.batch.length === 0) return Promise.resolve(plan.result)
    return new Promise<WriteResult>((resolve, reject) => {
      const pending: Pending = { result: plan.result, resolve, reject }
      if (plan.ok) {
        this.assigned++
        this.overlay.set(op.key, plan.event.type === 'put' ? plan.event.kv : null)
        pending.event = plan.event
        pending.json = plan.json
        this.batchWrites++
      }
      this.batch.push(pending)
      if (this.batchWrites >= this.maxBatch) this.flush()
      else this.timer ??= setImmediate(() => this.flush())
    })
  }

  private lookup(key: string): KeyValue | undefined {
    const queued = this.overlay.get(key)
    if (queued !== undefined) return queued ?? undefined
    return this.index.get(key)
  }

  /** Writes the queued batch in one transaction, then publishes and settles it. */
  private flush(): void {
    if (this.timer) clearImmediate(this.timer)
    this.timer = undefined
    const ops = this.batch
    if (ops.length === 0) return
    this.batch = []
    this.batchWrites = 0
    this.overlay.clear()
    const events: WatchEvent[] = []
    const rows: LogRow[] = []
    for (const op of ops) {
      if (!op.event) continue
      events.push(op.event)
      rows.push(toRow(op.event, op.json))
    }
    if (rows.length) {
      try {
        this.log.write(rows, this.compactionDue(this.assigned), this.opts.testHooks?.inCommit)
        this.opts.testHooks?.afterCommit?.()
      } catch (err) {
        this.counters.failedCommits++
        this.reconcile()
        for (const op of ops) op.reject(err)
        return
      }
      this.counters.commits++
      this.counters.writes += rows.length
      this.advance(events)
    }
    for (const op of ops) op.resolve(op.result)
  }

  /** The revision to compact to within this commit, or 0 when not yet worth it. */
  private compactionDue(latest: number): number {
    if (this.compactEvery <= 0) return 0
    const to = latest - this.history.window + 1
    if (to - this.compactedTo < this.compactEvery) return 0
    this.compactedTo = to
    return to
  }

  private advance(events: WatchEvent[]): void {
    for (const e of events) this.index.apply(e)
    this.hub.publish(events)
    this.committed = this.assigned = this.history.latestRevision()
  }

  /**
   * After a failed commit: forget the queued revisions and bring the view in
   * line with what the database holds. Normally nothing was written; if the
   * commit did land despite the error, its events are loaded and published so
   * watchers see no gap. A database that cannot even be read marks the store broken.
   */
  private reconcile(): void {
    this.assigned = this.committed
    try {
      this.compactedTo = this.log.compactRevision()
      if (this.log.maxRevision() > this.committed) this.advance(this.log.loadEvents(this.committed + 1))
    } catch (err) {
      this.broken = err
    }
  }

  private assertOpen(): void {
    if (this.closed) throw closedError()
  }
}

export const openSqliteStore = (opts: SqliteStoreOptions): Promise<SqliteStore> => SqliteStore.open(opts)
