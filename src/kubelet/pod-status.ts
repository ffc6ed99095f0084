/**
 * The API status of a Pod from what the runtime shows (pure; upstream
 * generateAPIPodStatus, getPhase, convertToAPIContainerStatuses and the pod
 * condition generators): container states with lastState and restartCount,
 * `containerd://<id>` IDs, image and imageID, phase, the conditions
 * PodReadyToStartContainers/Initialized/Ready/ContainersReady (PodScheduled
 * kept), pod and host IPs, startTime and qosClass kept. Terminal phases stick.
 */
import { rfc3339, type KubeObject } from '../api/meta.ts'
import type { ContainerStatus } from '../cri/interface.ts'

type Obj = Record<string, any>

export interface Waiting {
  reason: string
  message?: string
}

/** One pod container as the runtime shows it: its newest instance, the one before, and why it waits. */
export interface ContainerView {
  current?: ContainerStatus
  previous?: ContainerStatus
  waiting?: Waiting
}

export interface PodView {
  sandboxReady: boolean
  podIP: string
  hostIP: string
  runtimeName: string
  containers: Map<string, ContainerView>
  now: Date
}

const nsToTime = (ns: string | undefined): string | undefined => {
  if (!ns || ns === '0') return undefined
  return rfc3339(new Date(Number(BigInt(ns) / 1_000_000n)))
}

const terminated = (cs: ContainerStatus, runtimeName: string): Obj => ({
  exitCode: cs.exit_code,
  reason: cs.reason || (cs.exit_code === 0 ? 'Completed' : 'Error'),
  ...(cs.message ? { message: cs.message } : {}),
  startedAt: nsToTime(cs.started_at) ?? null,
  finishedAt: nsToTime(cs.finished_at) ?? null,
  containerID: `${runtimeName}://${cs.id}`,
})

export const containerStatus = (spec: Obj, view: ContainerView | undefined, runtimeName: string, defaultWaiting: string): Obj => {
  const cur = view?.current
  const base: Obj = { name: spec.name, image: spec.image, imageID: '', ready: false, restartCount: 0, started: false }
  if (!cur) {
    return { ...base, state: { waiting: view?.waiting ?? { reason: defaultWaiting } }, lastState: {} }
  }
  const out: Obj = {
    ...base,
    image: cur.image?.image || spec.image,
    imageID: cur.image_ref ?? '',
    containerID: `${runtimeName}://${cur.id}`,
    restartCount: cur.metadata.attempt,
    lastState: view?.previous?.state === 'CONTAINER_EXITED' ? { terminated: terminated(view.previous, runtimeName) } : {},
  }
  if (cur.state === 'CONTAINER_RUNNING') {
    return { ...out, state: { running: { startedAt: nsToTime(cur.started_at) ?? null } }, ready: true, started: true }
  }
  if (cur.state === 'CONTAINER_EXITED') {
    // Waiting to be started again (backoff, a failed create): the exit moves to lastState.
    if (view?.waiting) return { ...out, state: { waiting: view.waiting }, lastState: { terminated: terminated(cur, runtimeName) } }
    return { ...out, state: { terminated: terminated(cur, runtimeName) } }
  }
  return { ...out, state: { waiting: view?.waiting ?? { reason: 'ContainerCreating' } } }
}

const isSucceeded = (s: Obj) => s.state?.terminated?.exitCode === 0
const failedBefore = (s: Obj) => s.lastState?.terminated && s.lastState.terminated.exitCode !== 0

/** Upstream getPhase. */
export const podPhase = (spec: Obj, init: Obj[], app: Obj[]): string => {
  const policy = spec.restartPolicy ?? 'Always'
  let pendingInit = 0
  let failedInit = 0
  for (const s of init) {
    if (isSucceeded(s)) continue
    if (s.state?.terminated || (s.state?.waiting && failedBefore(s))) failedInit++
    else pendingInit++
  }
  let running = 0
  let waiting = 0
  let stopped = 0
  let succeeded = 0
  for (const s of app) {
    if (s.state?.running) running++
    else if (s.state?.terminated) {
      stopped++
      if (s.state.terminated.exitCode === 0) succeeded++
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++
      else waiting++
    }
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed'
  if (pendingInit > 0 || failedInit > 0) return 'Pending'
  if (waiting > 0) return 'Pending'
  if (running > 0) return 'Running'
  if (stopped > 0) {
    if (policy === 'Always') return 'Running'
    if (stopped === succeeded) return 'Succeeded'
    if (policy === 'Never') return 'Failed'
    return 'Running'
  }
  return 'Pending'
}

const condition = (old: Obj[] | undefined, type: string, ok: boolean, now: string, reason?: string, message?: string): Obj => {
  const status = ok ? 'True' : 'False'
  const prev = old?.find((c) => c.type === type)
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  }
}

export const buildPodStatus = (pod: KubeObject, view: PodView): Obj => {
  const spec = (pod.spec ?? {}) as Obj
  const old = (pod.status ?? {}) as Obj
  const now = rfc3339(view.now)
  const initSpecs: Obj[] = spec.initContainers ?? []
  const appSpecs: Obj[] = spec.containers ?? []
  const init = initSpecs.map((c) => containerStatus(c, view.containers.get(c.name), view.runtimeName, 'PodInitializing'))
  const initDone = init.every(isSucceeded)
  const app = appSpecs.map((c) => containerStatus(c, view.containers.get(c.name), view.runtimeName, initSpecs.length && !initDone ? 'PodInitializing' : 'ContainerCreating'))
  const terminal = old.phase === 'Succeeded' || old.phase === 'Failed'
  const phase = terminal ? old.phase : podPhase(spec, init, app)
  const incomplete = init.filter((s) => !isSucceeded(s)).map((s) => s.name)
  const unready = app.filter((s) => !s.ready).map((s) => s.name)
  const completed = phase === 'Succeeded'
  const oldConds: Obj[] | undefined = old.conditions
  const readyArgs: [boolean, string, string | undefined, string | undefined] = completed
    ? [false, now, 'PodCompleted', undefined]
    : [unready.length === 0, now, unready.length ? 'ContainersNotReady' : undefined, unready.length ? `containers with unready status: [${unready.join(' ')}]` : undefined]
  const podIP = spec.hostNetwork ? view.hostIP : view.podIP
  const conditions = [
    condition(oldConds, 'PodReadyToStartContainers', view.sandboxReady, now),
    completed
      ? condition(oldConds, 'Initialized', true, now, 'PodCompleted')
      : condition(oldConds, 'Initialized', incomplete.length === 0, now, incomplete.length ? 'ContainersNotInitialized' : undefined, incomplete.length ? `containers with incomplete status: [${incomplete.join(' ')}]` : undefined),
    condition(oldConds, 'Ready', ...readyArgs),
    condition(oldConds, 'ContainersReady', ...readyArgs),
    ...(oldConds ?? []).filter((c) => c.type === 'PodScheduled'),
  ]
  return {
    phase,
    conditions,
    hostIP: view.hostIP,
    hostIPs: [{ ip: view.hostIP }],
    ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: old.startTime ?? now,
    ...(init.length ? { initContainerStatuses: init } : {}),
    containerStatuses: app,
    ...(old.qosClass ? { qosClass: old.qosClass } : {}),
  }
}

/** A status to compare for "did anything change" (transition times are derived, not compared). */
export const statusKey = (status: Obj | undefined): string => JSON.stringify(status ?? {})
