import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fakeHost } from '../testing/fake-host.ts'
import { cgroupLayout, checkCgroups, parseCgroupMounts } from './cgroups.ts'

// /proc/mounts of this project's hosts (runtimes-debian.md §1).
const HYBRID = `tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0
cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
cgroup /sys/fs/cgroup/pids cgroup rw,nosuid,relatime,pids 0 0
cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0
cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
`
const V1 = 'cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0\ncgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n'
const V2 = 'cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate 0 0\n'

describe('parseCgroupMounts', () => {
  it('v1 controllers from mount options, v2 from cgroup.controllers, name= hierarchies without controllers', () => {
    assert.deepEqual(
      parseCgroupMounts(HYBRID, (mp) => (mp === '/sys/fs/cgroup/unified' ? 'hugetlb\n' : undefined)),
      [
        { mountpoint: '/sys/fs/cgroup/cpu', version: 1, controllers: ['cpu'] },
        { mountpoint: '/sys/fs/cgroup/cpuacct', version: 1, controllers: ['cpuacct'] },
        { mountpoint: '/sys/fs/cgroup/memory', version: 1, controllers: ['memory'] },
        { mountpoint: '/sys/fs/cgroup/pids', version: 1, controllers: ['pids'] },
        { mountpoint: '/sys/fs/cgroup/systemd', version: 1, controllers: [] },
        { mountpoint: '/sys/fs/cgroup/unified', version: 2, controllers: ['hugetlb'] },
      ],
    )
  })
  it('layouts', () => {
    assert.equal(cgroupLayout(parseCgroupMounts(HYBRID, () => '')), 'hybrid')
    assert.equal(cgroupLayout(parseCgroupMounts(V1, () => '')), 'v1')
    assert.equal(cgroupLayout(parseCgroupMounts(V2, () => 'cpu memory')), 'v2')
    assert.equal(cgroupLayout(parseCgroupMounts('proc /proc proc rw 0 0', () => '')), 'none')
  })
})

describe('checkCgroups', () => {
  const cases = [
    {
      name: 'hybrid with cpu and memory in v1: ok, notes the crun wrapper',
      files: { '/proc/mounts': HYBRID, '/sys/fs/cgroup/unified/cgroup.controllers': 'hugetlb\n' },
      want: { name: 'cgroups', result: 'ok', detail: 'hybrid (v1: cpu, cpuacct, memory, pids; v2 at /sys/fs/cgroup/unified: hugetlb) — crun runs through the crun-v1 wrapper' },
    },
    { name: 'v1', files: { '/proc/mounts': V1 }, want: { name: 'cgroups', result: 'ok', detail: 'v1 (v1: cpu, cpuacct, memory)' } },
    {
      name: 'v2 with controllers',
      files: { '/proc/mounts': V2, '/sys/fs/cgroup/cgroup.controllers': 'cpuset cpu io memory pids\n' },
      want: { name: 'cgroups', result: 'ok', detail: 'v2 (v2 at /sys/fs/cgroup: cpuset, cpu, io, memory, pids)' },
    },
    {
      name: 'v2 without memory: FAIL',
      files: { '/proc/mounts': V2, '/sys/fs/cgroup/cgroup.controllers': 'cpu pids\n' },
      want: {
        name: 'cgroups',
        result: 'FAIL',
        detail: 'v2 (v2 at /sys/fs/cgroup: cpu, pids): no memory controller, so pod limits and overhead cannot be applied',
        fix: 'echo "+memory" > /sys/fs/cgroup/cgroup.subtree_control',
      },
    },
    {
      name: 'v1 without memory: FAIL',
      files: { '/proc/mounts': 'cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n' },
      want: {
        name: 'cgroups',
        result: 'FAIL',
        detail: 'v1 (v1: cpu): no memory controller, so pod limits and overhead cannot be applied',
        fix: 'mkdir -p /sys/fs/cgroup/memory && mount -t cgroup -o memory cgroup /sys/fs/cgroup/memory (or boot with cgroup_enable=memory)',
      },
    },
    { name: 'nothing mounted: FAIL', files: { '/proc/mounts': 'proc /proc proc rw 0 0\n' }, want: { name: 'cgroups', result: 'FAIL', detail: 'no cgroup filesystem mounted', fix: 'mount -t cgroup2 none /sys/fs/cgroup' } },
  ]
  for (const c of cases) it(c.name, () => assert.deepEqual(checkCgroups(fakeHost(c.files)), c.want))
})
