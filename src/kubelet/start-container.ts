/**
 * Starts one container of a pod (upstream startContainer): image present →
 * CreateContainer → StartContainer, with upstream events (Pulled, Created
 * `Created container: <name>`, Started `Started container <name>`, Failed
 * `Error: …`). Returns why the container waits if it could not start.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { KubeObject } from '../api/meta.ts'
import type { PodSandboxConfig } from '../cri/interface.ts'
import { buildContainerConfig, emptyDirPath } from './container-config.ts'
import { renderCriError } from './cri-errors.ts'
import { ensureImage } from './images.ts'
import { containerFieldPath } from './pod-events.ts'
import type { Waiting } from './pod-status.ts'
import { podLogDir } from './sandbox-config.ts'
import type { SyncContext } from './sync-context.ts'

type Obj = Record<string, any>

export interface StartTarget {
  sandboxId: string
  sandboxConfig: PodSandboxConfig
  handler: string
  podIP: string
}

export const startContainer = async (ctx: SyncContext, pod: KubeObject, spec: Obj, init: boolean, restartCount: number, target: StartTarget): Promise<Waiting | undefined> => {
  const uid = pod.metadata.uid!
  const fieldPath = containerFieldPath(spec.name, init)
  const img = await ensureImage(
    { cri: ctx.cri, events: ctx.events, backoff: ctx.imageBackoff, lastErrors: ctx.imageErrors, timeoutMs: ctx.callTimeoutMs },
    pod,
    { ...spec, fieldPath },
    `${uid}/${spec.name}`,
  )
  if (!img.ok) return img.waiting
  for (const v of ((pod.spec as Obj).volumes ?? []) as Obj[]) if (v.emptyDir) mkdirSync(emptyDirPath(ctx.dataDir, pod, v.name), { recursive: true })
  mkdirSync(join(podLogDir(ctx.dataDir, pod), spec.name), { recursive: true })
  let config
  try {
    config = buildContainerConfig(pod, spec, {
      dataDir: ctx.dataDir,
      nodeName: ctx.nodeName,
      handler: target.handler,
      podIP: target.podIP,
      hostIP: ctx.hostIP(),
      memoryCapacity: ctx.memoryCapacity,
      restartCount,
      image: img.image,
    })
  } catch (err) {
    const message = (err as Error).message
    ctx.events.warning(pod, 'Failed', `Error: ${message}`, fieldPath)
    return { reason: 'CreateContainerConfigError', message }
  }
  let id: string
  try {
    id = await ctx.cri.createContainer(target.sandboxId, config, target.sandboxConfig, { timeoutMs: ctx.callTimeoutMs })
  } catch (err) {
    const message = renderCriError(err)
    ctx.events.warning(pod, 'Failed', `Error: ${message}`, fieldPath)
    return { reason: 'CreateContainerError', message }
  }
  ctx.events.normal(pod, 'Created', `Created container: ${spec.name}`, fieldPath)
  try {
    await ctx.cri.startContainer(id, { timeoutMs: ctx.callTimeoutMs })
  } catch (err) {
    const message = renderCriError(err)
    ctx.events.warning(pod, 'Failed', `Error: ${message}`, fieldPath)
    return { reason: 'RunContainerError', message }
  }
  ctx.events.normal(pod, 'Started', `Started container ${spec.name}`, fieldPath)
  return undefined
}
