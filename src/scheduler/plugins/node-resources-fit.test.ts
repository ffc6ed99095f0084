/** NodeResourcesFit tables (scheduler.md §1): overhead counts, every shortfall reported, exact reasons, least-allocated score. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { NodeResourcesFit } from './node-resources-fit.ts'
import { node, pod, type NodeOpts, type PodOpts } from '../testing/builders.ts'
import { unschedulable } from '../framework/status.ts'

describe('NodeResourcesFit.filter', () => {
  const cases: { name: string; pod: PodOpts; node: NodeOpts; want: ReturnType<typeof unschedulable> | undefined }[] = [
    { name: 'fits', pod: { cpu: '1', memory: '1Gi' }, node: { cpu: '2', memory: '2Gi' }, want: undefined },
    { name: 'requests fit but requests + overhead do not', pod: { cpu: '1500m', overhead: { cpu: '600m' } }, node: { cpu: '2' }, want: unschedulable('Insufficient cpu') },
    { name: 'overhead memory', pod: { memory: '900Mi', overhead: { memory: '200Mi' } }, node: { memory: '1Gi' }, want: unschedulable('Insufficient memory') },
    { name: 'all shortfalls are reported', pod: { cpu: '3', memory: '3Gi' }, node: { cpu: '2', memory: '2Gi' }, want: unschedulable('Insufficient cpu', 'Insufficient memory') },
    { name: 'running pods (with their overhead) use capacity', pod: { cpu: '1' }, node: { cpu: '2', running: [pod({ name: 'r', cpu: '900m', overhead: { cpu: '200m' } })] }, want: unschedulable('Insufficient cpu') },
    { name: 'Too many pods comes first', pod: { cpu: '3' }, node: { cpu: '2', pods: '1', running: [pod({ name: 'r' })] }, want: unschedulable('Too many pods', 'Insufficient cpu') },
    { name: 'a pod requesting nothing is only checked for pod count', pod: {}, node: { cpu: '0', memory: '0', pods: '0' }, want: unschedulable('Too many pods') },
    { name: 'a pod requesting nothing fits a full node', pod: {}, node: { cpu: '1', running: [pod({ name: 'r', cpu: '1' })] }, want: undefined },
    { name: 'ephemeral-storage', pod: { requests: { 'ephemeral-storage': '2Gi' } }, node: { allocatable: { 'ephemeral-storage': '1Gi' } }, want: unschedulable('Insufficient ephemeral-storage') },
    { name: 'extended resource missing on the node', pod: { requests: { 'example.com/beardsecond': '1' } }, node: {}, want: unschedulable('Insufficient example.com/beardsecond') },
    { name: 'extended resource present', pod: { requests: { 'example.com/beardsecond': '1' } }, node: { allocatable: { 'example.com/beardsecond': '2' } }, want: undefined },
  ]
  for (const tc of cases) {
    test(tc.name, () => {
      assert.deepEqual(new NodeResourcesFit().filter(new Map(), pod(tc.pod), node(tc.node)), tc.want)
    })
  }
})

test('score: LeastAllocated over cpu and memory with scoring defaults', () => {
  const pl = new NodeResourcesFit()
  // cpu: (4000-1000)*100/4000 = 75; memory: (8Gi-200Mi)*100/8Gi = 97 → (75+97)/2 = 86
  assert.equal(pl.score(new Map(), pod({ cpu: '1' }), node({ cpu: '4', memory: '8Gi' })), 86)
  // Overhead counts in the score too: cpu 2000 → 50; memory 1Gi → 87 → 68
  assert.equal(pl.score(new Map(), pod({ cpu: '1', memory: '512Mi', overhead: { cpu: '1', memory: '512Mi' } }), node({ cpu: '4', memory: '8Gi' })), 68)
  assert.equal(pl.score(new Map(), pod({ cpu: '5' }), node({ cpu: '4', memory: '8Gi' })), 48)
})
