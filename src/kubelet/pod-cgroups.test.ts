/** Pod cgroup files written for the worked example of kubelet-cri.md §4, on a fake v1 and v2 tree. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KubeObject } from '../api/meta.ts'
import { PodCgroups } from './pod-cgroups.ts'

const pod: KubeObject = {
  metadata: { name: 'p', namespace: 'default', uid: 'u1' },
  spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '100m', memory: '100Mi' } } }], overhead: { cpu: '200m', memory: '140Mi' } },
  status: { qosClass: 'Guaranteed' },
}

describe('PodCgroups', () => {
  test('v1: limits + overhead in cpu and memory, removed again', () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-'))
    for (const c of ['cpu', 'memory', 'pids']) mkdirSync(join(root, c))
    const cg = new PodCgroups(root)
    assert.equal(cg.ensure(pod), '/kubepods/podu1')
    const read = (c: string, f: string) => readFileSync(join(root, c, 'kubepods/podu1', f), 'utf8')
    assert.deepEqual(
      [read('cpu', 'cpu.shares'), read('cpu', 'cpu.cfs_period_us'), read('cpu', 'cpu.cfs_quota_us'), read('memory', 'memory.limit_in_bytes')],
      ['307', '100000', '30000', '251658240'],
    )
    assert.ok(existsSync(join(root, 'pids/kubepods/podu1')))
    // rmdir on a real cgroup ignores the control files; here they are plain files, so clear them first.
    for (const c of ['cpu', 'memory']) rmSync(join(root, c, 'kubepods/podu1'), { recursive: true })
    cg.remove(pod)
    assert.equal(existsSync(join(root, 'pids/kubepods/podu1')), false)
    rmSync(root, { recursive: true })
  })

  test('v2: cpu.max and memory.max', () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-'))
    writeFileSync(join(root, 'cgroup.controllers'), 'cpu memory pids')
    new PodCgroups(root).ensure(pod)
    const read = (f: string) => readFileSync(join(root, 'kubepods/podu1', f), 'utf8')
    assert.deepEqual([read('cpu.weight'), read('cpu.max'), read('memory.max')], ['12', '30000 100000', '251658240'])
    rmSync(root, { recursive: true })
  })
})
