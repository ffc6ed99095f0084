/** Overhead → pod cgroup values: the worked examples of kubelet-cri.md §4 and the QoS rules. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { KubeObject } from '../api/meta.ts'
import { containerResources, milliCpuToQuota, milliCpuToShares, podCgroupConfig, podCgroupParent, sandboxResources } from './pod-resources.ts'

type Obj = Record<string, any>
const pod = (containers: Obj[], overhead?: Obj, qosClass?: string): KubeObject => ({
  metadata: { name: 'p', namespace: 'default', uid: 'u1' },
  spec: { containers: containers.map((resources, i) => ({ name: `c${i}`, image: 'busybox', resources })), ...(overhead ? { overhead } : {}) },
  ...(qosClass ? { status: { qosClass } } : {}),
})
const rl = (cpu?: string, memory?: string) => ({ ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) })

describe('podCgroupConfig', () => {
  for (const { name, pod: p, want } of [
    {
      name: 'node e2e: 100m/100Mi guaranteed + overhead 200m/140Mi',
      pod: pod([{ requests: rl('100m', '100Mi'), limits: rl('100m', '100Mi') }], rl('200m', '140Mi')),
      want: { cpuShares: 307, cpuQuota: 30000, cpuPeriod: 100000, memoryLimit: 251658240 },
    },
    {
      name: 'docs: limits 2000m/200Mi + overhead 250m/120Mi',
      pod: pod([{ requests: rl('2', '200Mi'), limits: rl('2', '200Mi') }], rl('250m', '120Mi')),
      want: { cpuShares: 2304, cpuQuota: 225000, cpuPeriod: 100000, memoryLimit: 335544320 },
    },
    {
      name: 'burstable with a memory limit only: shares and memory, no quota',
      pod: pod([{ requests: rl('100m', '50Mi'), limits: rl(undefined, '100Mi') }], rl('10m', '20Mi')),
      want: { cpuShares: 112, memoryLimit: 125829120 },
    },
    {
      name: 'burstable with one container lacking limits: shares only',
      pod: pod([{ requests: rl('100m'), limits: rl('200m', '64Mi') }, {}], rl('100m', '10Mi')),
      want: { cpuShares: 204 },
    },
    { name: 'best effort: shares 2 even with overhead', pod: pod([{}], rl('250m', '120Mi')), want: { cpuShares: 2 } },
  ]) {
    test(name, () => assert.deepEqual(podCgroupConfig(p), want))
  }
})

describe('cpu conversions', () => {
  for (const [m, shares, quota] of [
    [0, 2, 0],
    [1, 2, 1000],
    [5, 5, 1000],
    [300, 307, 30000],
    [1000000, 262144, 100000000],
  ]) {
    test(`${m}m → shares ${shares}, quota ${quota}`, () => {
      assert.equal(milliCpuToShares(m), shares)
      assert.equal(milliCpuToQuota(m), quota)
    })
  }
})

describe('CRI resources', () => {
  test('sandbox: pod resources without overhead, overhead as request = limit', () => {
    const p = pod([{ requests: rl('100m', '100Mi'), limits: rl('100m', '100Mi') }], rl('200m', '140Mi'))
    assert.deepEqual(sandboxResources(p), {
      resources: { cpu_shares: '102', cpu_period: '100000', cpu_quota: '10000', memory_limit_in_bytes: '104857600' },
      overhead: { cpu_shares: '204', cpu_period: '100000', cpu_quota: '20000', memory_limit_in_bytes: '146800640' },
    })
  })
  test('container: own limits, oom_score_adj never negative', () => {
    const p = pod([{ requests: rl('100m', '100Mi'), limits: rl('100m', '100Mi') }], undefined, 'Guaranteed')
    assert.deepEqual(containerResources(p, (p.spec as Obj).containers[0], 1 << 30), {
      cpu_shares: '102', cpu_period: '100000', cpu_quota: '10000', memory_limit_in_bytes: '104857600', oom_score_adj: '0',
    })
  })
  test('cgroup parent by QoS', () => {
    assert.equal(podCgroupParent(pod([{}])), '/kubepods/besteffort/podu1')
    assert.equal(podCgroupParent(pod([{ requests: rl('500m'), limits: rl('1', '1Gi') }])), '/kubepods/burstable/podu1')
    assert.equal(podCgroupParent(pod([{ requests: rl('1', '1Gi'), limits: rl('1', '1Gi') }])), '/kubepods/podu1')
  })
})
