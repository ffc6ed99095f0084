/**
 * Which runtime handlers a CRI runtime really has, from its Status. Newer
 * runtimes list them in `runtime_handlers`; containerd 1.6 returns that empty,
 * so the fallback is the verbose `info.config` JSON (containerd's CRI config),
 * whose `containerd.runtimes` keys are the handler names. Sorted, unique; the
 * default handler (`""`) is not listed.
 */
import type { RuntimeStatus } from './interface.ts'

export interface DiscoveredHandlers {
  handlers: string[]
  /** containerd `default_runtime_name` (serves the `""` handler), when known. */
  defaultHandler?: string
}

export const discoverHandlers = (status: RuntimeStatus): DiscoveredHandlers => {
  const named = status.runtime_handlers.map((h) => h.name).filter((n) => n !== '')
  let defaultHandler: string | undefined
  let fromConfig: string[] = []
  const raw = status.info.config
  if (raw) {
    try {
      const cfg = JSON.parse(raw) as { containerd?: { runtimes?: Record<string, unknown>; defaultRuntimeName?: string } }
      fromConfig = Object.keys(cfg.containerd?.runtimes ?? {})
      defaultHandler = cfg.containerd?.defaultRuntimeName || undefined
    } catch {
      // Not containerd's JSON: rely on runtime_handlers alone.
    }
  }
  const handlers = [...new Set(named.length ? named : fromConfig)].sort()
  return defaultHandler === undefined ? { handlers } : { handlers, defaultHandler }
}
