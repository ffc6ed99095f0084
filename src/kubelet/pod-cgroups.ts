/**
 * Pod-level cgroups (cgroupfs layout, as containerd's default): creates
 * `<root>/<controller>/kubepods[/<qos>]/pod<uid>` and writes the values of
 * podCgroupConfig (limits + overhead) before the sandbox starts, so runc puts
 * the pause and app containers beneath it (`cgroup_parent`). cgroup v1 (also
 * the v1 side of a hybrid host) writes cpu.shares / cpu.cfs_* /
 * memory.limit_in_bytes; pure v2 writes cpu.weight / cpu.max / memory.max.
 * Removal is best effort once the containers are gone.
 */
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KubeObject } from '../api/meta.ts'
import { podCgroupConfig, podCgroupParent, type PodCgroupConfig } from './pod-resources.ts'

const V1_CONTROLLERS = ['cpu', 'memory', 'pids']

export const isCgroupV2 = (root: string) => existsSync(join(root, 'cgroup.controllers'))

/** What gets written, as [relative file, value] per controller dir (pure, for tests). */
export const cgroupWrites = (cfg: PodCgroupConfig, v2: boolean): [string, string, string][] => {
  if (v2) {
    const w: [string, string, string][] = [['', 'cpu.weight', String(1 + Math.floor(((cfg.cpuShares - 2) * 9999) / 262142))]]
    if (cfg.cpuQuota !== undefined) w.push(['', 'cpu.max', `${cfg.cpuQuota || 'max'} ${cfg.cpuPeriod}`])
    if (cfg.memoryLimit !== undefined) w.push(['', 'memory.max', String(cfg.memoryLimit || 'max')])
    return w
  }
  const w: [string, string, string][] = [['cpu', 'cpu.shares', String(cfg.cpuShares)]]
  if (cfg.cpuQuota !== undefined) {
    w.push(['cpu', 'cpu.cfs_period_us', String(cfg.cpuPeriod)])
    w.push(['cpu', 'cpu.cfs_quota_us', String(cfg.cpuQuota || -1)])
  }
  if (cfg.memoryLimit !== undefined && cfg.memoryLimit > 0) w.push(['memory', 'memory.limit_in_bytes', String(cfg.memoryLimit)])
  return w
}

export class PodCgroups {
  constructor(readonly root = '/sys/fs/cgroup') {}

  /** Creates and sizes the pod cgroup; returns the cgroup_parent to hand to the runtime. */
  ensure(pod: KubeObject): string {
    const parent = podCgroupParent(pod)
    const v2 = isCgroupV2(this.root)
    const dirs = v2 ? [''] : V1_CONTROLLERS.filter((c) => existsSync(join(this.root, c)))
    for (const c of dirs) mkdirSync(join(this.root, c, parent), { recursive: true })
    for (const [c, file, value] of cgroupWrites(podCgroupConfig(pod), v2)) writeFileSync(join(this.root, c, parent, file), value)
    return parent
  }

  /** The cgroup_parent of a pod whose cgroup this agent created (it survives an agent restart), else undefined. */
  existing(pod: KubeObject): string | undefined {
    const parent = podCgroupParent(pod)
    const probe = isCgroupV2(this.root) ? join(this.root, parent) : join(this.root, 'memory', parent)
    return existsSync(probe) ? parent : undefined
  }

  /** Removes the pod cgroup from every hierarchy it exists in (runc may have made more). */
  remove(pod: KubeObject): void {
    const uid = pod.metadata.uid!
    // The QoS class of an orphan is unknown: try every place its cgroup can be.
    const parents = [podCgroupParent(pod), `/kubepods/pod${uid}`, `/kubepods/burstable/pod${uid}`, `/kubepods/besteffort/pod${uid}`]
    const dirs = isCgroupV2(this.root) ? [''] : ['cpu', 'cpuacct', 'cpuset', 'memory', 'pids', 'blkio', 'devices', 'freezer', 'hugetlb', 'net_cls', 'perf_event', 'systemd', 'unified']
    for (const parent of new Set(parents)) {
      for (const c of dirs) {
        try {
          rmdirSync(join(this.root, c, parent))
        } catch {
          // absent, or still busy (a container cgroup left behind): nothing more to do here
        }
      }
    }
  }
}
