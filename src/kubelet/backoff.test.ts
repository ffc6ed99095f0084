/** CrashLoopBackOff timing: 0, 10, 20, 40 … 300 s from the container's finish; forgotten after 2 × max idle. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Backoff } from './backoff.ts'

test('backoff doubles from 10 s to 5 min and is forgotten after 10 min idle', () => {
  let now = 1_000_000
  const b = new Backoff({ now: () => now })
  assert.equal(b.remaining('k', now), 0, 'first crash restarts at once')
  const delays: number[] = []
  for (let i = 0; i < 8; i++) {
    b.next('k')
    delays.push(b.delay('k'))
  }
  assert.deepEqual(delays, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000])
  assert.equal(b.remaining('k', now - 100_000), 200_000)
  now += 600_001
  assert.equal(b.remaining('k', now), 0)
  b.next('k')
  assert.equal(b.delay('k'), 10_000)
  b.forget('k')
  assert.equal(b.delay('k'), 0)
})
