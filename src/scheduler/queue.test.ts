/** SchedulingQueue: priority order, backoff 1 s → 10 s, unschedulable pods move on cluster events, move-request race. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { SchedulingQueue } from './queue.ts'
import { pod } from './testing/builders.ts'

const clock = () => {
  let t = 1_000_000
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

test('backoff doubles from 1 s and caps at 10 s', () => {
  const q = new SchedulingQueue()
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => q.backoffDurationMs(n)), [1000, 2000, 4000, 8000, 10000, 10000])
  q.close()
})

test('higher priority first, then first queued', () => {
  const c = clock()
  const q = new SchedulingQueue({ now: c.now })
  q.add(pod({ name: 'a' }))
  c.advance(1)
  q.add(pod({ name: 'b', priority: 5 }))
  c.advance(1)
  q.add(pod({ name: 'c' }))
  assert.deepEqual([q.popActive(), q.popActive(), q.popActive()].map((x) => x?.podInfo.pod.metadata.name), ['b', 'a', 'c'])
  q.close()
})

test('an unschedulable pod waits for a cluster event, then for its backoff', () => {
  const c = clock()
  const q = new SchedulingQueue({ now: c.now })
  q.add(pod({ name: 'a' }))
  const first = q.popActive()!
  const cycle = q.cycle
  q.addUnschedulable(first, cycle)
  assert.equal(q.where('default/a'), 'unschedulable')
  c.advance(60_000)
  assert.equal(q.popActive(), undefined, 'time alone (under 5 min) does not retry it')
  q.moveAllToActiveOrBackoff()
  assert.equal(q.where('default/a'), 'active', 'backoff (1 s) long over: straight to activeQ')
  const second = q.popActive()!
  assert.equal(second.attempts, 2)
  q.addUnschedulable(second, q.cycle - 1) // a move request arrived during this cycle
  assert.equal(q.where('default/a'), 'backoff')
  c.advance(1999)
  q.flushBackoffCompleted()
  assert.equal(q.where('default/a'), 'backoff', '2nd failure backs off 2 s')
  c.advance(1)
  q.flushBackoffCompleted()
  assert.equal(q.where('default/a'), 'active')
  q.close()
})

test('deleting a pod removes it everywhere; an in-flight pod deleted is not re-added', () => {
  const q = new SchedulingQueue()
  q.add(pod({ name: 'a' }))
  const a = q.popActive()!
  q.delete('default/a')
  q.addUnschedulable(a, q.cycle)
  assert.equal(q.where('default/a'), undefined)
  q.close()
})

test('updating an unschedulable pod gives it another try', () => {
  const c = clock()
  const q = new SchedulingQueue({ now: c.now })
  q.add(pod({ name: 'a' }))
  q.addUnschedulable(q.popActive()!, q.cycle)
  c.advance(5000)
  q.update(pod({ name: 'a', cpu: '1' }))
  assert.equal(q.where('default/a'), 'active')
  assert.equal(q.popActive()!.podInfo.requests.milliCPU, 1000)
  q.close()
})

test('pop waits for a pod and returns undefined once closed', async () => {
  const q = new SchedulingQueue()
  const waiting = q.pop()
  q.add(pod({ name: 'a' }))
  assert.equal((await waiting)?.podInfo.key, 'default/a')
  const closed = q.pop()
  q.close()
  assert.equal(await closed, undefined)
})
