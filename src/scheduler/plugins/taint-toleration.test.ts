/** TaintToleration tables (scheduler.md §3): first untolerated hard taint, toleration matching, PreferNoSchedule score. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TaintToleration } from './taint-toleration.ts'
import { node, pod, taint } from '../testing/builders.ts'
import { unresolvable } from '../framework/status.ts'
import type { Toleration } from '../framework/pod-info.ts'
import type { Taint } from '../framework/node-info.ts'

const tol = (key: string, value: string | undefined, effect?: string, operator?: string): Toleration => ({ key, value, effect, operator })

describe('TaintToleration.filter', () => {
  const cases: { name: string; tolerations?: Toleration[]; taints: Taint[]; want: ReturnType<typeof unresolvable> | undefined }[] = [
    { name: 'no taints', taints: [], want: undefined },
    { name: 'untolerated NoSchedule taint', taints: [taint('dedicated', 'a')], want: unresolvable('node(s) had untolerated taint {dedicated: a}') },
    { name: 'empty value prints as nothing', taints: [taint('node-role.kubernetes.io/control-plane', '')], want: unresolvable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }') },
    { name: 'NoExecute counts too', taints: [taint('x', 'y', 'NoExecute')], want: unresolvable('node(s) had untolerated taint {x: y}') },
    { name: 'PreferNoSchedule never filters', taints: [taint('x', 'y', 'PreferNoSchedule')], want: undefined },
    { name: 'the first untolerated taint in node order is reported', tolerations: [tol('a', '1')], taints: [taint('a', '1'), taint('b', '2'), taint('c', '3')], want: unresolvable('node(s) had untolerated taint {b: 2}') },
    { name: 'Equal toleration with matching value', tolerations: [tol('sandbox', 'true', 'NoSchedule', 'Equal')], taints: [taint('sandbox', 'true')], want: undefined },
    { name: 'empty operator means Equal', tolerations: [tol('sandbox', 'true')], taints: [taint('sandbox', 'true')], want: undefined },
    { name: 'Equal with another value does not tolerate', tolerations: [tol('sandbox', 'false')], taints: [taint('sandbox', 'true')], want: unresolvable('node(s) had untolerated taint {sandbox: true}') },
    { name: 'Exists tolerates any value', tolerations: [tol('sandbox', undefined, undefined, 'Exists')], taints: [taint('sandbox', 'x')], want: undefined },
    { name: 'empty key with Exists tolerates everything', tolerations: [{ operator: 'Exists' }], taints: [taint('a', 'b'), taint('c', 'd', 'NoExecute')], want: undefined },
    { name: 'effect must match when set', tolerations: [tol('a', 'b', 'NoExecute')], taints: [taint('a', 'b', 'NoSchedule')], want: unresolvable('node(s) had untolerated taint {a: b}') },
    { name: 'unknown operator tolerates nothing', tolerations: [tol('a', 'b', undefined, 'Lt')], taints: [taint('a', 'b')], want: unresolvable('node(s) had untolerated taint {a: b}') },
  ]
  for (const tc of cases) {
    test(tc.name, () => {
      assert.deepEqual(new TaintToleration().filter(new Map(), pod({ tolerations: tc.tolerations }), node({ taints: tc.taints })), tc.want)
    })
  }
})

test('score: fewer untolerated PreferNoSchedule taints score higher, normalized and reversed', () => {
  const p = pod({ tolerations: [tol('ok', 'yes', 'PreferNoSchedule')] })
  const nodes = [
    node({ taints: [] }),
    node({ taints: [taint('a', '1', 'PreferNoSchedule')] }),
    node({ taints: [taint('a', '1', 'PreferNoSchedule'), taint('b', '1', 'PreferNoSchedule')] }),
    node({ taints: [taint('ok', 'yes', 'PreferNoSchedule')] }),
  ]
  const pl = new TaintToleration()
  const state = new Map()
  pl.preScore(state, p)
  const scores = nodes.map((n) => pl.score(state, p, n))
  assert.deepEqual(scores, [0, 1, 2, 0])
  pl.normalizeScores(state, p, scores)
  assert.deepEqual(scores, [100, 50, 0, 100])
})
