/**
 * The embedded containerd's config.toml in the data dir (`<dataDir>/containerd/config.toml`,
 * written by `runclass up`), read back: its runtime handlers with their
 * BinaryName and whether it restricts oom_score_adj. Absent when runclass has
 * not started there yet or uses an existing containerd.
 */
import { join } from 'node:path'
import { parse } from 'smol-toml'
import { CRI_PLUGIN } from '../cri/containerd-config.ts'
import { containerdPaths } from '../cri/paths.ts'
import { readHostFile } from './host-fs.ts'
import type { HostContext } from './interface.ts'

export interface EmbeddedConfig {
  path: string
  /** Handler name → the OCI binary the shim runs (absent for non-runc shims). */
  runtimes: Record<string, { binaryName?: string; runtimeType?: string }>
  restrictOomScoreAdj: boolean
}

export type EmbeddedConfigRead = { found: false; path: string } | { found: true; config: EmbeddedConfig } | { found: true; path: string; error: string }

export const embeddedConfigPath = (dataDir: string): string => containerdPaths(join(dataDir, 'containerd')).config

export const parseEmbeddedConfig = (path: string, toml: string): EmbeddedConfig => {
  const cri = (parse(toml) as any)?.plugins?.[CRI_PLUGIN] ?? {}
  const runtimes: EmbeddedConfig['runtimes'] = {}
  for (const [name, entry] of Object.entries<any>(cri.containerd?.runtimes ?? {})) {
    runtimes[name] = { binaryName: entry?.options?.BinaryName, runtimeType: entry?.runtime_type }
  }
  return { path, runtimes, restrictOomScoreAdj: cri.restrict_oom_score_adj === true }
}

export const readEmbeddedConfig = (ctx: HostContext): EmbeddedConfigRead => {
  const path = embeddedConfigPath(ctx.dataDir)
  const toml = readHostFile(ctx, path)
  if (toml === undefined) return { found: false, path }
  try {
    return { found: true, config: parseEmbeddedConfig(path, toml) }
  } catch (err) {
    return { found: true, path, error: (err as Error).message }
  }
}
