/**
 * Host check: the pod network is a CNI bridge with host-local IPAM (cri/cni-config.ts),
 * and containerd also runs the loopback plugin for every pod; all three must be in the
 * CNI bin dir (/usr/lib/cni on Debian). Without them pod-network Pods fail with
 * `failed to setup network for sandbox`.
 */
import { listHostDir } from '../host-fs.ts'
import type { CheckResult, HostContext } from '../interface.ts'

export const REQUIRED_CNI_PLUGINS = ['bridge', 'host-local', 'loopback']

export const checkCniPlugins = (ctx: HostContext): CheckResult => {
  const name = 'cni plugins'
  const present = new Set(listHostDir(ctx, ctx.cniBinDir) ?? [])
  const missing = REQUIRED_CNI_PLUGINS.filter((p) => !present.has(p))
  if (!missing.length) return { name, result: 'ok', detail: `${REQUIRED_CNI_PLUGINS.join(', ')} in ${ctx.cniBinDir}` }
  return {
    name,
    result: 'FAIL',
    detail: `missing in ${ctx.cniBinDir}: ${missing.join(', ')} (pod-network Pods cannot start)`,
    fix: 'apt-get install containernetworking-plugins',
  }
}
