/**
 * The scheduling queue, after kube-scheduler's PriorityQueue: activeQ (higher
 * priority first, then first queued), backoffQ (pods that failed wait
 * 1 s × 2^(attempts−1), at most 10 s) and unschedulable pods, which move back
 * when the cluster changes in a way that may help (`moveAllToActiveOrBackoff`)
 * or after 5 minutes regardless. A pod that fails while a move request arrived
 * during its cycle goes to backoff instead of waiting for another event.
 */
import { Heap } from './heap.ts'
import type { PodInfo } from './framework/pod-info.ts'

export interface QueuedPodInfo {
  podInfo: PodInfo
  /** When it (re-)entered the queue; orders activeQ and starts the backoff. */
  timestamp: number
  attempts: number
  initialAttemptTimestamp?: number
}

export interface QueueOptions {
  initialBackoffMs?: number
  maxBackoffMs?: number
  maxInUnschedulableMs?: number
  now?: () => number
}

export type QueueLocation = 'active' | 'backoff' | 'unschedulable' | 'in-flight' | undefined

export class SchedulingQueue {
  private readonly active = new Map<string, QueuedPodInfo>()
  private readonly heap = new Heap<QueuedPodInfo>((a, b) =>
    a.podInfo.priority !== b.podInfo.priority ? a.podInfo.priority > b.podInfo.priority : a.timestamp < b.timestamp,
  )
  private readonly backoff = new Map<string, QueuedPodInfo>()
  private readonly unschedulable = new Map<string, QueuedPodInfo>()
  private readonly inFlight = new Map<string, QueuedPodInfo>()
  private schedulingCycle = 0
  private moveRequestCycle = -1
  private waiter: (() => void) | undefined
  private backoffTimer: NodeJS.Timeout | undefined
  private backoffTimerAt = Infinity
  private readonly leftoverTimer: NodeJS.Timeout
  private closed = false
  private readonly now: () => number

  constructor(private readonly opts: QueueOptions = {}) {
    this.now = opts.now ?? Date.now
    this.leftoverTimer = setInterval(() => this.flushUnschedulableLeftover(), 30_000)
    this.leftoverTimer.unref()
  }

  where(key: string): QueueLocation {
    if (this.active.has(key)) return 'active'
    if (this.backoff.has(key)) return 'backoff'
    if (this.unschedulable.has(key)) return 'unschedulable'
    if (this.inFlight.has(key)) return 'in-flight'
    return undefined
  }

  get pendingCount(): number {
    return this.active.size + this.backoff.size + this.unschedulable.size
  }

  /** A new pending pod. */
  add(podInfo: PodInfo): void {
    if (this.where(podInfo.key)) return this.update(podInfo)
    this.pushActive({ podInfo, timestamp: this.now(), attempts: 0 })
  }

  /** The pod object changed: keep its place, but an unschedulable pod gets another try. */
  update(podInfo: PodInfo): void {
    const key = podInfo.key
    for (const m of [this.active, this.backoff, this.inFlight]) {
      const q = m.get(key)
      if (q) {
        q.podInfo = podInfo
        return
      }
    }
    const q = this.unschedulable.get(key)
    if (q) {
      q.podInfo = podInfo
      this.unschedulable.delete(key)
      this.requeue(q)
      return
    }
    this.add(podInfo)
  }

  delete(key: string): void {
    this.active.delete(key)
    this.backoff.delete(key)
    this.unschedulable.delete(key)
    this.inFlight.delete(key)
  }

  /** Next pod to schedule; waits until one is active; undefined once closed. */
  async pop(): Promise<QueuedPodInfo | undefined> {
    for (;;) {
      if (this.closed) return undefined
      const q = this.popActive()
      if (q) return q
      await new Promise<void>((resolve) => (this.waiter = resolve))
    }
  }

  /** Synchronous pop for callers that drain in batches. */
  popActive(): QueuedPodInfo | undefined {
    while (this.heap.size) {
      const q = this.heap.pop()!
      if (this.active.get(q.podInfo.key) !== q) continue // deleted or replaced meanwhile
      this.active.delete(q.podInfo.key)
      q.attempts++
      q.initialAttemptTimestamp ??= this.now()
      this.schedulingCycle++
      this.inFlight.set(q.podInfo.key, q)
      return q
    }
    return undefined
  }

  get cycle(): number {
    return this.schedulingCycle
  }

  /** The cycle for `key` is over (bound, or failed and re-added). */
  done(key: string): void {
    this.inFlight.delete(key)
  }

  /** After a failed cycle that began at `cycle`; a deleted pod (not in flight) is dropped. */
  addUnschedulable(q: QueuedPodInfo, cycle: number): void {
    const key = q.podInfo.key
    const current = this.inFlight.get(key)
    if (!current) return
    this.inFlight.delete(key)
    current.timestamp = this.now()
    if (this.moveRequestCycle >= cycle) this.pushBackoff(current)
    else this.unschedulable.set(key, current)
  }

  /** After an error (not a fit failure): retry after backoff. */
  addBackoff(q: QueuedPodInfo): void {
    const key = q.podInfo.key
    const current = this.inFlight.get(key)
    if (!current) return
    this.inFlight.delete(key)
    current.timestamp = this.now()
    this.pushBackoff(current)
  }

  /** A cluster event that may make unschedulable pods fit. */
  moveAllToActiveOrBackoff(): void {
    for (const q of this.unschedulable.values()) this.requeue(q)
    this.unschedulable.clear()
    this.moveRequestCycle = this.schedulingCycle
  }

  backoffDurationMs(attempts: number): number {
    const max = this.opts.maxBackoffMs ?? 10_000
    let d = this.opts.initialBackoffMs ?? 1000
    for (let i = 1; i < attempts; i++) {
      d *= 2
      if (d > max) return max
    }
    return d
  }

  close(): void {
    this.closed = true
    clearInterval(this.leftoverTimer)
    if (this.backoffTimer) clearTimeout(this.backoffTimer)
    this.wake()
  }

  private backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDurationMs(q.attempts)
  }

  private requeue(q: QueuedPodInfo) {
    if (q.attempts > 0 && this.backoffExpiry(q) > this.now()) this.pushBackoff(q)
    else this.pushActive(q)
  }

  private pushActive(q: QueuedPodInfo) {
    this.backoff.delete(q.podInfo.key)
    this.active.set(q.podInfo.key, q)
    this.heap.push(q)
    this.wake()
  }

  private pushBackoff(q: QueuedPodInfo) {
    this.backoff.set(q.podInfo.key, q)
    this.armBackoffTimer(this.backoffExpiry(q))
  }

  /** One timer, for the earliest expiry; re-armed only when something expires sooner. */
  private armBackoffTimer(at: number) {
    if (this.closed || at >= this.backoffTimerAt) return
    if (this.backoffTimer) clearTimeout(this.backoffTimer)
    this.backoffTimerAt = at
    this.backoffTimer = setTimeout(() => this.flushBackoffCompleted(), Math.max(0, at - this.now()))
    this.backoffTimer.unref()
  }

  /** Moves every pod whose backoff has expired to activeQ. */
  flushBackoffCompleted(): void {
    if (this.backoffTimer) clearTimeout(this.backoffTimer)
    this.backoffTimer = undefined
    this.backoffTimerAt = Infinity
    const now = this.now()
    let next = Infinity
    for (const q of [...this.backoff.values()]) {
      const at = this.backoffExpiry(q)
      if (at <= now) this.pushActive(q)
      else next = Math.min(next, at)
    }
    if (next !== Infinity) this.armBackoffTimer(next)
  }

  private flushUnschedulableLeftover() {
    const limit = this.opts.maxInUnschedulableMs ?? 5 * 60_000
    const now = this.now()
    for (const [key, q] of this.unschedulable) {
      if (now - q.timestamp < limit) continue
      this.unschedulable.delete(key)
      this.requeue(q)
    }
  }

  private wake() {
    const w = this.waiter
    this.waiter = undefined
    w?.()
  }
}
