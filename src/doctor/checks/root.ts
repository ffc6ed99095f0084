/**
 * Host check: the embedded containerd, pod cgroups and the CNI bridge need
 * root. Without it `runclass up` can still serve the API (`--no-agent`) or
 * use an existing containerd, but this host cannot run Pods itself.
 */
import type { CheckResult, HostContext } from '../interface.ts'

export const checkRoot = (ctx: HostContext): CheckResult =>
  ctx.uid === 0
    ? { name: 'root', result: 'ok', detail: 'running as uid 0' }
    : {
        name: 'root',
        result: 'FAIL',
        detail: `running as uid ${ctx.uid}: the embedded containerd, pod cgroups and the CNI bridge need root`,
        fix: 'run as root: sudo runclass up (or runclass up --no-agent for the API only)',
      }
