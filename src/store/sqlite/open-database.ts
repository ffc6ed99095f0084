/**
 * Opens the SQLite file behind the store: WAL journal, synchronous=FULL (a
 * commit returns only after the WAL is fsynced) and an exclusive lock held for
 * the life of the connection, so a second runclass on the same data directory
 * fails fast instead of writing behind this one's in-memory view.
 *
 * Every failure while opening or loading becomes a StorageError with code
 * RC_STORAGE_OPEN whose message names the file and what to do about it.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { StorageError } from '../errors.ts'

export const SCHEMA_VERSION = 1

// The log is kine's shape: one row per revision. The current object of a key is
// its newest row unless that row is a tombstone; a row's previous version is the
// row at prev_revision, kept until this row itself leaves the history window.
const SCHEMA = `
CREATE TABLE log (
  revision        INTEGER PRIMARY KEY,
  key             TEXT    NOT NULL,
  deleted         INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision   INTEGER NOT NULL,
  value           TEXT
) STRICT;
CREATE TABLE meta (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO meta (name, value) VALUES ('compact_revision', 0);
`

export interface OpenOptions {
  /** How long to wait for another process's lock before failing (ms). */
  busyTimeoutMs?: number
}

export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  let db: Database.Database | undefined
  try {
    mkdirSync(dirname(file), { recursive: true })
    db = new Database(file, { timeout: opts.busyTimeoutMs ?? 1000 })
    // Must precede the first WAL access: then no shared-memory index is used and the lock is kept.
    db.pragma('locking_mode = EXCLUSIVE')
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal') throw new Error(`could not switch the journal to WAL (got ${String(mode)})`)
    db.pragma('synchronous = FULL')
    migrate(db)
    return db
  } catch (err) {
    db?.close()
    throw openError(file, err)
  }
}

function migrate(db: Database.Database): void {
  // IMMEDIATE takes the write lock now, which EXCLUSIVE mode then keeps.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version === SCHEMA_VERSION) return
    if (version > SCHEMA_VERSION) {
      throw new SchemaError(`its schema version ${version} was written by a newer runclass (this one reads ${SCHEMA_VERSION})`)
    }
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
    if (tables.length) throw new SchemaError(`it is a SQLite database of something else (tables: ${tables.map((t) => t.name).join(', ')})`)
    db.exec(SCHEMA)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
}

class SchemaError extends Error {}

/** Maps a failure at open time to an RC_STORAGE_OPEN error that says what to do. */
export function openError(file: string, err: unknown): StorageError {
  if (err instanceof StorageError && err.code === 'RC_STORAGE_OPEN') return err
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : ''
  const detail = err instanceof Error ? err.message : String(err)
  let advice: string
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    advice = 'the database is locked by another process; stop the other runclass using this data directory, or pass another --data-dir'
  } else if (err instanceof SchemaError) {
    advice = `${detail}; use a runclass of the matching version, or pass another --data-dir`
  } else if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT') || err instanceof SyntaxError) {
    advice = `the file is corrupt or not a runclass database (${detail}); move it aside and restore a backup, or remove it (and its -wal file) to start an empty cluster`
  } else if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code === 'EACCES' || code === 'ENOTDIR') {
    advice = `${detail}; check that the path is a writable file in an existing, writable directory`
  } else if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') {
    advice = 'the disk is full; free some space and start again'
  } else {
    advice = detail
  }
  return new StorageError('RC_STORAGE_OPEN', `cannot open store ${file}: ${advice}`, { cause: err })
}
