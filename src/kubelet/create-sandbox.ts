/**
 * Creates a pod's sandbox (upstream createPodSandbox): log directory, pod
 * cgroup (best effort: without it the pod still runs, unsized), sandbox config,
 * RunPodSandbox with the handler. A failure records the Warning
 * `FailedCreatePodSandBox` `Failed to create pod sandbox: <err>`; a handler
 * the runtime does not have makes the Pod Failed (RuntimeHandlerUnavailable,
 * decisions b/e); anything else is retried with backoff.
 */
import { mkdirSync } from 'node:fs'
import type { KubeObject } from '../api/meta.ts'
import { criErrorDetails, isUnknownHandlerError, renderCriError } from './cri-errors.ts'
import { buildSandboxConfig, podDesc, podLogDir } from './sandbox-config.ts'
import type { SyncContext } from './sync-context.ts'

export type CreateSandboxResult = { ok: true; id: string } | { ok: false; terminal: boolean; retryAfterMs?: number }

export const cgroupParentFor = (ctx: SyncContext, pod: KubeObject): string | undefined => ctx.cgroups?.existing(pod)

export const createSandbox = async (ctx: SyncContext, pod: KubeObject, handler: string, attempt: number): Promise<CreateSandboxResult> => {
  const uid = pod.metadata.uid!
  const fail = async (err: string, cause: unknown): Promise<CreateSandboxResult> => {
    ctx.events.warning(pod, 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${err}`)
    if (isUnknownHandlerError(cause)) {
      await ctx.status.reject(pod, 'RuntimeHandlerUnavailable', criErrorDetails(cause))
      return { ok: false, terminal: true }
    }
    ctx.sandboxBackoff.next(uid)
    return { ok: false, terminal: false, retryAfterMs: ctx.sandboxBackoff.delay(uid) }
  }
  try {
    mkdirSync(podLogDir(ctx.dataDir, pod), { recursive: true, mode: 0o755 })
  } catch (err) {
    return fail(`Failed to create log directory for pod "${podDesc(pod)}": ${(err as Error).message}`, err)
  }
  let cgroupParent: string | undefined
  if (ctx.cgroups) {
    try {
      cgroupParent = ctx.cgroups.ensure(pod)
    } catch (err) {
      ctx.log.warn({ pod: podDesc(pod), err: (err as Error).message }, 'pod cgroup not created; the pod runs without pod-level limits')
    }
  }
  const config = buildSandboxConfig(pod, { dataDir: ctx.dataDir, nodeName: ctx.nodeName, attempt, cgroupParent })
  try {
    const id = await ctx.cri.runPodSandbox(config, handler, { timeoutMs: ctx.sandboxTimeoutMs })
    ctx.sandboxBackoff.reset(uid)
    ctx.log.info({ pod: podDesc(pod), handler, sandbox: id }, 'sandbox started')
    return { ok: true, id }
  } catch (err) {
    return fail(renderCriError(err), err)
  }
}
