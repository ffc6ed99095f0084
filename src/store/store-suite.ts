/**
 * The one conformance suite every Store backend runs (memory, sqlite, etcd):
 * `runStoreSuite({ name, newStore, skip })` registers node:test cases that pin
 * the contract of interface.ts with exact outcomes. `newStore` gets the history
 * window the case needs; a backend that cannot honour something lists the case
 * names under `skip` with a reason (a backend with nothing that outlives the
 * process skips REOPEN_CASE). `reopen` closes the store and opens it again on the same data.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { KeyValue, Store, WatchEvent } from './interface.ts'
import { TooOldError } from './interface.ts'
import { isStorageError } from './errors.ts'
import { record, settle, waitFor } from './testing/watch-recorder.ts'

export interface StoreHandle {
  store: Store
  /** Closes the store and opens it again on the same data. */
  reopen?: () => Promise<Store>
  /** Closes whatever is open and removes the data. */
  cleanup: () => Promise<void>
}

export interface StoreSuiteOptions {
  name: string
  newStore: (opts: { historyWindow?: number }) => Promise<StoreHandle>
  skip?: { reason: string; tests: string[] }[]
}

export const REOPEN_CASE = 'reopen keeps every acknowledged write with its revisions and continues from the last one'

const kv = (key: string, value: Record<string, unknown>, createRevision: number, modRevision: number): KeyValue => ({
  key,
  value,
  createRevision,
  modRevision,
})
const put = (kv: KeyValue, prev?: KeyValue): WatchEvent => (prev ? { type: 'put', kv, prev } : { type: 'put', kv })
const del = (key: string, revision: number, prev: KeyValue): WatchEvent => ({ type: 'delete', key, revision, prev })

export function runStoreSuite({ name, newStore, skip = [] }: StoreSuiteOptions): void {
  const skipped = new Map(skip.flatMap((s) => s.tests.map((t) => [t, s.reason] as const)))
  const test = (title: string, fn: (h: StoreHandle) => Promise<void>, opts: { historyWindow?: number } = {}): void => {
    const reason = skipped.get(title)
    it(title, reason ? { skip: reason } : {}, async () => {
      const h = await newStore(opts)
      try {
        await fn(h)
      } finally {
        await h.cleanup()
      }
    })
  }

  describe(`Store conformance: ${name}`, () => {
    test('a new store is empty at revision 0', async ({ store }) => {
      assert.equal(store.currentRevision(), 0)
      assert.deepEqual(await store.list('/'), { items: [], revision: 0 })
      assert.equal(await store.get('/registry/pods/default/a'), undefined)
    })

    test('create stores a new key at the next revision; a second create is a miss', async ({ store }) => {
      const a = kv('/registry/pods/default/a', { n: 1 }, 1, 1)
      assert.deepEqual(await store.create(a.key, { n: 1 }), { ok: true, kv: a })
      assert.deepEqual(await store.get(a.key), a)
      assert.deepEqual(await store.create(a.key, { n: 2 }), { ok: false, current: a })
      assert.equal(store.currentRevision(), 1)
    })

    test('list returns the keys under a prefix in key order, isolated from sibling prefixes', async ({ store }) => {
      for (const key of ['/r/pods/default/c', '/r/pods/default2/a', '/r/pods/default/a', '/r/pods/kube/b', '/r/pods/default/b']) {
        await store.create(key, { key })
      }
      const list = await store.list('/r/pods/default/')
      assert.deepEqual(list.items.map((i) => [i.key, i.modRevision]), [
        ['/r/pods/default/a', 3],
        ['/r/pods/default/b', 5],
        ['/r/pods/default/c', 1],
      ])
      assert.equal(list.revision, 5)
      assert.deepEqual((await store.list('/r/pods/default2/')).items.map((i) => i.key), ['/r/pods/default2/a'])
      assert.deepEqual((await store.list('/r/pods/')).items.length, 5)
      assert.deepEqual((await store.list('/r/nodes/')).items, [])
    })

    test('update replaces the value, keeps createRevision and checks the expected revision', async ({ store }) => {
      const key = '/r/rc/a'
      await store.create(key, { v: 0 }) // rev 1
      const cases: { name: string; key: string; expected?: number; want: unknown }[] = [
        { name: 'unconditional', key, want: { ok: true, kv: kv(key, { v: 1 }, 1, 2) } },
        { name: 'expected matches', key, expected: 2, want: { ok: true, kv: kv(key, { v: 2 }, 1, 3) } },
        { name: 'expected is stale', key, expected: 2, want: { ok: false, current: kv(key, { v: 2 }, 1, 3) } },
        { name: 'missing key', key: '/r/rc/none', want: { ok: false } },
        { name: 'missing key with expected', key: '/r/rc/none', expected: 1, want: { ok: false } },
      ]
      let v = 0
      for (const c of cases) assert.deepEqual(await store.update(c.key, { v: ++v }, c.expected), c.want, c.name)
      assert.deepEqual(await store.get(key), kv(key, { v: 2 }, 1, 3))
      assert.equal(store.currentRevision(), 3)
    })

    test('delete removes the key, checks the expected revision and reports misses', async ({ store }) => {
      const a = (await store.create('/r/rc/a', { a: 1 })) as { kv: KeyValue } // rev 1
      const b = (await store.create('/r/rc/b', { b: 1 })) as { kv: KeyValue } // rev 2
      const cases: { name: string; key: string; expected?: number; want: unknown }[] = [
        { name: 'stale expected', key: a.kv.key, expected: 7, want: { ok: false, current: a.kv } },
        { name: 'expected matches', key: a.kv.key, expected: 1, want: { ok: true, kv: { ...a.kv, modRevision: 3 } } },
        { name: 'already deleted', key: a.kv.key, want: { ok: false } },
        { name: 'never existed', key: '/r/rc/none', expected: 1, want: { ok: false } },
        { name: 'unconditional', key: b.kv.key, want: { ok: true, kv: { ...b.kv, modRevision: 4 } } },
      ]
      for (const c of cases) assert.deepEqual(await store.delete(c.key, c.expected), c.want, c.name)
      assert.deepEqual(await store.list('/r/'), { items: [], revision: 4 })
      const again = await store.create(a.kv.key, { a: 2 })
      assert.deepEqual(again, { ok: true, kv: kv(a.kv.key, { a: 2 }, 5, 5) }, 'recreate starts a new life')
    })

    test('revisions increase by one per write across keys; misses do not consume one', async ({ store }) => {
      const revs: number[] = []
      const take = (r: { ok: boolean; kv?: KeyValue }) => r.ok && revs.push(r.kv!.modRevision)
      take(await store.create('/r/a', {}))
      take(await store.create('/r/b', {}))
      take(await store.create('/r/a', {}))
      take(await store.update('/r/a', { x: 1 }))
      take(await store.update('/r/b', { x: 1 }, 99))
      take(await store.delete('/r/b'))
      take(await store.create('/r/c', {}))
      assert.deepEqual(revs, [1, 2, 3, 4, 5])
      assert.equal(store.currentRevision(), 5)
    })

    test('watch from a revision replays exactly the later events under the prefix, in order', async ({ store }) => {
      const a1 = kv('/r/p/ns/a', { v: 1 }, 1, 1)
      await store.create(a1.key, { v: 1 }) // 1
      await store.create('/r/p/ns2/x', { v: 1 }) // 2
      await store.update(a1.key, { v: 2 }) // 3
      const a2 = kv(a1.key, { v: 2 }, 1, 3)
      await store.create('/r/p/ns/b', { v: 1 }) // 4
      await store.delete(a1.key) // 5
      const b = kv('/r/p/ns/b', { v: 1 }, 4, 4)
      const want = [put(a1), put(a2, a1), put(b), del(a1.key, 5, a2)]
      for (const from of [0, 1, 3, 5]) {
        const rec = record(store, '/r/p/ns/', from)
        const expected = want.filter((e) => (e.type === 'put' ? e.kv.modRevision : e.revision) > from)
        await settle()
        assert.deepEqual(rec.events, expected, `from ${from}`)
        rec.watcher.close()
      }
      // Live events after replay follow without a gap.
      const rec = record(store, '/r/p/ns/', 3)
      await store.update(b.key, { v: 2 }) // 6
      await waitFor(() => rec.events.length === 3)
      assert.deepEqual(rec.events, [put(b), del(a1.key, 5, a2), put(kv(b.key, { v: 2 }, 4, 6), b)])
      rec.watcher.close()
    })

    test('watch from the current revision sees only new events; close stops delivery', async ({ store }) => {
      await store.create('/r/a', { v: 1 })
      const rec = record(store, '/r/', store.currentRevision())
      await store.create('/r/b', { v: 1 })
      await waitFor(() => rec.events.length === 1)
      assert.deepEqual(rec.events, [put(kv('/r/b', { v: 1 }, 2, 2))])
      rec.watcher.close()
      rec.watcher.close() // idempotent
      await store.create('/r/c', { v: 1 })
      await settle()
      assert.equal(rec.events.length, 1)
      assert.equal(rec.closedWith, undefined, 'a close by the owner does not call onClose')
    })

    test('watch and list beyond the history window fail with TooOldError', async ({ store }) => {
      for (let i = 1; i <= 8; i++) await store.create(`/r/k${i}`, { i })
      assert.equal(store.currentRevision(), 8)
      assert.equal(store.oldestRevision(), 4)
      const noop = { prefix: '/r/', onEvent: () => {} }
      assert.throws(() => store.watch({ ...noop, fromRevision: 2 }), (e: unknown) =>
        e instanceof TooOldError && e.requested === 2 && e.oldest === 4 && e.message === 'too old resource version: 2 (4)')
      const rec = record(store, '/r/', 3)
      await waitFor(() => rec.events.length === 5)
      assert.deepEqual(rec.events.map((e) => (e.type === 'put' ? e.kv.key : '')), ['/r/k4', '/r/k5', '/r/k6', '/r/k7', '/r/k8'])
      rec.watcher.close()
      await assert.rejects(store.list('/r/', { revision: 2 }), TooOldError)
    }, { historyWindow: 5 })

    test('list at an older revision inside the window returns the state at that revision', async ({ store }) => {
      await store.create('/r/a', { v: 1 }) // 1
      await store.create('/r/b', { v: 1 }) // 2
      await store.update('/r/a', { v: 2 }) // 3
      await store.delete('/r/b') // 4
      await store.create('/r/c', { v: 1 }) // 5
      const at = async (revision: number) => {
        const l = await store.list('/r/', { revision })
        return [l.revision, l.items.map((i) => [i.key, i.value.v, i.modRevision])]
      }
      assert.deepEqual(await at(2), [2, [['/r/a', 1, 1], ['/r/b', 1, 2]]])
      assert.deepEqual(await at(3), [3, [['/r/a', 2, 3], ['/r/b', 1, 2]]])
      assert.deepEqual(await at(4), [4, [['/r/a', 2, 3]]])
      assert.deepEqual(await at(5), [5, [['/r/a', 2, 3], ['/r/c', 1, 5]]])
      await assert.rejects(store.list('/r/', { revision: 6 }), (e: unknown) => isStorageError(e, 'RC_STORAGE_FUTURE_REVISION'))
    })

    test('concurrent creates of one key: exactly one wins', async ({ store }) => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.create('/r/race', { i })))
      const winners = results.filter((r) => r.ok)
      assert.equal(winners.length, 1)
      const won = (winners[0] as { kv: KeyValue }).kv
      for (const r of results) if (!r.ok) assert.deepEqual(r, { ok: false, current: won })
      assert.deepEqual(await store.get('/r/race'), won)
      assert.equal(store.currentRevision(), 1)
    })

    test('concurrent updates with the same expected revision: exactly one wins', async ({ store }) => {
      await store.create('/r/race', { i: -1 })
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.update('/r/race', { i }, 1)))
      assert.equal(results.filter((r) => r.ok).length, 1)
      assert.equal(store.currentRevision(), 2)
    })

    test('concurrent creates of many keys all land, each with its own revision', async ({ store }) => {
      const results = await Promise.all(Array.from({ length: 500 }, (_, i) => store.create(`/r/k/${String(i).padStart(4, '0')}`, { i })))
      const revs = results.map((r) => (r.ok ? r.kv.modRevision : 0)).sort((a, b) => a - b)
      assert.deepEqual(revs, Array.from({ length: 500 }, (_, i) => i + 1))
      const list = await store.list('/r/k/')
      assert.equal(list.items.length, 500)
      assert.equal(list.items[499].key, '/r/k/0499')
    })

    test('a watcher whose callback throws is closed with that error; others keep receiving', async ({ store }) => {
      const boom = new Error('slow consumer')
      let calls = 0
      let closedWith: Error | undefined
      store.watch({ prefix: '/r/', fromRevision: 0, onEvent: () => { calls++; throw boom }, onClose: (err) => { closedWith = err } })
      const healthy = record(store, '/r/', 0)
      await store.create('/r/a', {})
      await store.create('/r/b', {})
      await waitFor(() => healthy.events.length === 2)
      assert.equal(calls, 1)
      assert.equal(closedWith, boom)
      healthy.watcher.close()
    })

    test('close ends watches with onClose() and later calls fail with RC_STORAGE_CLOSED', async ({ store }) => {
      const rec = record(store, '/r/', 0)
      await store.close()
      assert.equal(rec.closed, true)
      assert.equal(rec.closedWith, undefined)
      await assert.rejects(store.create('/r/a', {}), (e: unknown) => isStorageError(e, 'RC_STORAGE_CLOSED'))
      await assert.rejects(store.get('/r/a'), (e: unknown) => isStorageError(e, 'RC_STORAGE_CLOSED'))
      await store.close() // idempotent
    })

    test('stored values are private, frozen JSON copies; non-objects are rejected', async ({ store }) => {
      const input = { spec: { list: [1, 2] }, gone: undefined }
      const r = await store.create('/r/a', input)
      input.spec.list.push(3)
      const got = await store.get('/r/a')
      assert.deepEqual(got?.value, { spec: { list: [1, 2] } })
      assert.deepEqual(r.ok && r.kv.value, { spec: { list: [1, 2] } })
      assert.throws(() => (got!.value.spec as { list: number[] }).list.push(4), TypeError)
      for (const bad of [null, [1], 'x']) {
        await assert.rejects(store.create('/r/bad', bad as never), (e: unknown) => isStorageError(e, 'RC_STORAGE_BAD_VALUE'))
      }
      assert.equal(store.currentRevision(), 1)
    })

    test(REOPEN_CASE, async (h) => {
      if (!h.reopen) throw new Error('the handle has no reopen: list this case under `skip` with the reason')
      const { store } = h
      await Promise.all(Array.from({ length: 50 }, (_, i) => store.create(`/r/k/${String(i).padStart(2, '0')}`, { i })))
      await store.update('/r/k/07', { i: 'seven' })
      await store.delete('/r/k/08')
      const before = await store.list('/r/')
      const reopened = await h.reopen()
      assert.deepEqual(await reopened.list('/r/'), before)
      assert.equal(reopened.currentRevision(), 52)
      const next = await reopened.create('/r/k/08', { i: 8 })
      assert.deepEqual(next, { ok: true, kv: kv('/r/k/08', { i: 8 }, 53, 53) })
      // The history survives too: a watch resumes across the restart.
      const rec = record(reopened, '/r/k/0', 50)
      await waitFor(() => rec.events.length === 3)
      assert.deepEqual(rec.events, [
        put(kv('/r/k/07', { i: 'seven' }, 8, 51), kv('/r/k/07', { i: 7 }, 8, 8)),
        del('/r/k/08', 52, kv('/r/k/08', { i: 8 }, 9, 9)),
        put(kv('/r/k/08', { i: 8 }, 53, 53)),
      ])
      rec.watcher.close()
    })
  })
}
