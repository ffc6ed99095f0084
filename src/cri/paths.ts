/**
 * Where the embedded containerd keeps everything: one base directory (in the
 * data dir) holding its config, root, state, socket, per-handler OCI state
 * roots, the runtime wrappers and the CNI config, so it never touches a system
 * containerd and a whole instance is removed by removing the directory.
 */
import { join } from 'node:path'

export interface ContainerdPaths {
  base: string
  config: string
  root: string
  state: string
  socket: string
  /** Wrapper scripts (crun-v1, runsc-cri). */
  bin: string
  /** Per-handler OCI runtime state roots live under here (`<ociRoot>/<handler>`). */
  ociRoot: string
  hardenedSpec: string
  cniConfDir: string
  cniIpamDir: string
  log: string
  pidFile: string
}

export const containerdPaths = (base: string): ContainerdPaths => ({
  base,
  config: join(base, 'config.toml'),
  root: join(base, 'containerd-root'),
  state: join(base, 'state'),
  socket: join(base, 'containerd.sock'),
  bin: join(base, 'bin'),
  ociRoot: join(base, 'oci-root'),
  hardenedSpec: join(base, 'hardened-spec.json'),
  cniConfDir: join(base, 'cni', 'net.d'),
  cniIpamDir: join(base, 'cni', 'ipam'),
  log: join(base, 'containerd.log'),
  pidFile: join(base, 'containerd.pid'),
})
