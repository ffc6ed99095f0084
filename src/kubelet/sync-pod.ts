/**
 * One sync of one Pod (upstream SyncPod + computePodActions, serialized per pod
 * by the pod workers): a deleting pod is killed and its object removed; a
 * terminal pod is stopped once; otherwise resolve the handler, keep exactly
 * one ready sandbox (create it if missing, remove extras), run init containers
 * in order, then the app containers, restarting exited ones per restartPolicy
 * with CrashLoopBackOff, and write the resulting status. Returns when to look
 * again (a backoff running out), if anything is pending on time.
 */
import { isConflict, isNotFound } from '../api/errors.ts'
import type { KubeObject } from '../api/meta.ts'
import { PODS } from '../client/resources.ts'
import type { ContainerStatus } from '../cri/interface.ts'
import { cgroupParentFor, createSandbox } from './create-sandbox.ts'
import { ERR_IMAGE_PULL_VISIBLE_MS } from './images.ts'
import { CONTAINER_NAME } from './labels.ts'
import { killPod, podRuntimeObjects, remainingGrace } from './kill-pod.ts'
import { buildPodStatus, type ContainerView } from './pod-status.ts'
import { buildSandboxConfig, podDesc } from './sandbox-config.ts'
import { startContainer, type StartTarget } from './start-container.ts'
import { goDuration, podMemory, type SyncContext } from './sync-context.ts'

type Obj = Record<string, any>

export interface SyncResult {
  /** Sync again after this long even if nothing else happens. */
  requeueAfterMs?: number
}

const nsToMs = (ns: string) => Number(BigInt(ns || '0') / 1_000_000n)

export const shouldRestart = (policy: string, exitCode: number) => policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0)

/** Deletes the API object once everything of the pod is gone; the uid precondition guards a recreated namesake. */
const deletePodObject = async (ctx: SyncContext, pod: KubeObject) => {
  try {
    await ctx.client.delete(PODS, pod.metadata.name!, { namespace: pod.metadata.namespace, gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } })
  } catch (err) {
    if (!isNotFound(err) && !isConflict(err)) throw err
  }
}

const resolveHandler = async (ctx: SyncContext, pod: KubeObject): Promise<string | undefined> => {
  const name = (pod.spec as Obj)?.runtimeClassName
  try {
    return ctx.runtimeClasses.lookupHandler(name)
  } catch (err) {
    if (!isNotFound(err)) throw err
    // The cache may lag behind a class created just before the pod: ask the apiserver first.
    if (!(await ctx.runtimeClasses.confirmMissing(name))) return ctx.runtimeClasses.lookupLive(name)
    const message = (err as Error).message
    ctx.events.warning(pod, 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${message}`)
    await ctx.status.reject(pod, 'RuntimeClassNotFound', message)
    return undefined
  }
}

export const syncPod = async (ctx: SyncContext, pod: KubeObject): Promise<SyncResult> => {
  const uid = pod.metadata.uid!
  const spec = (pod.spec ?? {}) as Obj
  const mem = podMemory(ctx, uid)
  if (pod.metadata.deletionTimestamp) {
    await killPod(ctx, pod, { graceSeconds: remainingGrace(pod), remove: true })
    await deletePodObject(ctx, pod)
    return {}
  }
  const phase = (pod.status as Obj | undefined)?.phase
  if (phase === 'Failed' || phase === 'Succeeded') {
    if (!mem.stopped) await killPod(ctx, pod, { graceSeconds: spec.terminationGracePeriodSeconds ?? 30, remove: false, events: false })
    mem.stopped = true
    return {}
  }

  const handler = await resolveHandler(ctx, pod)
  if (handler === undefined) return {}

  // Exactly one ready sandbox: the newest ready one; every other one goes.
  const { sandboxes } = await podRuntimeObjects(ctx, uid)
  const ready = sandboxes.filter((s) => s.state === 'SANDBOX_READY').sort((a, b) => (BigInt(b.created_at) > BigInt(a.created_at) ? 1 : -1))
  let sandboxId = ready[0]?.id
  let attempt = ready[0]?.metadata.attempt ?? 0
  for (const s of sandboxes) {
    if (s.id === sandboxId) continue
    if (!sandboxId && s.state !== 'SANDBOX_READY') ctx.events.normal(pod, 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.')
    await ctx.cri.stopPodSandbox(s.id, { timeoutMs: ctx.callTimeoutMs })
    await ctx.cri.removePodSandbox(s.id, { timeoutMs: ctx.callTimeoutMs })
  }
  if (!sandboxId) {
    const wait = ctx.sandboxBackoff.remaining(uid, Date.now())
    if (wait > 0) return { requeueAfterMs: wait }
    attempt = sandboxes.length ? Math.max(...sandboxes.map((s) => s.metadata.attempt)) + 1 : 0
    const created = await createSandbox(ctx, pod, handler, attempt)
    if (!created.ok) {
      if (!created.terminal) await writeStatus(ctx, pod, { sandboxReady: false, podIP: '', views: new Map() })
      return created.terminal ? {} : { requeueAfterMs: created.retryAfterMs }
    }
    sandboxId = created.id
  }
  const sandboxStatus = await ctx.cri.podSandboxStatus(sandboxId, { timeoutMs: ctx.callTimeoutMs })
  const podIP = sandboxStatus.network?.ip ?? ''
  const target: StartTarget = {
    sandboxId,
    handler,
    podIP,
    sandboxConfig: buildSandboxConfig(pod, { dataDir: ctx.dataDir, nodeName: ctx.nodeName, attempt, cgroupParent: cgroupParentFor(ctx, pod) }),
  }

  let views = await containerViews(ctx, sandboxId, uid)
  let requeue: number | undefined
  const later = (ms: number) => (requeue = requeue === undefined ? ms : Math.min(requeue, ms))
  let acted = false

  /** Brings one container toward running; returns false when later containers must wait (init order). */
  const step = async (c: Obj, init: boolean): Promise<boolean> => {
    const view = views.get(c.name)
    const cur = view?.current
    if (cur?.state === 'CONTAINER_RUNNING') {
      mem.waiting.delete(c.name)
      return !init
    }
    if (cur?.state === 'CONTAINER_EXITED' && (init ? cur.exit_code === 0 : !shouldRestart(spec.restartPolicy ?? 'Always', cur.exit_code))) {
      mem.waiting.delete(c.name)
      return true
    }
    if (cur?.state === 'CONTAINER_EXITED' && init && spec.restartPolicy === 'Never') return false
    let restartCount = 0
    if (cur) {
      // Exited (to be restarted) or never started: a new instance after the crash backoff.
      const key = `${uid}/${c.name}`
      const finished = cur.state === 'CONTAINER_EXITED' ? nsToMs(cur.finished_at) : Date.now()
      const wait = ctx.crashBackoff.remaining(key, finished)
      if (wait > 0) {
        const message = `back-off ${goDuration(ctx.crashBackoff.delay(key))} restarting failed container=${c.name} pod=${podDesc(pod)}`
        mem.waiting.set(c.name, { reason: 'CrashLoopBackOff', message })
        ctx.events.warning(pod, 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podDesc(pod)}`)
        later(wait)
        return false
      }
      ctx.crashBackoff.next(key)
      restartCount = cur.metadata.attempt + 1
      if (cur.state !== 'CONTAINER_EXITED') await ctx.cri.removeContainer(cur.id, { timeoutMs: ctx.callTimeoutMs })
    }
    acted = true
    const waiting = await startContainer(ctx, pod, c, init, restartCount, target)
    if (waiting) {
      mem.waiting.set(c.name, waiting)
      // ErrImagePull turns into ImagePullBackOff after a while; that one lasts until the backoff ends.
      if (waiting.reason === 'ErrImagePull') later(ERR_IMAGE_PULL_VISIBLE_MS + 50)
      else if (waiting.reason === 'ImagePullBackOff') later(ctx.imageBackoff.remaining(`${uid}/${c.name}`, Date.now()) + 10)
      else later(ctx.crashBackoff.initialMs)
    } else mem.waiting.delete(c.name)
    return false
  }

  let initDone = true
  for (const c of spec.initContainers ?? []) {
    if (!(await step(c, true))) {
      initDone = false
      break
    }
  }
  if (initDone) for (const c of spec.containers ?? []) await step(c, false)
  if (acted) views = await containerViews(ctx, sandboxId, uid)
  // Why containers wait may have changed in this sync (backoff, pull errors).
  for (const [name, view] of views) view.waiting = mem.waiting.get(name)
  for (const [name, waiting] of mem.waiting) if (!views.has(name)) views.set(name, { waiting })
  const status = await writeStatus(ctx, pod, { sandboxReady: true, podIP, views })
  if (status.phase === 'Succeeded' || status.phase === 'Failed') {
    // Finished: stop what is left (the sandbox stays, with the logs, until the pod is deleted).
    await killPod(ctx, pod, { graceSeconds: spec.terminationGracePeriodSeconds ?? 30, remove: false, events: false })
    mem.stopped = true
    return {}
  }
  return requeue === undefined ? {} : { requeueAfterMs: requeue }
}

/** Newest and previous instance of each container in the sandbox; older dead instances are removed. */
const containerViews = async (ctx: SyncContext, sandboxId: string, uid: string): Promise<Map<string, ContainerView>> => {
  const containers = await ctx.cri.listContainers({ pod_sandbox_id: sandboxId }, { timeoutMs: ctx.callTimeoutMs })
  const byName = new Map<string, typeof containers>()
  for (const c of containers) {
    const name = c.labels[CONTAINER_NAME] ?? c.metadata.name
    byName.set(name, [...(byName.get(name) ?? []), c])
  }
  const views = new Map<string, ContainerView>()
  const mem = podMemory(ctx, uid)
  for (const [name, list] of byName) {
    list.sort((a, b) => b.metadata.attempt - a.metadata.attempt)
    for (const old of list.slice(2)) if (old.state !== 'CONTAINER_RUNNING') await ctx.cri.removeContainer(old.id, { timeoutMs: ctx.callTimeoutMs })
    const status = async (id?: string): Promise<ContainerStatus | undefined> => {
      if (!id) return undefined
      try {
        return await ctx.cri.containerStatus(id, { timeoutMs: ctx.callTimeoutMs })
      } catch {
        return undefined
      }
    }
    views.set(name, { current: await status(list[0]?.id), previous: await status(list[1]?.id), waiting: mem.waiting.get(name) })
  }
  for (const [name, waiting] of mem.waiting) if (!views.has(name)) views.set(name, { waiting })
  return views
}

const writeStatus = async (ctx: SyncContext, pod: KubeObject, v: { sandboxReady: boolean; podIP: string; views: Map<string, ContainerView> }) => {
  const status = buildPodStatus(pod, { sandboxReady: v.sandboxReady, podIP: v.podIP, hostIP: ctx.hostIP(), runtimeName: ctx.runtimeName, containers: v.views, now: new Date() })
  await ctx.status.setStatus(pod, status)
  return status
}
