/** NodeAffinity tables (scheduler.md §2): nodeSelector AND required terms (ORed), every operator, preferred score. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { NodeAffinity, REASON_POD } from './node-affinity.ts'
import { node, pod } from '../testing/builders.ts'
import { skip, unresolvable } from '../framework/status.ts'
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../framework/pod-info.ts'

const req = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values ? { values } : {}) })
const required = (...nodeSelectorTerms: NodeSelectorTerm[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } })
const NO = unresolvable(REASON_POD)

const labels = { zone: 'a', 'sandbox.gvisor.io': 'true', cores: '8' }

describe('NodeAffinity.filter', () => {
  const cases: { name: string; nodeSelector?: Record<string, string>; affinity?: ReturnType<typeof required>; nodeName?: string; want: typeof NO | undefined }[] = [
    { name: 'nodeSelector matches', nodeSelector: { 'sandbox.gvisor.io': 'true' }, want: undefined },
    { name: 'nodeSelector value differs', nodeSelector: { 'sandbox.gvisor.io': 'false' }, want: NO },
    { name: 'nodeSelector key missing', nodeSelector: { gpu: 'yes' }, want: NO },
    { name: 'every nodeSelector pair must match', nodeSelector: { zone: 'a', gpu: 'yes' }, want: NO },
    { name: 'In', affinity: required({ matchExpressions: [req('zone', 'In', ['b', 'a'])] }), want: undefined },
    { name: 'In without the value', affinity: required({ matchExpressions: [req('zone', 'In', ['b'])] }), want: NO },
    { name: 'NotIn', affinity: required({ matchExpressions: [req('zone', 'NotIn', ['b'])] }), want: undefined },
    { name: 'NotIn on a missing label matches', affinity: required({ matchExpressions: [req('gpu', 'NotIn', ['x'])] }), want: undefined },
    { name: 'NotIn with the value', affinity: required({ matchExpressions: [req('zone', 'NotIn', ['a'])] }), want: NO },
    { name: 'Exists', affinity: required({ matchExpressions: [req('zone', 'Exists')] }), want: undefined },
    { name: 'DoesNotExist', affinity: required({ matchExpressions: [req('zone', 'DoesNotExist')] }), want: NO },
    { name: 'Gt', affinity: required({ matchExpressions: [req('cores', 'Gt', ['4'])] }), want: undefined },
    { name: 'Gt not greater', affinity: required({ matchExpressions: [req('cores', 'Gt', ['8'])] }), want: NO },
    { name: 'Lt', affinity: required({ matchExpressions: [req('cores', 'Lt', ['9'])] }), want: undefined },
    { name: 'Lt on a non-integer label never matches', affinity: required({ matchExpressions: [req('zone', 'Lt', ['9'])] }), want: NO },
    { name: 'expressions within a term are ANDed', affinity: required({ matchExpressions: [req('zone', 'In', ['a']), req('cores', 'Gt', ['10'])] }), want: NO },
    { name: 'terms are ORed', affinity: required({ matchExpressions: [req('zone', 'In', ['b'])] }, { matchExpressions: [req('cores', 'Gt', ['1'])] }), want: undefined },
    { name: 'an empty term matches nothing', affinity: required({}), want: NO },
    { name: 'an invalid term (In without values) matches nothing', affinity: required({ matchExpressions: [req('zone', 'In', [])] }), want: NO },
    { name: 'matchFields metadata.name In', affinity: required({ matchFields: [req('metadata.name', 'In', ['n'])] }), want: undefined },
    { name: 'matchFields metadata.name NotIn', affinity: required({ matchFields: [req('metadata.name', 'NotIn', ['n'])] }), want: NO },
    { name: 'nodeSelector and affinity must both match', nodeSelector: { zone: 'b' }, affinity: required({ matchExpressions: [req('zone', 'Exists')] }), want: NO },
  ]
  for (const tc of cases) {
    test(tc.name, () => {
      const p = pod({ nodeSelector: tc.nodeSelector, affinity: tc.affinity })
      const pl = new NodeAffinity()
      const state = new Map()
      assert.equal(pl.preFilter(state, p), undefined)
      assert.deepEqual(pl.filter(state, p, node({ labels })), tc.want)
    })
  }
  test('a pod without selector or affinity skips the plugin', () => {
    assert.deepEqual(new NodeAffinity().preFilter(new Map(), pod()), skip())
  })
})

test('score: sum of matching preferred weights, scaled so the best is 100', () => {
  const p = pod({
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 2, preference: { matchExpressions: [req('zone', 'In', ['a'])] } },
          { weight: 6, preference: { matchExpressions: [req('disk', 'In', ['ssd'])] } },
        ],
      },
    },
  })
  const nodes = [node({ labels: { zone: 'a' } }), node({ labels: { disk: 'ssd' } }), node({ labels: { zone: 'a', disk: 'ssd' } }), node()]
  const pl = new NodeAffinity()
  const state = new Map()
  assert.equal(pl.preScore(state, p), undefined)
  const scores = nodes.map((n) => pl.score(state, p, n))
  assert.deepEqual(scores, [2, 6, 8, 0])
  pl.normalizeScores(state, p, scores)
  assert.deepEqual(scores, [25, 75, 100, 0])
})
