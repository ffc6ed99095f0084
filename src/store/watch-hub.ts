/**
 * Fan-out of committed events to watchers, shared by every in-process backend.
 *
 * - A watch starts with a replay of the history after `fromRevision` (or
 *   TooOldError, thrown synchronously), then receives live events; both go
 *   through one per-watcher queue, so there are no gaps and no duplicates.
 * - Delivery is asynchronous (a microtask after publish or watch), so
 *   callbacks never run inside a store call and may call the store freely.
 * - A watcher whose callback throws is closed and told why via onClose(err);
 *   the other watchers are unaffected. close() by the owner does not call onClose.
 * - closeAll() (store shutdown) ends every watch with onClose().
 */
import type { WatchEvent, WatchOptions, Watcher } from './interface.ts'
import type { EventHistory } from './event-history.ts'
import { eventKey, eventRevision } from './plan-write.ts'

interface Subscription {
  readonly opts: WatchOptions
  queue: WatchEvent[]
  closed: boolean
}

export class WatchHub {
  private readonly subs = new Set<Subscription>()
  private scheduled = false

  constructor(private readonly history: EventHistory) {}

  get size(): number {
    return this.subs.size
  }

  watch(opts: WatchOptions): Watcher {
    const replay = this.history.since(opts.fromRevision).filter((e) => eventKey(e).startsWith(opts.prefix))
    const sub: Subscription = { opts, queue: replay, closed: false }
    this.subs.add(sub)
    if (replay.length) this.schedule()
    return { close: () => this.drop(sub) }
  }

  /** Records committed events in the history and queues them for matching watchers, in order. */
  publish(events: readonly WatchEvent[]): void {
    for (const e of events) this.history.append(e)
    if (this.subs.size === 0 || events.length === 0) return
    for (const sub of this.subs) {
      for (const e of events) {
        if (eventRevision(e) > sub.opts.fromRevision && eventKey(e).startsWith(sub.opts.prefix)) sub.queue.push(e)
      }
    }
    this.schedule()
  }

  closeAll(err?: Error): void {
    for (const sub of [...this.subs]) this.end(sub, err)
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    queueMicrotask(() => this.drain())
  }

  private drain(): void {
    this.scheduled = false
    for (const sub of this.subs) {
      // A callback may close its own or another watch mid-drain; `closed` stops delivery at once.
      while (!sub.closed && sub.queue.length) {
        const batch = sub.queue
        sub.queue = []
        for (const e of batch) {
          if (sub.closed) break
          try {
            sub.opts.onEvent(e)
          } catch (err) {
            this.end(sub, err instanceof Error ? err : new Error(String(err)))
          }
        }
      }
    }
  }

  private drop(sub: Subscription): void {
    sub.closed = true
    sub.queue = []
    this.subs.delete(sub)
  }

  private end(sub: Subscription, err?: Error): void {
    if (sub.closed) return
    this.drop(sub)
    try {
      sub.opts.onClose?.(err)
    } catch {
      // The watch is already over; a failing close handler must not break fan-out to the others.
    }
  }
}
