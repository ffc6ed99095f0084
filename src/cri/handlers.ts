/**
 * The runtime handlers this node can offer, described once and rendered by both
 * containerd-config.ts and crio-config.ts. `findRuntimes` looks binaries up on a
 * PATH (tests pass a fake one); `describeHandlers` turns what was found into
 * handler descriptions, sorted by name: `runc` always (it is required),
 * `runc-hardened` with it, `crun` and `runsc` through their wrappers
 * (runtimes-debian.md §4, §5), `kata` and `nvidia` when their binaries exist.
 */
import { accessSync, constants, statSync } from 'node:fs'
import { join } from 'node:path'
import type { ContainerdPaths } from './paths.ts'

export const RUNC_V2 = 'io.containerd.runc.v2'
export const KATA_V2 = 'io.containerd.kata.v2'

/** Absolute paths of the runtime binaries found; absent = not installed. */
export interface RuntimeBinaries {
  runc?: string
  crun?: string
  runsc?: string
  /** util-linux `unshare`, needed by the crun cgroup wrapper. */
  unshare?: string
  kataShim?: string
  nvidia?: string
}

const EXECUTABLES: Record<keyof RuntimeBinaries, string> = {
  runc: 'runc',
  crun: 'crun',
  runsc: 'runsc',
  unshare: 'unshare',
  kataShim: 'containerd-shim-kata-v2',
  nvidia: 'nvidia-container-runtime',
}

/** Root's usual sbin dirs, since runc lives in /usr/sbin and a user's PATH may lack it. */
export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

export const which = (name: string, pathEnv: string): string | undefined => {
  for (const dir of pathEnv.split(':')) {
    if (!dir) continue
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not here; keep looking
    }
  }
  return undefined
}

export const findRuntimes = (pathEnv = `${process.env.PATH ?? ''}:${SYSTEM_PATH}`): RuntimeBinaries => {
  const found: RuntimeBinaries = {}
  for (const [key, exe] of Object.entries(EXECUTABLES) as [keyof RuntimeBinaries, string][]) {
    const path = which(exe, pathEnv)
    if (path) found[key] = path
  }
  return found
}

export type WrapperKind = 'crun-v1' | 'runsc-cri'

export interface HandlerSpec {
  /** The CRI handler string (`RunPodSandboxRequest.runtime_handler`). */
  name: string
  /** containerd `runtime_type` (shim). */
  runtimeType: string
  /** The OCI runtime binary the shim / CRI-O executes (a wrapper where needed). */
  binaryName: string
  /** The real runtime behind a wrapper (what users recognise). */
  runtime: string
  /** OCI state root; absent for VM runtimes that keep their own. */
  root?: string
  noNewKeyring?: boolean
  /** containerd `base_runtime_spec` (a complete OCI spec file). */
  baseRuntimeSpec?: string
  /** A wrapper runclass must write before the runtime can run. */
  wrapper?: WrapperKind
  /** CRI-O `runtime_type`. */
  crioRuntimeType: 'oci' | 'vm'
}

export const DEFAULT_HANDLER = 'runc'

export const describeHandlers = (bins: RuntimeBinaries, paths: ContainerdPaths): HandlerSpec[] => {
  if (!bins.runc) throw new Error('runc is not installed (install it with: apt-get install containerd runc)')
  const root = (h: string) => join(paths.ociRoot, h)
  const out: HandlerSpec[] = [
    { name: 'runc', runtimeType: RUNC_V2, binaryName: bins.runc, runtime: bins.runc, root: root('runc'), crioRuntimeType: 'oci' },
    {
      name: 'runc-hardened', runtimeType: RUNC_V2, binaryName: bins.runc, runtime: bins.runc, root: root('runc-hardened'),
      noNewKeyring: true, baseRuntimeSpec: paths.hardenedSpec, crioRuntimeType: 'oci',
    },
  ]
  if (bins.crun && bins.unshare) {
    out.push({
      name: 'crun', runtimeType: RUNC_V2, binaryName: join(paths.bin, 'crun-v1'), runtime: bins.crun, root: root('crun'),
      wrapper: 'crun-v1', crioRuntimeType: 'oci',
    })
  }
  if (bins.runsc) {
    out.push({
      name: 'runsc', runtimeType: RUNC_V2, binaryName: join(paths.bin, 'runsc-cri'), runtime: bins.runsc, root: root('runsc'),
      wrapper: 'runsc-cri', crioRuntimeType: 'oci',
    })
  }
  if (bins.kataShim) {
    out.push({ name: 'kata', runtimeType: KATA_V2, binaryName: bins.kataShim, runtime: bins.kataShim, crioRuntimeType: 'vm' })
  }
  if (bins.nvidia) {
    out.push({ name: 'nvidia', runtimeType: RUNC_V2, binaryName: bins.nvidia, runtime: bins.nvidia, root: root('nvidia'), crioRuntimeType: 'oci' })
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}
