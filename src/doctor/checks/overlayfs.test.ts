import assert from 'node:assert/strict'
import { it } from 'node:test'
import { fakeHost } from '../testing/fake-host.ts'
import { checkOverlayfs, hasOverlay } from './overlayfs.ts'

const cases = [
  { name: 'listed', files: { '/proc/filesystems': 'nodev\tsysfs\nnodev\ttmpfs\n\text4\nnodev\toverlay\n' }, want: { name: 'overlayfs', result: 'ok', detail: 'overlay listed in /proc/filesystems' } },
  {
    name: 'absent (overlayfs is not a match)',
    files: { '/proc/filesystems': 'nodev\tsysfs\n\text4\nnodev\toverlayfs-x\n' },
    want: { name: 'overlayfs', result: 'FAIL', detail: 'overlay is not in /proc/filesystems: the overlayfs snapshotter cannot unpack images', fix: 'modprobe overlay (and add "overlay" to /etc/modules)' },
  },
  { name: 'no /proc', files: {}, want: { name: 'overlayfs', result: 'FAIL', detail: 'cannot read /proc/filesystems', fix: 'mount -t proc proc /proc' } },
]
for (const c of cases) it(c.name, () => assert.deepEqual(checkOverlayfs(fakeHost(c.files)), c.want))

it('hasOverlay reads the last field', () => {
  assert.equal(hasOverlay('nodev\toverlay'), true)
  assert.equal(hasOverlay('nodev\toverlay2'), false)
})
