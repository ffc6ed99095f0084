/**
 * containerd 1.6 `config.toml` (version 2) for the embedded instance, exactly
 * the configuration proven on this machine (runtimes-debian.md §3): private
 * root/state/socket under one base dir, CRI plugin with a local pause image,
 * `restrict_oom_score_adj` (no CAP_SYS_RESOURCE here), netns under the state
 * dir, overlayfs, one runtime entry per handler, CNI from our conf dir.
 */
import { stringify } from 'smol-toml'
import { DEFAULT_HANDLER, type HandlerSpec } from './handlers.ts'
import type { ContainerdPaths } from './paths.ts'

export const SANDBOX_IMAGE = 'runclass.local/pause:1'
export const CNI_BIN_DIR = '/usr/lib/cni'
export const CRI_PLUGIN = 'io.containerd.grpc.v1.cri'

/** Plugins that cannot work here or only add noise to the log. */
export const DISABLED_PLUGINS = [
  'io.containerd.snapshotter.v1.btrfs',
  'io.containerd.snapshotter.v1.zfs',
  'io.containerd.snapshotter.v1.devmapper',
  'io.containerd.snapshotter.v1.aufs',
  'io.containerd.tracing.processor.v1.otlp',
  'io.containerd.internal.v1.tracing',
]

export interface ContainerdConfigOptions {
  paths: ContainerdPaths
  handlers: HandlerSpec[]
  sandboxImage?: string
  cniBinDir?: string
  defaultRuntime?: string
}

export const runtimeEntry = (h: HandlerSpec): Record<string, unknown> => {
  const entry: Record<string, unknown> = { runtime_type: h.runtimeType }
  if (h.baseRuntimeSpec) entry.base_runtime_spec = h.baseRuntimeSpec
  // Only the runc shim understands these options; the kata shim reads its own config.
  if (h.runtimeType === 'io.containerd.runc.v2') {
    const options: Record<string, unknown> = { BinaryName: h.binaryName }
    if (h.root) options.Root = h.root
    if (h.noNewKeyring) options.NoNewKeyring = true
    entry.options = options
  }
  return entry
}

export const containerdConfig = (opts: ContainerdConfigOptions): string => {
  const { paths, handlers } = opts
  const defaultRuntime = opts.defaultRuntime ?? DEFAULT_HANDLER
  if (!handlers.some((h) => h.name === defaultRuntime)) throw new Error(`default runtime ${JSON.stringify(defaultRuntime)} is not among the handlers`)
  const runtimes = Object.fromEntries(handlers.map((h) => [h.name, runtimeEntry(h)]))
  return stringify({
    version: 2,
    root: paths.root,
    state: paths.state,
    disabled_plugins: DISABLED_PLUGINS,
    grpc: { address: paths.socket },
    plugins: {
      [CRI_PLUGIN]: {
        sandbox_image: opts.sandboxImage ?? SANDBOX_IMAGE,
        stream_server_address: '127.0.0.1',
        stream_server_port: '0',
        restrict_oom_score_adj: true,
        netns_mounts_under_state_dir: true,
        containerd: { snapshotter: 'overlayfs', default_runtime_name: defaultRuntime, runtimes },
        cni: { bin_dir: opts.cniBinDir ?? CNI_BIN_DIR, conf_dir: paths.cniConfDir, max_conf_num: 1 },
      },
    },
  })
}
