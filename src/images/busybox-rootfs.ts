/**
 * The root filesystem of the offline images (runtimes-debian.md §7): Debian's
 * static busybox with every applet linked in bin/, the directories a container
 * runtime mounts over, and minimal passwd/group plus the empty files CRI
 * bind-mounts (hosts, resolv.conf, hostname). Modes are set explicitly so the
 * layer does not depend on the umask.
 */
import { execFile } from 'node:child_process'
import { chmod, copyFile, mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

export const DEFAULT_BUSYBOX = '/bin/busybox'

export const ROOTFS_DIRS: [string, number][] = [
  ['bin', 0o755], ['dev', 0o755], ['etc', 0o755], ['proc', 0o755], ['root', 0o700], ['sys', 0o755],
  ['tmp', 0o1777], ['var', 0o755], ['var/run', 0o755],
]

export const ROOTFS_FILES: [string, string][] = [
  ['etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n'],
  ['etc/group', 'root:x:0:\nnogroup:x:65534:\n'],
  ['etc/hosts', ''],
  ['etc/resolv.conf', ''],
  ['etc/hostname', ''],
]

export const busyboxApplets = async (busybox: string): Promise<string[]> => {
  const { stdout } = await promisify(execFile)(busybox, ['--list'], { timeout: 10_000 })
  return stdout.split('\n').map((s) => s.trim()).filter((s) => s && s !== 'busybox' && !s.includes('/'))
}

/** Fills the empty directory `dir`; returns the top-level entries to archive. */
export const buildBusyboxRootfs = async (dir: string, busybox = DEFAULT_BUSYBOX): Promise<string[]> => {
  for (const [d, mode] of ROOTFS_DIRS) {
    await mkdir(join(dir, d), { recursive: true })
    await chmod(join(dir, d), mode)
  }
  await copyFile(busybox, join(dir, 'bin/busybox'))
  await chmod(join(dir, 'bin/busybox'), 0o755)
  for (const applet of await busyboxApplets(busybox)) await symlink('busybox', join(dir, 'bin', applet))
  for (const [file, text] of ROOTFS_FILES) {
    await writeFile(join(dir, file), text)
    await chmod(join(dir, file), 0o644)
  }
  return [...new Set(ROOTFS_DIRS.map(([d]) => d.split('/')[0]))].sort()
}
