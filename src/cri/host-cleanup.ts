/**
 * Host-side cleanup of an embedded containerd instance, used on final stop and
 * by tests: find and kill the runc shims that belong to one containerd socket,
 * unmount everything mounted under the instance's base dir (pod netns, rootfs,
 * shm) deepest first, and delete the CNI bridge. Each step is best effort and
 * reports what it could not do instead of throwing.
 */
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** PIDs of `containerd-shim-*` processes started for `socket` (their `-address`). */
export const findShims = (socket: string): number[] => {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let argv: string[]
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
    } catch {
      continue // exited meanwhile
    }
    if (!argv[0]?.includes('containerd-shim')) continue
    const i = argv.indexOf('-address')
    if (i >= 0 && argv[i + 1] === socket) pids.push(Number(entry))
  }
  return pids
}

export const killPids = (pids: number[], signal: NodeJS.Signals = 'SIGKILL'): void => {
  for (const pid of pids) {
    try {
      process.kill(pid, signal)
    } catch {
      // already gone
    }
  }
}

/** Mount points strictly under `dir`, deepest first (mountinfo field 5, octal escapes decoded). */
export const mountsUnder = (dir: string, mountinfo = readFileSync('/proc/self/mountinfo', 'utf8')): string[] => {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`
  const points = mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((p) => p.startsWith(prefix))
  return [...new Set(points)].sort((a, b) => b.length - a.length || (a < b ? 1 : -1))
}

export const unmountUnder = async (dir: string): Promise<string[]> => {
  const failed: string[] = []
  for (const point of mountsUnder(dir)) {
    try {
      await run('umount', ['-l', point], { timeout: 5_000 })
    } catch {
      failed.push(point)
    }
  }
  return failed
}

export const linkExists = (name: string): boolean => {
  try {
    readFileSync(`/sys/class/net/${name}/ifindex`)
    return true
  } catch {
    return false
  }
}

/** Deletes a network link (the CNI bridge); false if it could not. */
export const deleteLink = async (name: string): Promise<boolean> => {
  if (!linkExists(name)) return true
  try {
    await run('ip', ['link', 'delete', name], { timeout: 5_000 })
    return true
  } catch {
    return false
  }
}
