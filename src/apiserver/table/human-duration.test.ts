import { test } from 'node:test'
import assert from 'node:assert/strict'
import { humanDuration, parseTimestamp, timestampSince } from './human-duration.ts'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h
const y = 365 * d

const cases: [number, string][] = [
  [-2 * s, '<invalid>'],
  [-1999, '0s'],
  [-1 * s, '0s'],
  [0, '0s'],
  [999, '0s'],
  [59 * s, '59s'],
  [119 * s, '119s'],
  [120 * s, '2m'],
  [2 * m + 5 * s, '2m5s'],
  [9 * m + 59 * s, '9m59s'],
  [10 * m, '10m'],
  [10 * m + 59 * s, '10m'],
  [179 * m, '179m'],
  [3 * h, '3h'],
  [3 * h + 5 * m, '3h5m'],
  [7 * h + 59 * m, '7h59m'],
  [8 * h, '8h'],
  [47 * h + 59 * m, '47h'],
  [48 * h, '2d'],
  [2 * d + 3 * h, '2d3h'],
  [7 * d + 23 * h, '7d23h'],
  [8 * d, '8d'],
  [729 * d, '729d'],
  [2 * y, '2y'],
  [2 * y + 3 * d, '2y3d'],
  [7 * y + 364 * d, '7y364d'],
  [8 * y, '8y'],
  [8 * y + 200 * d, '8y'],
  [25 * y, '25y'],
]

for (const [ms, want] of cases) {
  test(`humanDuration(${ms}ms) = ${want}`, () => assert.equal(humanDuration(ms), want))
}

test('timestampSince reads metav1.Time and MicroTime, <unknown> when unset or zero', () => {
  const now = new Date('2026-11-22T17:11:33Z')
  assert.equal(timestampSince('2026-11-22T16:11:33Z', now), '60m')
  assert.equal(timestampSince('2026-11-22T17:09:28.123456Z', now), '2m4s')
  assert.equal(timestampSince(undefined, now), '<unknown>')
  assert.equal(timestampSince(null, now), '<unknown>')
  assert.equal(timestampSince('', now), '<unknown>')
  assert.equal(timestampSince('0001-01-01T00:00:00Z', now), '<unknown>')
  assert.equal(parseTimestamp('2026-11-22T17:09:28.5Z'), Date.UTC(2026, 10, 22, 17, 9, 28, 500))
})
