/**
 * sqlite backend: the shared conformance suite, plus what only sqlite has —
 * group commit, commit failure, compaction, and clear errors at open.
 */
import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Store } from '../interface.ts'
import { runStoreSuite } from '../store-suite.ts'
import { isStorageError } from '../errors.ts'
import { record, waitFor, settle } from '../testing/watch-recorder.ts'
import { SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts'

const root = mkdtempSync(join(tmpdir(), 'runclass-sqlite-'))
after(() => rmSync(root, { recursive: true, force: true }))
let seq = 0
const newFile = () => join(root, `db-${++seq}`, 'state.db')

runStoreSuite({
  name: 'sqlite',
  newStore: async ({ historyWindow }) => {
    const opts: SqliteStoreOptions = { file: newFile(), historyWindow }
    let current: Store = await SqliteStore.open(opts)
    const handle = {
      store: current,
      reopen: async () => {
        await current.close()
        current = await SqliteStore.open(opts)
        return current
      },
      cleanup: () => current.close(),
    }
    return handle
  },
})

describe('SqliteStore', () => {
  it('commits the writes of one event-loop turn in one transaction', async () => {
    const store = await SqliteStore.open({ file: newFile() })
    await Promise.all(Array.from({ length: 300 }, (_, i) => store.create(`/r/k${i}`, { i })))
    assert.deepEqual(store.stats(), { commits: 1, writes: 300, failedCommits: 0 })
    await store.create('/r/one', {})
    assert.deepEqual(store.stats(), { commits: 2, writes: 301, failedCommits: 0 })
    await store.close()
  })

  it('maxBatch splits a turn into transactions of at most that many writes', async () => {
    const cases = [{ maxBatch: 1, commits: 10 }, { maxBatch: 4, commits: 3 }, { maxBatch: 100, commits: 1 }]
    for (const c of cases) {
      const store = await SqliteStore.open({ file: newFile(), maxBatch: c.maxBatch })
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.create(`/r/k${i}`, { i })))
      assert.equal(store.stats().commits, c.commits, `maxBatch ${c.maxBatch}`)
      await store.close()
    }
  })

  it('does not show a queued write to readers or watchers before it commits', async () => {
    const store = await SqliteStore.open({ file: newFile() })
    const rec = record(store, '/r/', 0)
    const pending = store.create('/r/a', { v: 1 })
    assert.equal(await store.get('/r/a'), undefined)
    assert.equal(store.currentRevision(), 0)
    assert.deepEqual(rec.events, [])
    await pending
    assert.equal(store.currentRevision(), 1)
    await waitFor(() => rec.events.length === 1)
    await store.close()
  })

  it('a failed commit rejects the whole batch and leaves no trace', async () => {
    let fail = false
    const boom = new Error('disk on fire')
    const file = newFile()
    const store = await SqliteStore.open({ file, testHooks: { inCommit: () => { if (fail) throw boom } } })
    await store.create('/r/kept', { v: 1 }) // rev 1
    const rec = record(store, '/r/', 0)
    fail = true
    const results = await Promise.allSettled([
      store.create('/r/a', {}),
      store.update('/r/kept', { v: 2 }, 1),
      store.create('/r/a', {}), // a miss judged against the queued create: settles with the batch
    ])
    assert.deepEqual(results.map((r) => r.status === 'rejected' && r.reason), [boom, boom, boom])
    fail = false
    assert.equal(store.currentRevision(), 1)
    assert.equal(await store.get('/r/a'), undefined)
    assert.deepEqual((await store.get('/r/kept'))?.value, { v: 1 })
    const next = await store.update('/r/kept', { v: 3 }, 1)
    assert.deepEqual(next.ok && next.kv.modRevision, 2, 'revisions of the failed batch are reused')
    await waitFor(() => rec.events.length === 2)
    assert.deepEqual(rec.events.map((e) => e.type === 'put' && [e.kv.key, e.kv.modRevision]), [['/r/kept', 1], ['/r/kept', 2]])
    assert.deepEqual(store.stats().failedCommits, 1)
    await store.close()
    const reopened = await SqliteStore.open({ file })
    assert.deepEqual((await reopened.list('/r/')).items.map((i) => [i.key, i.modRevision]), [['/r/kept', 2]])
    await reopened.close()
  })

  it('a commit that lands but reports an error is reconciled: watchers see it, revisions continue', async () => {
    let fail = true
    const store = await SqliteStore.open({ file: newFile(), testHooks: { afterCommit: () => { if (fail) { fail = false; throw new Error('lost ack') } } } })
    const rec = record(store, '/r/', 0)
    await assert.rejects(store.create('/r/a', {}), /lost ack/)
    assert.equal(store.currentRevision(), 1)
    assert.deepEqual((await store.get('/r/a'))?.modRevision, 1)
    const b = await store.create('/r/b', {})
    assert.equal(b.ok && b.kv.modRevision, 2)
    await waitFor(() => rec.events.length === 2)
    await store.close()
  })

  it('compaction drops rows outside the window and keeps current objects and history', async () => {
    const file = newFile()
    const store = await SqliteStore.open({ file, historyWindow: 10, compactEvery: 0 })
    for (let i = 0; i < 20; i++) await (i < 5 ? store.create(`/r/k${i}`, { i }) : store.update(`/r/k${i % 5}`, { i }))
    await store.delete('/r/k0') // rev 21
    const before = await store.list('/r/')
    assert.equal(store.oldestRevision(), 12)
    // Revisions 1..11 are below the window; their previous versions (1..6) go, 7..11 stay as prev of 12..16.
    assert.deepEqual(await store.compact(), { compactRevision: 12, removed: 6 })
    assert.deepEqual(await store.compact(), { compactRevision: 12, removed: 0 })
    await store.close()
    const reopened = await SqliteStore.open({ file, historyWindow: 10 })
    assert.deepEqual(await reopened.list('/r/'), before)
    assert.equal(reopened.oldestRevision(), 12)
    const rec = record(reopened, '/r/', 11)
    await waitFor(() => rec.events.length === 10)
    assert.deepEqual(rec.events.at(-1), { type: 'delete', key: '/r/k0', revision: 21, prev: { key: '/r/k0', value: { i: 15 }, createRevision: 1, modRevision: 16 } })
    const db = new Database(file, { readonly: true })
    await reopened.close()
    assert.deepEqual(db.prepare('SELECT COUNT(*) AS n FROM log').get(), { n: 15 })
    db.close()
  })

  it('auto-compacts inside a write once compactEvery revisions left the window', async () => {
    const file = newFile()
    const store = await SqliteStore.open({ file, historyWindow: 5, compactEvery: 3 })
    await store.create('/r/a', { i: 1 })
    for (let i = 2; i <= 12; i++) await store.update('/r/a', { i })
    await store.close()
    const db = new Database(file, { readonly: true })
    // The write of rev 7 compacts to 7-5+1 = 3 and rev 10 to 6; rev 12 would reach only 8, under 3 past 6.
    assert.deepEqual(db.prepare(`SELECT value FROM meta WHERE name = 'compact_revision'`).get(), { value: 6 })
    // Compacting to 6 removes the versions replaced by revs 1..5 (rows 1..4); row 5 is prev of 6.
    assert.deepEqual(db.prepare('SELECT MIN(revision) AS lo, COUNT(*) AS n FROM log').get(), { lo: 5, n: 8 })
    db.close()
  })

  const openErrors: { name: string; setup: (file: string) => Promise<() => Promise<void>>; message: RegExp }[] = [
    {
      name: 'a file that is not a database',
      setup: async (file) => { writeFileSync(file, 'not sqlite at all '.repeat(500)); return async () => {} },
      message: /^cannot open store .*state\.db: the file is corrupt or not a runclass database \(file is not a database\); move it aside/,
    },
    {
      name: 'a database locked by another open store',
      setup: async (file) => { const other = await SqliteStore.open({ file }); return () => other.close() },
      message: /^cannot open store .*state\.db: the database is locked by another process; stop the other runclass/,
    },
    {
      name: 'a SQLite database of another program',
      setup: async (file) => { const db = new Database(file); db.exec('CREATE TABLE t (x)'); db.close(); return async () => {} },
      message: /^cannot open store .*state\.db: it is a SQLite database of something else \(tables: t\); use a runclass/,
    },
  ]
  for (const c of openErrors) {
    it(`fails to open ${c.name} with RC_STORAGE_OPEN naming the file`, async () => {
      const file = newFile()
      const { mkdirSync } = await import('node:fs')
      mkdirSync(join(file, '..'), { recursive: true })
      const undo = await c.setup(file)
      await assert.rejects(SqliteStore.open({ file, busyTimeoutMs: 50 }), (e: unknown) => {
        assert.ok(isStorageError(e, 'RC_STORAGE_OPEN'), String(e))
        assert.match(e.message, c.message)
        assert.ok(e.message.includes(file))
        return true
      })
      await undo()
    })
  }

  it('close commits writes still queued', async () => {
    const file = newFile()
    const store = await SqliteStore.open({ file })
    const p = store.create('/r/a', { v: 1 })
    await store.close()
    assert.equal((await p).ok, true)
    const reopened = await SqliteStore.open({ file })
    assert.equal((await reopened.get('/r/a'))?.modRevision, 1)
    await reopened.close()
    await settle()
  })
})
