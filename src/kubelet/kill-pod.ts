/**
 * Stopping a pod (upstream killPodWithSyncResult): StopContainer on every live
 * container with the grace period (SIGTERM, then SIGKILL when it runs out;
 * event Killing `Stopping container <name>`), then StopPodSandbox. `remove`
 * also removes the sandboxes (with their containers), the pod cgroup and the
 * pod's log and volume directories. All CRI calls here are idempotent.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { KubeObject } from '../api/meta.ts'
import type { Container, PodSandbox } from '../cri/interface.ts'
import { CONTAINER_NAME, NODE_NAME, POD_UID } from './labels.ts'
import { containerFieldPath } from './pod-events.ts'
import { podLogDir } from './sandbox-config.ts'
import type { SyncContext } from './sync-context.ts'

type Obj = Record<string, any>

export const podRuntimeObjects = async (ctx: SyncContext, uid: string): Promise<{ sandboxes: PodSandbox[]; containers: Container[] }> => {
  const label_selector = { [POD_UID]: uid, [NODE_NAME]: ctx.nodeName }
  const [sandboxes, containers] = await Promise.all([
    ctx.cri.listPodSandbox({ label_selector }, { timeoutMs: ctx.callTimeoutMs }),
    ctx.cri.listContainers({ label_selector }, { timeoutMs: ctx.callTimeoutMs }),
  ])
  return { sandboxes, containers }
}

/** Seconds left of a deleting pod's grace period (deletionTimestamp = deletion time + grace). */
export const remainingGrace = (pod: KubeObject, now = Date.now()): number => {
  const total = pod.metadata.deletionGracePeriodSeconds ?? ((pod.spec as Obj)?.terminationGracePeriodSeconds as number | undefined) ?? 30
  if (!pod.metadata.deletionTimestamp) return total
  const left = Math.ceil((Date.parse(pod.metadata.deletionTimestamp) - now) / 1000)
  return Math.max(0, Math.min(total, left))
}

export const killPod = async (ctx: SyncContext, pod: KubeObject, opts: { graceSeconds: number; remove: boolean; events?: boolean }): Promise<void> => {
  const uid = pod.metadata.uid!
  const { sandboxes, containers } = await podRuntimeObjects(ctx, uid)
  const initNames = new Set(((pod.spec as Obj)?.initContainers ?? []).map((c: Obj) => c.name))
  const live = containers.filter((c) => c.state === 'CONTAINER_RUNNING' || c.state === 'CONTAINER_CREATED')
  await Promise.all(
    live.map(async (c) => {
      const name = c.labels[CONTAINER_NAME] ?? c.metadata.name
      if (opts.events !== false) ctx.events.normal(pod, 'Killing', `Stopping container ${name}`, containerFieldPath(name, initNames.has(name)))
      await ctx.cri.stopContainer(c.id, opts.graceSeconds, { timeoutMs: opts.graceSeconds * 1000 + ctx.callTimeoutMs })
    }),
  )
  for (const s of sandboxes) {
    await ctx.cri.stopPodSandbox(s.id, { timeoutMs: ctx.callTimeoutMs })
    if (opts.remove) await ctx.cri.removePodSandbox(s.id, { timeoutMs: ctx.callTimeoutMs })
  }
  if (!opts.remove) return
  // Containers whose sandbox is already gone (an interrupted earlier removal).
  const left = await ctx.cri.listContainers({ label_selector: { [POD_UID]: uid, [NODE_NAME]: ctx.nodeName } }, { timeoutMs: ctx.callTimeoutMs })
  for (const c of left) await ctx.cri.removeContainer(c.id, { timeoutMs: ctx.callTimeoutMs })
  ctx.cgroups?.remove(pod)
  rmSync(podLogDir(ctx.dataDir, pod), { recursive: true, force: true })
  rmSync(join(ctx.dataDir, 'pods', uid), { recursive: true, force: true })
  ctx.crashBackoff.forget(`${uid}/`)
  ctx.imageBackoff.forget(`${uid}/`)
  ctx.sandboxBackoff.reset(uid)
  ctx.memory.delete(uid)
  ctx.status.forget(uid)
}
