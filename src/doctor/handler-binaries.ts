/**
 * Which handlers this host can offer, decided by the same code `runclass up`
 * uses (cri/handlers.ts `findRuntimes` + `describeHandlers`), and for a
 * handler it cannot offer, the executables missing and the package to install.
 */
import { describeHandlers, findRuntimes, which } from '../cri/handlers.ts'
import { containerdPaths } from '../cri/paths.ts'

/** Executables (and their Debian package) behind each handler runclass knows. */
export const HANDLER_REQUIREMENTS: Record<string, { bin: string; pkg: string }[]> = {
  runc: [{ bin: 'runc', pkg: 'runc' }],
  'runc-hardened': [{ bin: 'runc', pkg: 'runc' }],
  crun: [{ bin: 'crun', pkg: 'crun' }, { bin: 'unshare', pkg: 'util-linux' }],
  runsc: [{ bin: 'runsc', pkg: 'runsc' }],
  kata: [{ bin: 'containerd-shim-kata-v2', pkg: 'kata-containers' }],
  nvidia: [{ bin: 'nvidia-container-runtime', pkg: 'nvidia-container-toolkit' }],
}

/** Handler names this host would configure, sorted; [] when runc is missing (nothing can run). */
export const offeredHandlers = (searchPath: string): string[] => {
  try {
    return describeHandlers(findRuntimes(searchPath), containerdPaths('/unused')).map((h) => h.name)
  } catch {
    return []
  }
}

export interface MissingRuntime {
  bins: string[]
  /** e.g. `apt-get install crun` */
  install: string
}

/** What is missing on the search path for a handler; undefined when nothing is, or the handler is not one runclass knows. */
export const missingForHandler = (handler: string, searchPath: string): MissingRuntime | undefined => {
  const reqs = HANDLER_REQUIREMENTS[handler]
  if (!reqs) return undefined
  const missing = reqs.filter((r) => !which(r.bin, searchPath))
  if (!missing.length) return undefined
  return { bins: missing.map((m) => m.bin), install: `apt-get install ${[...new Set(missing.map((m) => m.pkg))].join(' ')}` }
}

/** The install command for a known handler, whatever is present (for fixes on other nodes). */
export const installFor = (handler: string): string | undefined => {
  const reqs = HANDLER_REQUIREMENTS[handler]
  return reqs && `apt-get install ${[...new Set(reqs.map((r) => r.pkg))].join(' ')}`
}
