/** podFixed from samples (rounding, basis, CPU floor) and the printed table. */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { HandlerSample, PodSample } from './measure.ts'
import { formatTable, podFixedFor, processSummary } from './podfixed.ts'

const MI = 1024 * 1024
const pod = (rssMi: number, pssMi: number, processes = ['containerd-shim-runc-v2', 'pause']): PodSample => ({
  processes, rssBytes: rssMi * MI, pssBytes: pssMi * MI, privateBytes: 0, startCpuMs: 40, startMs: 130,
})
const sample = (handler: string, pods: PodSample[], idleMillicores = 0): HandlerSample => ({ handler, pods, idleMillicores, windowMs: 3000 })

describe('podFixedFor', () => {
  const cases = [
    { name: 'RSS of the largest pod, rounded up to Mi; CPU floor 10m', s: sample('runc', [pod(14.3, 5.2), pod(14.5, 5.3)]), basis: 'rss' as const, want: { memory: '15Mi', cpu: '10m' } },
    { name: 'PSS basis', s: sample('runc', [pod(14.3, 5.2), pod(14.5, 5.3)]), basis: 'pss' as const, want: { memory: '6Mi', cpu: '10m' } },
    { name: 'a whole Mi stays as it is', s: sample('runc', [pod(16, 4)]), basis: 'rss' as const, want: { memory: '16Mi', cpu: '10m' } },
    { name: 'CPU above the floor rounds up to whole m', s: sample('runsc', [pod(101.5, 30)], 12.2), basis: 'rss' as const, want: { memory: '102Mi', cpu: '13m' } },
  ]
  for (const c of cases) test(c.name, () => assert.deepEqual(podFixedFor(c.s, c.basis), c.want))
})

test('processSummary counts repeated processes', () => {
  const s = sample('runsc', [pod(100, 30, ['containerd-shim-runc-v2', 'runsc-gofer', 'runsc-sandbox', 'runsc-gofer', 'runsc-sandbox', 'exe', 'exe'])])
  assert.equal(processSummary(s), 'containerd-shim-runc-v2, 2×runsc-gofer, 2×runsc-sandbox, 2×exe')
})

test('formatTable', () => {
  const text = formatTable([sample('runc', [pod(14.4, 5.3)]), sample('runsc', [pod(101.5, 30.5, ['containerd-shim-runc-v2', 'runsc-sandbox'])], 1.1)])
  assert.equal(
    text,
    [
      'HANDLER   PODS   RSS/POD     PSS/POD    IDLE CPU/POD   START (median)   START CPU/POD   PODFIXED MEMORY   PODFIXED CPU',
      'runc      1      14.4 MiB    5.3 MiB    0.0m           130 ms           40 ms           15Mi              10m',
      'runsc     1      101.5 MiB   30.5 MiB   1.1m           130 ms           40 ms           102Mi             10m',
      '',
      'processes per pod (workload excluded; memory sized by RSS):',
      '  runc: containerd-shim-runc-v2, pause',
      '  runsc: containerd-shim-runc-v2, runsc-sandbox',
    ].join('\n'),
  )
})
