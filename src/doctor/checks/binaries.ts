/**
 * Host check: the binaries a node needs, found on the search path exactly as
 * `runclass up` finds them (cri/handlers.ts `which`), with their versions.
 * containerd, ctr, the runc shim and runc are required (FAIL when missing or
 * broken: no Pod can start); crun (with util-linux `unshare` for its cgroup
 * wrapper) and runsc only add handlers, so their absence is a warning.
 */
import { which } from '../../cri/handlers.ts'
import { probeVersion } from '../host-fs.ts'
import type { CheckResult, HostContext } from '../interface.ts'

export interface BinarySpec {
  name: string
  versionArgs: string[]
  required: boolean
  /** The package that provides it (Debian). */
  pkg: string
  /** What is lost without it, for optional binaries. */
  without?: string
}

export const BINARIES: BinarySpec[] = [
  { name: 'containerd', versionArgs: ['--version'], required: true, pkg: 'containerd' },
  { name: 'ctr', versionArgs: ['--version'], required: true, pkg: 'containerd' },
  { name: 'containerd-shim-runc-v2', versionArgs: ['-v'], required: true, pkg: 'containerd' },
  { name: 'runc', versionArgs: ['--version'], required: true, pkg: 'runc' },
  { name: 'crun', versionArgs: ['--version'], required: false, pkg: 'crun', without: 'no crun handler' },
  { name: 'unshare', versionArgs: ['--version'], required: false, pkg: 'util-linux', without: 'no crun handler (its hybrid-cgroup wrapper needs unshare)' },
  { name: 'runsc', versionArgs: ['--version'], required: false, pkg: 'runsc', without: 'no runsc (gVisor) handler' },
]

export const checkBinary = async (ctx: HostContext, spec: BinarySpec): Promise<CheckResult> => {
  const bad = spec.required ? 'FAIL' : 'warn'
  const path = which(spec.name, ctx.searchPath)
  if (!path) {
    const detail = spec.required ? 'not found: no Pod can start' : `not found: ${spec.without}`
    return { name: spec.name, result: bad, detail, fix: `apt-get install ${spec.pkg}` }
  }
  const probe = await probeVersion(path, spec.versionArgs)
  if (!probe.ok) {
    return { name: spec.name, result: bad, detail: `${path} ${spec.versionArgs.join(' ')} failed: ${probe.error}`, fix: `apt-get install --reinstall ${spec.pkg}` }
  }
  return { name: spec.name, result: 'ok', detail: `${probe.version} (${path})` }
}

export const checkBinaries = (ctx: HostContext, specs = BINARIES): Promise<CheckResult[]> => Promise.all(specs.map((s) => checkBinary(ctx, s)))
