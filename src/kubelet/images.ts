/**
 * Makes a container's image present before it is created (upstream
 * kuberuntime imageManager.EnsureImageExists), with upstream events and
 * waiting reasons: present → Pulled "already present on machine"; absent →
 * Pulling, then PullImage; a failed pull → ErrImagePull, and while in backoff
 * ImagePullBackOff. runclass has no registry, so a present image is used
 * whatever the pull policy, and a failed pull says the image is not available
 * offline (it fails at once, never hangs).
 */
import type { KubeObject } from '../api/meta.ts'
import type { CriClient } from '../cri/interface.ts'
import type { Backoff } from './backoff.ts'
import { renderCriError } from './cri-errors.ts'
import type { Waiting } from './pod-status.ts'
import type { PodEvents } from './pod-events.ts'

type Obj = Record<string, any>

export type EnsureImageResult = { ok: true; image: string } | { ok: false; waiting: Waiting }

export interface EnsureImageContext {
  cri: CriClient
  events: PodEvents
  backoff: Backoff
  /** Last pull error per backoff key and when it happened, for the ImagePullBackOff message. */
  lastErrors: Map<string, { message: string; at: number }>
  timeoutMs: number
}

export const ERR_IMAGE_PULL_VISIBLE_MS = 1000

const offline = (image: string, err: string) =>
  /offline/i.test(err) ? err : `${err} (image "${image}" is not available offline: runclass pulls from no registry; import it into the node's containerd)`

export const ensureImage = async (ctx: EnsureImageContext, pod: KubeObject, container: Obj, key: string): Promise<EnsureImageResult> => {
  const image = String(container.image)
  const fieldPath = container.fieldPath as string | undefined
  const present = await ctx.cri.imageStatus(image, { timeoutMs: ctx.timeoutMs })
  if (present) {
    ctx.backoff.reset(key)
    ctx.events.normal(pod, 'Pulled', `Container image "${image}" already present on machine`, fieldPath)
    return { ok: true, image }
  }
  if (container.imagePullPolicy === 'Never') {
    const message = `Container image "${image}" is not present with pull policy of Never`
    ctx.events.warning(pod, 'ErrImageNeverPull', message, fieldPath)
    return { ok: false, waiting: { reason: 'ErrImageNeverPull', message } }
  }
  const last = ctx.lastErrors.get(key)
  if (ctx.backoff.remaining(key, Date.now()) > 0) {
    // Syncs right after the failure (PLEG, our own writes) keep showing ErrImagePull, as the
    // kubelet does until its next sync; after that the pod reports the backoff.
    if (last && Date.now() - last.at < ERR_IMAGE_PULL_VISIBLE_MS) return { ok: false, waiting: { reason: 'ErrImagePull', message: last.message } }
    ctx.events.normal(pod, 'BackOff', `Back-off pulling image "${image}"`, fieldPath)
    ctx.events.warning(pod, 'Failed', 'Error: ImagePullBackOff', fieldPath)
    return { ok: false, waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: ${last?.message ?? ''}` } }
  }
  ctx.events.normal(pod, 'Pulling', `Pulling image "${image}"`, fieldPath)
  const started = Date.now()
  try {
    await ctx.cri.pullImage(image, { timeoutMs: ctx.timeoutMs })
  } catch (err) {
    ctx.backoff.next(key)
    const message = `Failed to pull image "${image}": ${offline(image, renderCriError(err))}`
    ctx.lastErrors.set(key, { message, at: Date.now() })
    ctx.events.warning(pod, 'Failed', message, fieldPath)
    ctx.events.warning(pod, 'Failed', 'Error: ErrImagePull', fieldPath)
    return { ok: false, waiting: { reason: 'ErrImagePull', message } }
  }
  ctx.backoff.reset(key)
  const ms = Date.now() - started
  const size = (await ctx.cri.imageStatus(image, { timeoutMs: ctx.timeoutMs }))?.size ?? '0'
  ctx.events.normal(pod, 'Pulled', `Successfully pulled image "${image}" in ${ms}ms (${ms}ms including waiting). Image size: ${size} bytes.`, fieldPath)
  return { ok: true, image }
}
