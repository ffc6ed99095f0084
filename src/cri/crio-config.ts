/**
 * The same handler set rendered for CRI-O (`crio.conf.d` drop-in): one
 * `[crio.runtime.runtimes.<handler>]` table per handler, from the descriptions
 * containerd-config.ts renders. CRI-O has no per-handler base OCI spec, so a
 * handler that depends on one (runc-hardened) cannot be expressed and is
 * reported in `skipped` rather than silently rendered without its hardening.
 */
import { stringify } from 'smol-toml'
import { DEFAULT_HANDLER, type HandlerSpec } from './handlers.ts'

export interface CrioConfig {
  toml: string
  skipped: { handler: string; reason: string }[]
}

export const crioConfig = (handlers: HandlerSpec[], defaultRuntime = DEFAULT_HANDLER): CrioConfig => {
  const runtimes: Record<string, Record<string, unknown>> = {}
  const skipped: CrioConfig['skipped'] = []
  for (const h of handlers) {
    if (h.baseRuntimeSpec) {
      skipped.push({ handler: h.name, reason: 'CRI-O has no per-handler base_runtime_spec' })
      continue
    }
    const entry: Record<string, unknown> = { runtime_path: h.binaryName, runtime_type: h.crioRuntimeType }
    if (h.root) entry.runtime_root = h.root
    if (h.crioRuntimeType === 'vm') {
      entry.runtime_root = '/run/vc'
      entry.privileged_without_host_devices = true
    }
    runtimes[h.name] = entry
  }
  return { toml: stringify({ crio: { runtime: { default_runtime: defaultRuntime, runtimes } } }), skipped }
}
