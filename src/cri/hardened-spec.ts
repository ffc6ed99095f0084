/**
 * The base OCI spec of the `runc-hardened` handler: containerd's own default
 * spec (`ctr oci spec`, so mounts, namespaces and capabilities stay what CRI
 * expects) with tight rlimits and no-new-privileges. containerd uses the file
 * as `base_runtime_spec` and applies the CRI container config on top; note that
 * containerd sets NoNewPrivileges from the container's `no_new_privs`, so the
 * agent must send that flag too for it to hold (runtimes-debian.md §6).
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

export const HARDENED_NOFILE = 256

export interface OciSpecLike {
  process?: Record<string, unknown>
  [key: string]: unknown
}

export const hardenSpec = (spec: OciSpecLike): OciSpecLike => ({
  ...spec,
  process: {
    ...spec.process,
    noNewPrivileges: true,
    rlimits: [{ type: 'RLIMIT_NOFILE', hard: HARDENED_NOFILE, soft: HARDENED_NOFILE }],
  },
})

/** containerd's default OCI spec, from the `ctr` that ships with it. */
export const defaultOciSpec = async (ctr: string): Promise<OciSpecLike> => {
  const { stdout } = await promisify(execFile)(ctr, ['oci', 'spec'], { timeout: 10_000 })
  return JSON.parse(stdout) as OciSpecLike
}
