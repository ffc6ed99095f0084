/**
 * Writes Pod status through `pods/status` (upstream status manager): skips a
 * write when the status is unchanged, retries on a resourceVersion conflict
 * against the fresh object (never regressing a terminal phase written by
 * someone else), and marks a Pod the node cannot run as
 * `Failed` with `Pod was rejected: <message>` (spec README decision e).
 */
import { isConflict, isNotFound } from '../api/errors.ts'
import { rfc3339, type KubeObject } from '../api/meta.ts'
import type { ApiClient } from '../client/interface.ts'
import { PODS } from '../client/resources.ts'
import { statusKey } from './pod-status.ts'

type Obj = Record<string, any>

const TERMINAL = new Set(['Failed', 'Succeeded'])

export class StatusManager {
  private readonly written = new Map<string, string>()

  constructor(private readonly client: ApiClient) {}

  /** Writes `status` unless it is what the Pod (or our last write) already says; returns the Pod as written. */
  async setStatus(pod: KubeObject, status: Obj): Promise<KubeObject | undefined> {
    const uid = pod.metadata.uid!
    const key = statusKey(status)
    if (key === statusKey(pod.status as Obj) || key === this.written.get(uid)) return undefined
    let current = pod
    for (let attempt = 0; ; attempt++) {
      const old = (current.status ?? {}) as Obj
      if (TERMINAL.has(old.phase) && old.phase !== status.phase) return undefined
      try {
        const out = await this.client.update(PODS, { ...current, status }, { namespace: pod.metadata.namespace, subresource: 'status', fieldManager: 'kubelet' })
        this.written.set(uid, key)
        return out
      } catch (err) {
        if (isNotFound(err)) return undefined
        if (!isConflict(err) || attempt >= 4) throw err
        current = await this.client.get(PODS, pod.metadata.name!, pod.metadata.namespace)
        if (current.metadata.uid !== uid) return undefined
      }
    }
  }

  /** Terminal rejection: phase Failed, the reason, `Pod was rejected: <message>`; PodScheduled and qosClass kept. */
  reject(pod: KubeObject, reason: string, message: string, now = new Date()): Promise<KubeObject | undefined> {
    const old = (pod.status ?? {}) as Obj
    return this.setStatus(pod, {
      ...old,
      phase: 'Failed',
      reason,
      message: `Pod was rejected: ${message}`,
      startTime: old.startTime ?? rfc3339(now),
    })
  }

  forget(uid: string): void {
    this.written.delete(uid)
  }
}
