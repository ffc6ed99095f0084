/**
 * Reads and writes of the `log` table (see open-database.ts for the schema):
 * appending a batch of events in one transaction, loading the current objects
 * and the recent events at open, and compacting rows that left the window.
 *
 * Compaction to revision C removes, for every row below C, the version it
 * replaced (its prev_revision row) and, for tombstones below C, the tombstone
 * itself. Rows at or after C and their previous versions stay, so the history
 * from C on can always be rebuilt with `prev` filled in.
 */
import type Database from 'better-sqlite3'
import type { KeyValue, WatchEvent } from '../interface.ts'
import { freezeKv, parseFrozen } from '../plan-write.ts'

export interface LogRow {
  revision: number
  key: string
  deleted: 0 | 1
  create_revision: number
  prev_revision: number
  value: string | null
}

interface EventRow extends LogRow {
  prev_value: string | null
  prev_create_revision: number | null
}

export class LogTable {
  private readonly insert: Database.Statement<[number, string, number, number, number, string | null]>
  private readonly maxRev: Database.Statement<[], { rev: number | null }>
  private readonly compactRev: Database.Statement<[], { value: number }>
  private readonly setCompactRev: Database.Statement<[number]>
  private readonly deletePrev: Database.Statement<[number, number]>
  private readonly deleteTombstones: Database.Statement<[number, number]>
  private readonly writeTx: (rows: readonly LogRow[], compactTo: number, hook?: () => void) => void

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO log (revision, key, deleted, create_revision, prev_revision, value) VALUES (?, ?, ?, ?, ?, ?)',
    )
    this.maxRev = db.prepare('SELECT MAX(revision) AS rev FROM log')
    this.compactRev = db.prepare(`SELECT value FROM meta WHERE name = 'compact_revision'`)
    this.setCompactRev = db.prepare(`UPDATE meta SET value = ? WHERE name = 'compact_revision'`)
    this.deletePrev = db.prepare(
      'DELETE FROM log WHERE revision IN (SELECT prev_revision FROM log WHERE revision >= ? AND revision < ? AND prev_revision > 0)',
    )
    this.deleteTombstones = db.prepare('DELETE FROM log WHERE revision >= ? AND revision < ? AND deleted = 1')
    this.writeTx = db.transaction((rows, compactTo, hook) => {
      for (const r of rows) this.insert.run(r.revision, r.key, r.deleted, r.create_revision, r.prev_revision, r.value)
      if (compactTo > 0) this.compactInTx(compactTo)
      hook?.()
    })
  }

  /** The newest revision written; after a full compaction of an empty log, the compact point. */
  maxRevision(): number {
    return this.maxRev.get()?.rev ?? Math.max(0, this.compactRevision() - 1)
  }

  compactRevision(): number {
    return this.compactRev.get()?.value ?? 0
  }

  /**
   * Appends `rows` (and compacts to `compactTo` when > 0) in one transaction:
   * one WAL fsync. `hook` runs inside it (tests inject failures there).
   */
  write(rows: readonly LogRow[], compactTo = 0, hook?: () => void): void {
    this.writeTx(rows, compactTo, hook)
  }

  /** Compacts to `to` in its own transaction; returns the number of rows removed. */
  compact(to: number): number {
    return this.db.transaction(() => this.compactInTx(to)).immediate()
  }

  /** The current objects: the newest row of every key that is not a tombstone. */
  loadCurrent(): KeyValue[] {
    const latest = new Map<string, LogRow>()
    const rows = this.db.prepare('SELECT * FROM log ORDER BY revision').iterate() as IterableIterator<LogRow>
    for (const row of rows) {
      if (row.deleted) latest.delete(row.key)
      else latest.set(row.key, row)
    }
    return [...latest.values()].map((r) => {
      if (r.value === null) throw new SyntaxError(`log row ${r.revision} has no value`)
      return freezeKv({ key: r.key, value: parseFrozen(r.value), createRevision: r.create_revision, modRevision: r.revision })
    })
  }

  /** Events with revision >= `from`, oldest first, each with its previous version. */
  loadEvents(from: number): WatchEvent[] {
    const rows = this.db
      .prepare(
        `SELECT l.*, p.value AS prev_value, p.create_revision AS prev_create_revision
         FROM log l LEFT JOIN log p ON l.prev_revision > 0 AND p.revision = l.prev_revision
         WHERE l.revision >= ? ORDER BY l.revision`,
      )
      .all(from) as EventRow[]
    return rows.map(toEvent)
  }

  private compactInTx(to: number): number {
    const from = this.compactRevision()
    if (to <= from) return 0
    const removed = this.deletePrev.run(from, to).changes + this.deleteTombstones.run(from, to).changes
    this.setCompactRev.run(to)
    return removed
  }
}

/** The row for a committed event; `json` is the put's already serialised value. */
export function toRow(e: WatchEvent, json: string | undefined): LogRow {
  if (e.type === 'delete') {
    return { revision: e.revision, key: e.key, deleted: 1, create_revision: e.prev.createRevision, prev_revision: e.prev.modRevision, value: null }
  }
  return {
    revision: e.kv.modRevision,
    key: e.kv.key,
    deleted: 0,
    create_revision: e.kv.createRevision,
    prev_revision: e.prev?.modRevision ?? 0,
    value: json ?? JSON.stringify(e.kv.value),
  }
}

function toEvent(r: EventRow): WatchEvent {
  let prev: KeyValue | undefined
  if (r.prev_revision > 0) {
    if (r.prev_value === null || r.prev_create_revision === null) {
      throw new SyntaxError(`log row ${r.revision} refers to missing previous version ${r.prev_revision}`)
    }
    prev = freezeKv({ key: r.key, value: parseFrozen(r.prev_value), createRevision: r.prev_create_revision, modRevision: r.prev_revision })
  }
  if (r.deleted) {
    if (!prev) throw new SyntaxError(`log row ${r.revision} deletes ${r.key} but names no previous version`)
    return Object.freeze({ type: 'delete', key: r.key, revision: r.revision, prev })
  }
  if (r.value === null) throw new SyntaxError(`log row ${r.revision} has no value`)
  const kv = freezeKv({ key: r.key, value: parseFrozen(r.value), createRevision: r.create_revision, modRevision: r.revision })
  return Object.freeze(prev ? { type: 'put', kv, prev } : { type: 'put', kv })
}
