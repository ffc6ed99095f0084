/**
 * containerd's runtime entries (`runtimes.<handler>`: runtime_type, options
 * BinaryName and Root, base_runtime_spec) from either of the two places that
 * hold them: the `config.toml` runclass generated, or the JSON config in the
 * verbose CRI Status (`info.config`, camelCase keys). Also the real runtime
 * behind runclass's wrapper scripts (runsc-cri, crun-v1).
 */
import { parse } from 'smol-toml'
import { CRI_PLUGIN } from '../cri/containerd-config.ts'
import type { RuntimeEntries, RuntimeEntry } from './types.ts'

type Obj = Record<string, any>

const entry = (handler: string, runtimeType: unknown, options: Obj | undefined, baseRuntimeSpec: unknown): RuntimeEntry => {
  const e: RuntimeEntry = { handler, runtimeType: String(runtimeType ?? '') }
  if (options?.BinaryName) e.binaryName = String(options.BinaryName)
  if (options?.Root) e.root = String(options.Root)
  if (baseRuntimeSpec) e.baseRuntimeSpec = String(baseRuntimeSpec)
  return e
}

export const entriesFromToml = (text: string, source: string): RuntimeEntries => {
  const cfg = parse(text) as Obj
  const containerd = (cfg.plugins?.[CRI_PLUGIN]?.containerd ?? {}) as Obj
  const runtimes = (containerd.runtimes ?? {}) as Obj
  const entries = Object.fromEntries(Object.entries(runtimes).map(([h, r]: [string, Obj]) => [h, entry(h, r.runtime_type, r.options, r.base_runtime_spec)]))
  return { source, defaultHandler: containerd.default_runtime_name || 'runc', entries }
}

export const CRI_STATUS_SOURCE = 'CRI Status (verbose) config'

export const entriesFromCriConfig = (json: string): RuntimeEntries => {
  const cfg = JSON.parse(json) as Obj
  const runtimes = (cfg.containerd?.runtimes ?? {}) as Obj
  const entries = Object.fromEntries(Object.entries(runtimes).map(([h, r]: [string, Obj]) => [h, entry(h, r.runtimeType, r.options, r.baseRuntimeSpec)]))
  return { source: CRI_STATUS_SOURCE, ...(cfg.containerd?.defaultRuntimeName ? { defaultHandler: cfg.containerd.defaultRuntimeName } : {}), entries }
}

/** The runtime a wrapper script execs (`RUNSC=/usr/bin/runsc`, `exec /usr/bin/crun`), if it names one. */
export const runtimeInWrapper = (script: string): string | undefined => {
  if (!script.startsWith('#!')) return undefined
  return /(\/[\w./-]*\/(?:runsc|crun|runc|kata-runtime|nvidia-container-runtime))(?=["'\s;]|$)/m.exec(script)?.[1]
}
