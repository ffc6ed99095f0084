import { it } from 'node:test'
import assert from 'node:assert/strict'
import type { WatchEvent } from './interface.ts'
import { TooOldError } from './interface.ts'
import { EventHistory } from './event-history.ts'

const ev = (rev: number, key = `/k${rev}`): WatchEvent => ({ type: 'put', kv: { key, value: {}, createRevision: rev, modRevision: rev } })
const revs = (events: WatchEvent[]) => events.map((e) => (e.type === 'put' ? e.kv.modRevision : e.revision))

it('keeps the last `window` events and reports the oldest servable revision', () => {
  const cases = [
    { name: 'empty', window: 3, start: 0, appended: 0, oldest: 1, since0: [] as number[] },
    { name: 'partly filled', window: 3, start: 0, appended: 2, oldest: 1, since0: [1, 2] },
    { name: 'trimmed', window: 3, start: 0, appended: 7, oldest: 5, since0: null },
    { name: 'starting after a reload', window: 3, start: 40, appended: 1, oldest: 41, since0: null },
    { name: 'far past the window (bulk head drop)', window: 2, start: 0, appended: 101, oldest: 100, since0: null },
  ]
  for (const c of cases) {
    const h = new EventHistory(c.window, c.start)
    for (let r = c.start + 1; r <= c.start + c.appended; r++) h.append(ev(r))
    assert.equal(h.oldest(), c.oldest, c.name)
    assert.equal(h.latestRevision(), c.start + c.appended, c.name)
    assert.deepEqual(revs(h.since(c.oldest - 1)), Array.from({ length: h.length }, (_, i) => c.oldest + i), c.name)
    if (c.since0) assert.deepEqual(revs(h.since(0)), c.since0, c.name)
    else assert.throws(() => h.since(c.oldest - 2), new TooOldError(c.oldest - 2, c.oldest), c.name)
  }
})

it('since a revision at or past the latest is empty', () => {
  const h = new EventHistory(5)
  for (let r = 1; r <= 3; r++) h.append(ev(r))
  assert.deepEqual(revs(h.since(2)), [3])
  assert.deepEqual(h.since(3), [])
  assert.deepEqual(h.since(9), [])
})

it('refuses a gap in revisions and a non-positive window', () => {
  const h = new EventHistory(5)
  h.append(ev(1))
  assert.throws(() => h.append(ev(3)), /event history gap: got revision 3 after 1/)
  assert.throws(() => new EventHistory(0), RangeError)
})

it('rewinds a listing to an older revision under a prefix', () => {
  const h = new EventHistory(10)
  const a1 = { key: '/p/a', value: { v: 1 }, createRevision: 1, modRevision: 1 }
  const a2 = { ...a1, value: { v: 2 }, modRevision: 3 }
  const b = { key: '/p/b', value: {}, createRevision: 2, modRevision: 2 }
  const other = { key: '/q/x', value: {}, createRevision: 5, modRevision: 5 }
  h.append({ type: 'put', kv: a1 })
  h.append({ type: 'put', kv: b })
  h.append({ type: 'put', kv: a2, prev: a1 })
  h.append({ type: 'delete', key: '/p/b', revision: 4, prev: b })
  h.append({ type: 'put', kv: other })
  const now = [a2]
  assert.deepEqual(h.rewind(now, '/p/', 5), [a2])
  assert.deepEqual(h.rewind(now, '/p/', 3), [a2, b])
  assert.deepEqual(h.rewind(now, '/p/', 2), [a1, b])
  assert.deepEqual(h.rewind(now, '/p/', 0), [])
})
