import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { covers, mergeTolerations } from './merge-tolerations.ts'
import type { Toleration } from './pod-spec.ts'

const eq = (key: string, value: string, effect: string, operator = 'Equal'): Toleration => ({ key, operator, value, effect })
const exists = (key: string, effect: string, tolerationSeconds?: number): Toleration => ({
  key,
  operator: 'Exists',
  effect,
  ...(tolerationSeconds === undefined ? {} : { tolerationSeconds }),
})

describe('mergeTolerations: admission.md §5 worked examples (pod ++ class)', () => {
  const cases: { name: string; pod: Toleration[]; rc: Toleration[]; want: Toleration[] | undefined }[] = [
    {
      name: 'identical entry kept once, new class entry appended',
      pod: [eq('foo', 'bar', 'NoSchedule')],
      rc: [eq('foo', 'bar', 'NoSchedule'), eq('fizz', 'buzz', 'NoSchedule')],
      want: [eq('foo', 'bar', 'NoSchedule'), eq('fizz', 'buzz', 'NoSchedule')],
    },
    {
      name: 'the seed "union" example keeps both, pod first',
      pod: [eq('zone', 'asia-east1', 'NoSchedule')],
      rc: [exists('runtime', 'NoSchedule')],
      want: [eq('zone', 'asia-east1', 'NoSchedule'), exists('runtime', 'NoSchedule')],
    },
    {
      name: "a broader class toleration drops the pod's narrower one",
      pod: [eq('k', 'v', 'NoSchedule')],
      rc: [exists('k', 'NoSchedule')],
      want: [exists('k', 'NoSchedule')],
    },
    {
      name: "the pod's all-effects toleration covers the class's NoSchedule one",
      pod: [exists('k', '')],
      rc: [exists('k', 'NoSchedule')],
      want: [exists('k', '')],
    },
    {
      name: "the pod's tolerate-everything wildcard covers anything",
      pod: [{ operator: 'Exists' }],
      rc: [exists('k', 'NoSchedule'), eq('a', 'b', 'NoExecute'), exists('z', '', 30)],
      want: [{ operator: 'Exists' }],
    },
    {
      name: 'longer NoExecute tolerationSeconds covers a shorter one',
      pod: [exists('k', 'NoExecute', 10)],
      rc: [exists('k', 'NoExecute', 5)],
      want: [exists('k', 'NoExecute', 10)],
    },
    {
      name: "class's empty operator covers the pod's Equal (empty counts as Equal on the covering side)",
      pod: [eq('k', 'v', 'NoSchedule')],
      rc: [eq('k', 'v', 'NoSchedule', '')],
      want: [eq('k', 'v', 'NoSchedule', '')],
    },
    {
      name: "pod's empty operator covers the class's Equal",
      pod: [eq('k', 'v', 'NoSchedule', '')],
      rc: [eq('k', 'v', 'NoSchedule')],
      want: [eq('k', 'v', 'NoSchedule', '')],
    },
    { name: 'both empty → absent', pod: [], rc: [], want: undefined },
    { name: 'pod only', pod: [eq('a', 'b', 'NoSchedule')], rc: [], want: [eq('a', 'b', 'NoSchedule')] },
    {
      name: 'identical duplicates within one list keep the first occurrence',
      pod: [exists('a', 'NoSchedule'), exists('a', 'NoSchedule')],
      rc: [],
      want: [exists('a', 'NoSchedule')],
    },
  ]
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(mergeTolerations(c.pod, c.rc), c.want))
  }
})

describe('covers(s, t): s tolerates at least everything t does', () => {
  const cases: { name: string; s: Toleration; t: Toleration; want: boolean }[] = [
    { name: 'identical', s: eq('k', 'v', 'NoSchedule'), t: eq('k', 'v', 'NoSchedule'), want: true },
    { name: 'different keys', s: exists('a', 'NoSchedule'), t: exists('b', 'NoSchedule'), want: false },
    { name: 'empty key with Exists matches every key', s: { operator: 'Exists', effect: 'NoSchedule' }, t: exists('b', 'NoSchedule'), want: true },
    { name: 'empty key with Equal is not a wildcard', s: { operator: 'Equal', effect: 'NoSchedule' }, t: eq('b', '', 'NoSchedule'), want: false },
    { name: 'different effects', s: exists('k', 'NoSchedule'), t: exists('k', 'NoExecute'), want: false },
    { name: 'empty effect matches every effect', s: exists('k', ''), t: exists('k', 'NoExecute'), want: true },
    { name: 'NoExecute with seconds does not cover unlimited', s: exists('k', 'NoExecute', 5), t: exists('k', 'NoExecute'), want: false },
    { name: 'NoExecute with seconds does not cover longer', s: exists('k', 'NoExecute', 5), t: exists('k', 'NoExecute', 6), want: false },
    { name: 'NoExecute with seconds covers equal-or-shorter', s: exists('k', 'NoExecute', 5), t: exists('k', 'NoExecute', 5), want: true },
    { name: 'unlimited NoExecute covers limited', s: exists('k', 'NoExecute'), t: exists('k', 'NoExecute', 5), want: true },
    { name: 'Equal covers Equal with the same value', s: eq('k', 'v', 'NoSchedule'), t: { ...eq('k', 'v', 'NoSchedule'), tolerationSeconds: undefined }, want: true },
    { name: 'Equal does not cover a different value', s: eq('k', 'v', 'NoSchedule'), t: eq('k', 'w', 'NoSchedule'), want: false },
    { name: 'Equal does not cover Exists', s: eq('k', 'v', 'NoSchedule'), t: exists('k', 'NoSchedule'), want: false },
    { name: 'Equal does not cover an empty operator (asymmetry)', s: eq('k', 'v', 'NoSchedule'), t: eq('k', 'v', 'NoSchedule', ''), want: false },
    { name: 'unknown operator covers nothing', s: eq('k', 'v', 'NoSchedule', 'In'), t: eq('k', 'v', 'NoSchedule'), want: false },
  ]
  for (const c of cases) {
    test(c.name, () => assert.equal(covers(c.s, c.t), c.want))
  }
})
