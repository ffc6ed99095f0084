import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { pods, runtimeClasses } from '../../api/resources/index.ts'
import type { Toleration } from '../runtimeclass/pod-spec.ts'
import { attrsFor, pod } from '../testing.ts'
import { addDefaultTolerations, DefaultTolerationSeconds } from './default-toleration-seconds.ts'

const NOT_READY: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }
const UNREACHABLE: Toleration = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }

describe('addDefaultTolerations', () => {
  const cases: { name: string; given: Toleration[] | undefined; want: Toleration[] }[] = [
    { name: 'no tolerations: both defaults appended', given: undefined, want: [NOT_READY, UNREACHABLE] },
    { name: 'empty list: both defaults', given: [], want: [NOT_READY, UNREACHABLE] },
    {
      name: 'unrelated tolerations are kept, defaults appended after them',
      given: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }],
      want: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, NOT_READY, UNREACHABLE],
    },
    {
      name: 'a not-ready NoExecute toleration with its own seconds is kept; only unreachable added',
      given: [{ ...NOT_READY, tolerationSeconds: 700 }],
      want: [{ ...NOT_READY, tolerationSeconds: 700 }, UNREACHABLE],
    },
    {
      name: 'an unreachable toleration without seconds counts; only not-ready added',
      given: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }],
      want: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }, NOT_READY],
    },
    { name: 'both present: unchanged', given: [UNREACHABLE, NOT_READY], want: [UNREACHABLE, NOT_READY] },
    {
      name: 'a not-ready toleration with an empty effect counts (all effects)',
      given: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }],
      want: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }, UNREACHABLE],
    },
    {
      name: 'a not-ready NoSchedule toleration does not count',
      given: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      want: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, NOT_READY, UNREACHABLE],
    },
    { name: 'an empty-key toleration covers both', given: [{ operator: 'Exists' }], want: [{ operator: 'Exists' }] },
    {
      name: 'an empty-key NoExecute toleration covers both',
      given: [{ operator: 'Exists', effect: 'NoExecute' }],
      want: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
  ]
  for (const c of cases) {
    test(c.name, () => {
      const p = pod('p', c.given ? { tolerations: c.given } : {})
      addDefaultTolerations(p)
      assert.deepEqual((p.spec as { tolerations: Toleration[] }).tolerations, c.want)
    })
  }
})

test('DefaultTolerationSeconds handles pod CREATE and UPDATE, no subresources, no other resources', () => {
  const plugin = new DefaultTolerationSeconds()
  const p = pod('p')
  assert.deepEqual(
    [
      plugin.handles('CREATE', attrsFor(p)),
      plugin.handles('UPDATE', attrsFor(p, { operation: 'UPDATE' })),
      plugin.handles('DELETE', attrsFor(undefined, { operation: 'DELETE' })),
      plugin.handles('UPDATE', attrsFor(p, { operation: 'UPDATE', subresource: 'status' })),
      plugin.handles('CREATE', attrsFor(p, { subresource: 'binding' })),
      plugin.handles('CREATE', attrsFor(p, { resource: runtimeClasses })),
      plugin.handles('CREATE', attrsFor(p, { resource: pods })),
    ],
    [true, true, false, false, false, false, true],
  )
})
