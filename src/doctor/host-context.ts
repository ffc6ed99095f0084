/**
 * The HostContext of the machine the doctor runs on: the real filesystem
 * root, the binary search path `runclass up` would use ($PATH plus root's
 * sbin dirs, cri/handlers.ts SYSTEM_PATH) unless one is given, the effective
 * uid and the CNI bin dir of the embedded containerd.
 */
import { resolve } from 'node:path'
import { CNI_BIN_DIR } from '../cri/containerd-config.ts'
import { SYSTEM_PATH } from '../cri/handlers.ts'
import type { HostContext } from './interface.ts'

export const defaultSearchPath = (): string => `${process.env.PATH ?? ''}:${SYSTEM_PATH}`

export const hostContext = (opts: { dataDir: string; searchPath?: string }): HostContext => ({
  root: '/',
  searchPath: opts.searchPath ?? defaultSearchPath(),
  uid: process.getuid?.() ?? -1,
  dataDir: resolve(opts.dataDir),
  cniBinDir: CNI_BIN_DIR,
})
