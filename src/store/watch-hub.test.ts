import { it } from 'node:test'
import assert from 'node:assert/strict'
import type { WatchEvent } from './interface.ts'
import { EventHistory } from './event-history.ts'
import { WatchHub } from './watch-hub.ts'
import { settle } from './testing/watch-recorder.ts'

const ev = (rev: number, key: string): WatchEvent => ({ type: 'put', kv: { key, value: {}, createRevision: rev, modRevision: rev } })
const keysOf = (events: WatchEvent[]) => events.map((e) => (e.type === 'put' ? e.kv.key : e.key))

it('delivers replay then live events, filtered by prefix, asynchronously', async () => {
  const hub = new WatchHub(new EventHistory(10))
  hub.publish([ev(1, '/a/1'), ev(2, '/b/1')])
  const got: WatchEvent[] = []
  hub.watch({ prefix: '/a/', fromRevision: 0, onEvent: (e) => got.push(e) })
  hub.publish([ev(3, '/a/2'), ev(4, '/a2/x')])
  assert.deepEqual(got, [], 'nothing runs inside watch() or publish()')
  await settle()
  assert.deepEqual(keysOf(got), ['/a/1', '/a/2'])
})

it('a callback may close another watcher mid-delivery; it gets nothing further', async () => {
  const hub = new WatchHub(new EventHistory(10))
  const second: WatchEvent[] = []
  // `other` is only read at delivery time, after it is assigned.
  hub.watch({ prefix: '/', fromRevision: 0, onEvent: () => other.close() })
  const other = hub.watch({ prefix: '/', fromRevision: 0, onEvent: (e) => second.push(e) })
  hub.publish([ev(1, '/x'), ev(2, '/y')])
  await settle()
  assert.deepEqual(second, [])
  assert.equal(hub.size, 1)
})

it('a throwing callback closes only its watcher; a throwing onClose does not break others', async () => {
  const hub = new WatchHub(new EventHistory(10))
  const closes: (string | undefined)[] = []
  const healthy: WatchEvent[] = []
  hub.watch({ prefix: '/', fromRevision: 0, onEvent: () => { throw new Error('bad consumer') }, onClose: (err) => { closes.push(err?.message); throw new Error('bad close') } })
  hub.watch({ prefix: '/', fromRevision: 0, onEvent: (e) => healthy.push(e), onClose: (err) => closes.push(err ? err.message : 'clean') })
  hub.publish([ev(1, '/x'), ev(2, '/y')])
  await settle()
  assert.deepEqual(keysOf(healthy), ['/x', '/y'])
  hub.closeAll()
  assert.deepEqual(closes, ['bad consumer', 'clean'])
  assert.equal(hub.size, 0)
})
