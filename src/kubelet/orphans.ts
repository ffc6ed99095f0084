/**
 * Restart safety, the removal half (upstream housekeeping of "pods that are
 * gone"): sandboxes and containers labelled for this node whose pod no longer
 * exists are stopped and removed, with their cgroup and directories. The
 * adoption half is in syncPod: a known pod keeps its newest ready sandbox and
 * its containers, extras go.
 */
import type { KubeObject } from '../api/meta.ts'
import { NODE_NAME, POD_NAME, POD_NAMESPACE, POD_UID } from './labels.ts'
import { killPod } from './kill-pod.ts'
import type { SyncContext } from './sync-context.ts'

/** A stand-in Pod for runtime objects whose Pod is gone, built from their labels. */
export const orphanPod = (labels: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { uid: labels[POD_UID], name: labels[POD_NAME] ?? '', namespace: labels[POD_NAMESPACE] ?? '' },
  spec: {},
})

export const removeOrphans = async (ctx: SyncContext, uids: string[]): Promise<void> => {
  for (const uid of uids) {
    const [sandbox] = await ctx.cri.listPodSandbox({ label_selector: { [POD_UID]: uid, [NODE_NAME]: ctx.nodeName } }, { timeoutMs: ctx.callTimeoutMs })
    const [container] = sandbox ? [] : await ctx.cri.listContainers({ label_selector: { [POD_UID]: uid, [NODE_NAME]: ctx.nodeName } }, { timeoutMs: ctx.callTimeoutMs })
    const labels = sandbox?.labels ?? container?.labels
    if (!labels) continue
    ctx.log.info({ uid, pod: `${labels[POD_NAMESPACE]}/${labels[POD_NAME]}` }, 'removing sandboxes and containers of a pod that no longer exists')
    await killPod(ctx, orphanPod(labels), { graceSeconds: 2, remove: true, events: false })
  }
}
