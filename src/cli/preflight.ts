/**
 * Before `runclass up` starts a node, the host checks that would make every Pod
 * fail (root, containerd and runc, cgroups, overlayfs, CNI plugins) run, and a
 * failure stops startup with the reason and the command that fixes it, instead
 * of a containerd error later. The checks are `runclass doctor`'s own.
 */
import { hostContext } from '../doctor/host-context.ts'
import { registry } from '../doctor/registry.ts'
import { runChecks } from '../doctor/run-checks.ts'
import { CliError } from './errors.ts'

const BLOCKING = new Set(['root', 'binaries', 'cgroups', 'overlayfs', 'cni-plugins'])

export const preflight = async (dataDir: string): Promise<void> => {
  const checks = registry.filter((c) => BLOCKING.has(c.id))
  const rows = await runChecks(checks, { host: hostContext({ dataDir }) })
  const failed = rows.filter((r) => r.result === 'FAIL')
  if (!failed.length) return
  const lines = failed.map((r) => `  ${r.name}: ${r.detail}${r.fix ? `\n    fix: ${r.fix}` : ''}`)
  throw new CliError('RC_HOST_NOT_READY', `this host cannot run Pods yet:\n${lines.join('\n')}\n(run \`runclass doctor\` for the full report, or \`runclass up --no-agent\` for the control plane alone)`)
}
