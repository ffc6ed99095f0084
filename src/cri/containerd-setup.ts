/**
 * Everything the embedded containerd needs on disk before it starts, in its
 * base dir: checks (root, containerd, ctr, runc installed; a clear fix when
 * not), the runtime wrappers, the hardened base spec, the CNI conflist (before
 * containerd, see cni-config.ts) and config.toml for the handlers found.
 * Idempotent: rewrites the same files on every start.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CONFLIST_NAME, cniConflist, type CniOptions } from './cni-config.ts'
import { containerdConfig } from './containerd-config.ts'
import { RuntimeSetupError } from './errors.ts'
import { describeHandlers, findRuntimes, SYSTEM_PATH, which, type HandlerSpec } from './handlers.ts'
import { defaultOciSpec, hardenSpec } from './hardened-spec.ts'
import { containerdPaths, type ContainerdPaths } from './paths.ts'
import { crunWrapper, runscWrapper } from './wrappers.ts'

export const INSTALL_HINT = 'apt-get install containerd runc'

export interface SetupOptions {
  baseDir: string
  /** PATH used to find containerd and the runtimes (default: process PATH + system sbin dirs). */
  path?: string
  bridge?: string
  subnet?: string
}

export interface PreparedContainerd {
  paths: ContainerdPaths
  handlers: HandlerSpec[]
  containerd: string
  ctr: string
  bridge: CniOptions['bridge']
}

export const prepareContainerd = async (opts: SetupOptions): Promise<PreparedContainerd> => {
  if (process.getuid?.() !== 0) {
    throw new RuntimeSetupError('RC_CONTAINERD_NOT_ROOT', 'the embedded containerd needs root: run runclass as root, or pass --containerd-socket to use a running containerd')
  }
  const pathEnv = opts.path ?? `${process.env.PATH ?? ''}:${SYSTEM_PATH}`
  const containerd = which('containerd', pathEnv)
  const ctr = which('ctr', pathEnv)
  const bins = findRuntimes(pathEnv)
  if (!containerd || !ctr || !bins.runc) {
    const missing = [!containerd && 'containerd', !ctr && 'ctr', !bins.runc && 'runc'].filter(Boolean).join(', ')
    throw new RuntimeSetupError('RC_CONTAINERD_MISSING', `${missing} not found on PATH: install with \`${INSTALL_HINT}\` (or pass --containerd-socket)`)
  }
  const paths = containerdPaths(opts.baseDir)
  const handlers = describeHandlers(bins, paths)
  await Promise.all([paths.bin, paths.ociRoot, paths.cniConfDir, paths.cniIpamDir].map((d) => mkdir(d, { recursive: true })))
  for (const h of handlers) {
    if (h.root) await mkdir(h.root, { recursive: true })
    if (h.wrapper === 'crun-v1') await writeExecutable(h.binaryName, crunWrapper(h.runtime, bins.unshare!))
    if (h.wrapper === 'runsc-cri') await writeExecutable(h.binaryName, runscWrapper(h.runtime))
    if (h.baseRuntimeSpec) await writeFile(h.baseRuntimeSpec, `${JSON.stringify(hardenSpec(await defaultOciSpec(ctr)), null, 2)}\n`)
  }
  await writeFile(join(paths.cniConfDir, CONFLIST_NAME), cniConflist({ bridge: opts.bridge, subnet: opts.subnet, ipamDir: paths.cniIpamDir }))
  await writeFile(paths.config, containerdConfig({ paths, handlers }))
  return { paths, handlers, containerd, ctr, bridge: opts.bridge }
}

const writeExecutable = async (file: string, text: string) => {
  await writeFile(file, text)
  await chmod(file, 0o755)
}
