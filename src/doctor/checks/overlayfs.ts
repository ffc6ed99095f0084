/**
 * Host check: the embedded containerd uses the overlayfs snapshotter
 * (runtimes-debian.md §3: 115 ms pod start vs 250 ms with `native`), so the
 * kernel must list `overlay` in /proc/filesystems.
 */
import { readHostFile } from '../host-fs.ts'
import type { CheckResult, HostContext } from '../interface.ts'

export const hasOverlay = (filesystems: string): boolean => filesystems.split('\n').some((l) => l.trim().split(/\s+/).pop() === 'overlay')

export const checkOverlayfs = (ctx: HostContext): CheckResult => {
  const text = readHostFile(ctx, '/proc/filesystems')
  if (text === undefined) return { name: 'overlayfs', result: 'FAIL', detail: 'cannot read /proc/filesystems', fix: 'mount -t proc proc /proc' }
  if (hasOverlay(text)) return { name: 'overlayfs', result: 'ok', detail: 'overlay listed in /proc/filesystems' }
  return {
    name: 'overlayfs',
    result: 'FAIL',
    detail: 'overlay is not in /proc/filesystems: the overlayfs snapshotter cannot unpack images',
    fix: 'modprobe overlay (and add "overlay" to /etc/modules)',
  }
}
