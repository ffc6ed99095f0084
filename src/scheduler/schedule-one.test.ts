/**
 * One cycle end to end over the default plugins: the exact "0/N nodes are
 * available" texts of scheduler.md §4 (with the preemption suffix our
 * report-only PostFilter produces), adaptive node sampling, scoring choice.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Algorithm, NO_NODES_AVAILABLE, numFeasibleNodesToFind } from './schedule-one.ts'
import { defaultFramework, node, pod, taint, type NodeOpts, type PodOpts } from './testing/builders.ts'
import { fitErrorMessage, truncateEventMessage } from './framework/fit-error.ts'
import { unresolvable, unschedulable } from './framework/status.ts'

const run = (p: PodOpts, nodes: NodeOpts[]) => {
  const infos = nodes.map((n, i) => node({ name: `n${i}`, ...n }))
  const { framework } = defaultFramework(infos)
  return new Algorithm(framework, 0, () => 0.5).schedule(new Map(), pod(p), infos)
}
const message = (p: PodOpts, nodes: NodeOpts[]) => {
  const out = run(p, nodes)
  assert.equal(out.ok, false)
  return (out as { message: string }).message
}

describe('unschedulable messages (scheduler.md §4)', () => {
  const cases: { name: string; pod: PodOpts; nodes: NodeOpts[]; want: string }[] = [
    {
      name: 'selector mismatch on the only node',
      pod: { nodeSelector: { sandbox: 'true' } },
      nodes: [{}],
      want: "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    },
    {
      name: 'insufficient cpu on the only node',
      pod: { cpu: '5' },
      nodes: [{ cpu: '4' }],
      want: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
    {
      name: 'one node short of cpu, two not matching',
      pod: { cpu: '3', nodeSelector: { pool: 'a' } },
      nodes: [{ cpu: '2', labels: { pool: 'a' } }, { labels: { pool: 'b' } }, {}],
      want: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    },
    {
      name: 'node A lacks cpu and memory, node B has an untolerated taint',
      pod: { cpu: '3', memory: '3Gi' },
      nodes: [{ cpu: '2', memory: '2Gi' }, { taints: [taint('sandbox', 'true')] }],
      want: '0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) had untolerated taint {sandbox: true}. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    },
    {
      name: 'requests fit but requests + overhead do not',
      pod: { cpu: '1500m', overhead: { cpu: '250m' } },
      nodes: [{ cpu: '1600m' }],
      want: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
    {
      name: 'lower-priority pods whose eviction would not help: the re-run reasons',
      pod: { cpu: '5', priority: 10 },
      nodes: [{ cpu: '4', running: [pod({ name: 'low', cpu: '1', priority: 0 })] }],
      want: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.',
    },
    {
      name: 'where upstream would preempt, we say that we do not',
      pod: { cpu: '3', priority: 10 },
      nodes: [{ cpu: '4', running: [pod({ name: 'low', cpu: '2', priority: 0 })] }],
      want: '0/1 nodes are available: 1 Insufficient cpu. preemption: 1 node(s) would fit after evicting lower-priority pods, but this scheduler does not preempt.',
    },
    {
      name: 'preemptionPolicy Never',
      pod: { cpu: '5', preemptionPolicy: 'Never' },
      nodes: [{ cpu: '4' }],
      want: '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    },
    {
      name: 'RuntimeHandler reason sorts with the others',
      pod: { runtimeClassName: 'gvisor' },
      nodes: [{ handlers: ['runc'] }, { handlers: ['runsc'], taints: [taint('sandbox', 'true')] }],
      want: '0/2 nodes are available: 1 node(s) didn\'t have runtime handler "runsc", 1 node(s) had untolerated taint {sandbox: true}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    },
  ]
  for (const tc of cases) {
    test(tc.name, () => {
      const infos = tc.nodes.map((n, i) => node({ name: `n${i}`, ...n }))
      const { framework } = defaultFramework(infos, { gvisor: 'runsc' })
      const out = new Algorithm(framework).schedule(new Map(), pod(tc.pod), infos)
      assert.equal(out.ok ? out.nodeName : out.message, tc.want)
    })
  }

  test('no nodes at all', () => {
    assert.equal(message({}, []), NO_NODES_AVAILABLE)
    assert.equal(NO_NODES_AVAILABLE, 'no nodes available to schedule pods')
  })
})

describe('fitErrorMessage', () => {
  test('items sort as plain strings, so "10 x" comes before "2 y"', () => {
    const statuses = new Map<string, ReturnType<typeof unschedulable>>()
    for (let i = 0; i < 10; i++) statuses.set(`a${i}`, unschedulable('x'))
    statuses.set('b0', unschedulable('y'))
    statuses.set('b1', unschedulable('y'))
    assert.equal(fitErrorMessage({ numAllNodes: 12, nodeStatuses: statuses }), '0/12 nodes are available: 10 x, 2 y.')
  })
  test('absent nodes count under the absent status', () => {
    const statuses = new Map([['a', unschedulable('x')]])
    assert.equal(fitErrorMessage({ numAllNodes: 3, nodeStatuses: statuses, absentStatus: unresolvable('z') }), '0/3 nodes are available: 1 x, 2 z.')
  })
  test('a PreFilter message replaces the histogram', () => {
    const statuses = new Map([['a', unschedulable('x')]])
    assert.equal(fitErrorMessage({ numAllNodes: 1, nodeStatuses: statuses, preFilterMsg: 'pod affinity terms conflict', postFilterMsg: 'p' }), '0/1 nodes are available: pod affinity terms conflict. p')
  })
  test('event messages are cut at 1024 characters with " ..."', () => {
    assert.equal(truncateEventMessage('a'.repeat(1024)), 'a'.repeat(1024))
    assert.equal(truncateEventMessage('a'.repeat(1025)), `${'a'.repeat(1020)} ...`)
  })
})

describe('numFeasibleNodesToFind', () => {
  const cases = [
    { percentage: 0, nodes: 50, want: 50 },
    { percentage: 0, nodes: 100, want: 100 },
    { percentage: 0, nodes: 1000, want: 420 },
    { percentage: 0, nodes: 5000, want: 500 },
    { percentage: 0, nodes: 6000, want: 300 },
    { percentage: 0, nodes: 10000, want: 500 },
    { percentage: 30, nodes: 1000, want: 300 },
    { percentage: 5, nodes: 1000, want: 100 },
    { percentage: 100, nodes: 1000, want: 1000 },
  ]
  for (const tc of cases) {
    test(`${tc.percentage}% of ${tc.nodes} → ${tc.want}`, () => assert.equal(numFeasibleNodesToFind(tc.percentage, tc.nodes), tc.want))
  }
})

describe('the cycle', () => {
  test('stops after enough feasible nodes and starts the next cycle where it stopped', () => {
    const infos = Array.from({ length: 200 }, (_, i) => node({ name: `n${i}` }))
    const { framework } = defaultFramework(infos)
    const algo = new Algorithm(framework)
    const first = algo.schedule(new Map(), pod({ cpu: '1' }), infos)
    assert.deepEqual(first.ok && [first.evaluated, first.feasible], [100, 100])
    const second = algo.schedule(new Map(), pod({ cpu: '1' }), infos)
    assert.ok(second.ok && Number(second.nodeName.slice(1)) >= 100, 'second cycle looked at n100..n199')
  })

  test('picks the least allocated node, and prefers untainted over PreferNoSchedule', () => {
    const out = run({ cpu: '1' }, [{ cpu: '2' }, { cpu: '8' }, { cpu: '4' }])
    assert.equal(out.ok && out.nodeName, 'n1')
    const soft = run({ cpu: '1' }, [{ cpu: '8', taints: [taint('x', 'y', 'PreferNoSchedule')] }, { cpu: '4' }])
    assert.equal(soft.ok && soft.nodeName, 'n1')
  })

  test('a class nodeSelector matching one of three nodes lands there', () => {
    const out = run({ nodeSelector: { 'sandbox.gvisor.io': 'true' } }, [{}, { labels: { 'sandbox.gvisor.io': 'true' } }, {}])
    assert.equal(out.ok && out.nodeName, 'n1')
  })
})
