/**
 * Pod workers (upstream pod_workers.go): one serialized sync loop per pod UID.
 * An update while a sync runs marks the pod dirty and it syncs again right
 * after; `requeueAfterMs` from a sync and errors (doubling, capped) schedule a
 * later sync; a pod that left the API is killed with `onGone` and forgotten.
 * Nothing runs after the signal aborts; `idle()` resolves when no sync runs.
 */
import type { KubeObject } from '../api/meta.ts'
import type { AgentLog } from './sync-context.ts'
import type { SyncResult } from './sync-pod.ts'

interface Worker {
  pod: KubeObject
  running: boolean
  dirty: boolean
  gone: boolean
  timer?: NodeJS.Timeout
  errorDelayMs: number
  done?: Promise<void>
}

export interface PodWorkersOptions {
  sync(pod: KubeObject): Promise<SyncResult>
  onGone(pod: KubeObject): Promise<void>
  log: AgentLog
  signal: AbortSignal
  maxErrorDelayMs?: number
}

export class PodWorkers {
  private readonly workers = new Map<string, Worker>()

  constructor(private readonly opts: PodWorkersOptions) {
    opts.signal.addEventListener('abort', () => {
      for (const w of this.workers.values()) clearTimeout(w.timer)
    })
  }

  /** The pod was added or changed in the API. */
  update(pod: KubeObject): void {
    const uid = pod.metadata.uid!
    let w = this.workers.get(uid)
    if (!w) this.workers.set(uid, (w = { pod, running: false, dirty: false, gone: false, errorDelayMs: 500 }))
    w.pod = pod
    this.kick(w)
  }

  /** Keeps the newest object without syncing (a status-only change, often our own write). */
  refresh(pod: KubeObject): void {
    const w = this.workers.get(pod.metadata.uid!)
    if (w) w.pod = pod
    else this.update(pod)
  }

  /** The pod is gone from the API (force deletion): kill what runs for it. */
  remove(pod: KubeObject): void {
    const w = this.workers.get(pod.metadata.uid!)
    if (!w) {
      const gone: Worker = { pod, running: false, dirty: false, gone: true, errorDelayMs: 500 }
      this.workers.set(pod.metadata.uid!, gone)
      this.kick(gone)
      return
    }
    w.gone = true
    this.kick(w)
  }

  /** Something changed in the runtime for this pod (PLEG). */
  wake(uid: string): void {
    const w = this.workers.get(uid)
    if (w) this.kick(w)
  }

  has(uid: string): boolean {
    return this.workers.has(uid)
  }

  uids(): string[] {
    return [...this.workers.keys()]
  }

  /** Resolves once no worker is syncing (tests, shutdown). */
  async idle(): Promise<void> {
    while (true) {
      const busy = [...this.workers.values()].filter((w) => w.running).map((w) => w.done)
      if (!busy.length) return
      await Promise.all(busy)
    }
  }

  private kick(w: Worker) {
    if (this.opts.signal.aborted) return
    clearTimeout(w.timer)
    w.timer = undefined
    if (w.running) {
      w.dirty = true
      return
    }
    w.running = true
    w.done = this.loop(w)
  }

  private later(w: Worker, ms: number) {
    clearTimeout(w.timer)
    w.timer = setTimeout(() => this.kick(w), ms)
    w.timer.unref?.()
  }

  private async loop(w: Worker): Promise<void> {
    const uid = w.pod.metadata.uid!
    do {
      w.dirty = false
      if (this.opts.signal.aborted) break
      try {
        if (w.gone) {
          await this.opts.onGone(w.pod)
          this.workers.delete(uid)
          break
        }
        const res = await this.opts.sync(w.pod)
        w.errorDelayMs = 500
        if (res.requeueAfterMs !== undefined && !w.dirty) this.later(w, res.requeueAfterMs)
      } catch (err) {
        if (this.opts.signal.aborted) break
        this.opts.log.warn({ pod: `${w.pod.metadata.namespace}/${w.pod.metadata.name}`, err: (err as Error)?.message ?? String(err) }, 'pod sync failed; retrying')
        this.later(w, w.errorDelayMs)
        w.errorDelayMs = Math.min(w.errorDelayMs * 2, this.opts.maxErrorDelayMs ?? 10_000)
      }
    } while (w.dirty)
    w.running = false
  }
}
