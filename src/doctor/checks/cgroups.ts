/**
 * Host check: the cgroup layout from /proc/mounts — v1, v2 or the v1/v2
 * hybrid of this project's hosts (runtimes-debian.md §1) — and that the cpu
 * and memory controllers exist in some hierarchy (pod limits and overhead are
 * written there). Hybrid is fine: runc copes, and crun runs through
 * runclass's crun-v1 wrapper that hides the v2 hierarchy (§4).
 */
import { join } from 'node:path'
import { readHostFile } from '../host-fs.ts'
import type { CheckResult, HostContext } from '../interface.ts'

export interface CgroupMount {
  mountpoint: string
  version: 1 | 2
  controllers: string[]
}

const V1_MOUNT_OPTIONS = new Set(['rw', 'ro', 'relatime', 'noatime', 'nosuid', 'nodev', 'noexec', 'nsdelegate', 'clone_children', 'noprefix', 'xattr'])

/** cgroup mounts from /proc/mounts text; `readControllers(mountpoint)` gives a v2 root's cgroup.controllers. */
export const parseCgroupMounts = (mounts: string, readControllers: (mountpoint: string) => string | undefined): CgroupMount[] => {
  const out: CgroupMount[] = []
  for (const line of mounts.split('\n')) {
    const [, mountpoint, fstype, options] = line.trim().split(/\s+/)
    if (fstype === 'cgroup') {
      const controllers = (options ?? '').split(',').filter((o) => o && !V1_MOUNT_OPTIONS.has(o) && !o.includes('='))
      out.push({ mountpoint, version: 1, controllers })
    } else if (fstype === 'cgroup2') {
      out.push({ mountpoint, version: 2, controllers: (readControllers(mountpoint) ?? '').trim().split(/\s+/).filter(Boolean) })
    }
  }
  return out
}

export type CgroupLayout = 'v1' | 'v2' | 'hybrid' | 'none'

export const cgroupLayout = (mounts: CgroupMount[]): CgroupLayout => {
  const v1 = mounts.some((m) => m.version === 1 && m.controllers.length)
  const v2 = mounts.some((m) => m.version === 2)
  return v1 && v2 ? 'hybrid' : v1 ? 'v1' : v2 ? 'v2' : 'none'
}

const describe = (mounts: CgroupMount[]): string => {
  const v1 = [...new Set(mounts.filter((m) => m.version === 1).flatMap((m) => m.controllers))].sort()
  const parts = v1.length ? [`v1: ${v1.join(', ')}`] : []
  for (const m of mounts.filter((x) => x.version === 2)) parts.push(`v2 at ${m.mountpoint}: ${m.controllers.join(', ') || 'no controllers'}`)
  return parts.join('; ')
}

export const checkCgroups = (ctx: HostContext): CheckResult => {
  const name = 'cgroups'
  const text = readHostFile(ctx, '/proc/mounts')
  if (text === undefined) return { name, result: 'FAIL', detail: 'cannot read /proc/mounts', fix: 'mount -t proc proc /proc' }
  const mounts = parseCgroupMounts(text, (mp) => readHostFile(ctx, join(mp, 'cgroup.controllers')))
  const layout = cgroupLayout(mounts)
  if (layout === 'none') {
    return { name, result: 'FAIL', detail: 'no cgroup filesystem mounted', fix: 'mount -t cgroup2 none /sys/fs/cgroup' }
  }
  const all = new Set(mounts.flatMap((m) => m.controllers))
  const missing = ['cpu', 'memory'].filter((c) => !all.has(c))
  const detail = `${layout} (${describe(mounts)})`
  if (missing.length) {
    return {
      name,
      result: 'FAIL',
      detail: `${detail}: no ${missing.join(' or ')} controller, so pod limits and overhead cannot be applied`,
      fix: layout === 'v2'
        ? `echo "+${missing.join(' +')}" > /sys/fs/cgroup/cgroup.subtree_control`
        : `mkdir -p /sys/fs/cgroup/${missing[0]} && mount -t cgroup -o ${missing[0]} cgroup /sys/fs/cgroup/${missing[0]} (or boot with cgroup_enable=memory)`,
    }
  }
  const note = layout === 'hybrid' ? ' — crun runs through the crun-v1 wrapper' : ''
  return { name, result: 'ok', detail: `${detail}${note}` }
}
