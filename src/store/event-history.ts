/**
 * The bounded window of recent events that watches replay from and older
 * lists are rebuilt from. Revisions are contiguous (one event per write), so
 * the window is the range [oldest, newest] and lookups are index arithmetic.
 *
 * A watch or list at revision R is served when every event after R is still
 * held, i.e. R >= oldest - 1; otherwise TooOldError. With nothing held the
 * window is empty and oldest is `latest + 1`, so the latest revision (the one
 * a list just returned) is always servable.
 */
import type { KeyValue, WatchEvent } from './interface.ts'
import { TooOldError } from './interface.ts'
import { eventKey, eventRevision } from './plan-write.ts'

export class EventHistory {
  private events: WatchEvent[] = []
  private start = 0
  private latest: number

  constructor(
    readonly window: number,
    /** The revision the store is at when the history starts (events must follow it). */
    latestRevision = 0,
  ) {
    if (!Number.isInteger(window) || window < 1) throw new RangeError(`history window must be a positive integer, got ${window}`)
    this.latest = latestRevision
  }

  get length(): number {
    return this.events.length - this.start
  }

  /** The oldest revision held, or latest + 1 when empty. */
  oldest(): number {
    return this.latest - this.length + 1
  }

  latestRevision(): number {
    return this.latest
  }

  append(event: WatchEvent): void {
    const rev = eventRevision(event)
    if (rev !== this.latest + 1) throw new Error(`event history gap: got revision ${rev} after ${this.latest}`)
    this.events.push(event)
    this.latest = rev
    if (this.length > this.window) this.start++
    // Drop the dead head in bulk so trimming stays amortised O(1).
    if (this.start >= this.window) {
      this.events = this.events.slice(this.start)
      this.start = 0
    }
  }

  /** Every held event with revision > `revision`, oldest first; TooOldError when some were dropped. */
  since(revision: number): WatchEvent[] {
    this.check(revision)
    const from = Math.max(0, revision + 1 - this.oldest())
    return this.events.slice(this.start + from)
  }

  /** Rewinds `current` (the objects under `prefix` at the latest revision) to `revision`. */
  rewind(current: KeyValue[], prefix: string, revision: number): KeyValue[] {
    const later = this.since(revision)
    if (later.length === 0) return current
    const byKey = new Map(current.map((kv) => [kv.key, kv]))
    for (let i = later.length - 1; i >= 0; i--) {
      const e = later[i]
      const key = eventKey(e)
      if (!key.startsWith(prefix)) continue
      if (e.prev) byKey.set(key, e.prev)
      else byKey.delete(key)
    }
    return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }

  private check(revision: number): void {
    const oldest = this.oldest()
    if (revision < oldest - 1) throw new TooOldError(revision, oldest)
  }
}
