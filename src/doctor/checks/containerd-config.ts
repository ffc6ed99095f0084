/**
 * Host check: the embedded containerd config in the data dir, if runclass has
 * written one: it parses, and every handler's BinaryName (runc, or the crun-v1 /
 * runsc-cri wrappers) exists and is executable — a missing one fails every Pod
 * of that handler at RunPodSandbox.
 */
import { accessSync, constants } from 'node:fs'
import { readEmbeddedConfig } from '../embedded-config.ts'
import { hostPath } from '../host-fs.ts'
import type { CheckResult, HostContext } from '../interface.ts'

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export const checkContainerdConfig = (ctx: HostContext): CheckResult => {
  const name = 'containerd config'
  const read = readEmbeddedConfig(ctx)
  if (!read.found) return { name, result: 'ok', detail: `not written yet: runclass up writes ${read.path}` }
  if ('error' in read) return { name, result: 'warn', detail: `cannot parse ${read.path}: ${read.error}`, fix: 'restart runclass up (it rewrites config.toml)' }
  const { path, runtimes } = read.config
  const handlers = Object.keys(runtimes).sort()
  if (!handlers.length) return { name, result: 'FAIL', detail: `${path} configures no runtime handler`, fix: 'restart runclass up (it rewrites config.toml)' }
  const broken = handlers.filter((h) => runtimes[h].binaryName && !executable(hostPath(ctx, runtimes[h].binaryName!)))
  if (broken.length) {
    return {
      name,
      result: 'FAIL',
      detail: `${path}: ${broken.map((h) => `${h} → ${runtimes[h].binaryName} missing`).join('; ')}`,
      fix: 'restart runclass up (it rewrites the runtime wrappers and config.toml)',
    }
  }
  return { name, result: 'ok', detail: `handlers ${handlers.join(', ')} (${path})` }
}
