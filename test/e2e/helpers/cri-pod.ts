/**
 * Small builders and waits for driving CRI directly in e2e tests: a pod sandbox
 * config on the pod network, a busybox container that logs through CRI, a
 * CRI-log reader, and a bounded poll. Also the skip rule for tests that need
 * root and containerd (skip loudly; fail instead under CI=true).
 */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { findRuntimes, SYSTEM_PATH, which } from '../../../src/cri/handlers.ts'
import type { ContainerConfig, PodSandboxConfig } from '../../../src/cri/interface.ts'

/** Why these tests cannot run here, or undefined when they can. */
export const realContainerdUnavailable = (): string | undefined => {
  if (process.getuid?.() !== 0) return 'not running as root'
  const path = `${process.env.PATH ?? ''}:${SYSTEM_PATH}`
  if (!which('containerd', path) || !which('ctr', path)) return 'containerd is not installed (apt-get install containerd runc)'
  if (!findRuntimes(path).runc) return 'runc is not installed (apt-get install containerd runc)'
  // runc pivots into each container's root, which needs / to be a mount point; in a chroot
  // (such as a throw-away build root) it is not, and every sandbox fails with `mount /: invalid argument`.
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
  if (!mounts.some((line) => line.split(' ')[4] === '/')) return 'the root directory is not a mount point (a chroot?), so runc cannot start containers here'
  return undefined
}

export const podConfig = (name: string, logDirectory: string): PodSandboxConfig => ({
  metadata: { name, uid: `uid-${name}`, namespace: 'e2e', attempt: 0 },
  hostname: name,
  log_directory: logDirectory,
  labels: { app: name },
  linux: { security_context: { namespace_options: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
})

export const busyboxContainer = (name: string, script: string, image = 'busybox'): ContainerConfig => ({
  metadata: { name, attempt: 0 },
  image: { image },
  command: ['sh', '-c', script],
  log_path: `${name}.log`,
  labels: { container: name },
})

/** The message part of each CRI log line (`<time> <stream> <P|F> <message>`). */
export const readCriLog = async (file: string): Promise<string[]> => {
  let text = ''
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return []
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').slice(3).join(' '))
}

export const waitFor = async <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000, everyMs = 20): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const v = await fn()
      if (v !== undefined) return v
    } catch (err) {
      last = err
    }
    await sleep(everyMs)
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`)
}
