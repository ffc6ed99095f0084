/**
 * The in-memory view of current objects (the watch cache): point reads by key
 * and prefix lists in key order, without touching a backend. Keys are kept in a
 * sorted array next to the map; a prefix list is one binary search plus a scan
 * of the matching range, so LIST cost follows the result, not the store size.
 */
import type { KeyValue, WatchEvent } from './interface.ts'

export class KvIndex {
  private readonly byKey = new Map<string, KeyValue>()
  private readonly sorted: string[] = []

  get size(): number {
    return this.byKey.size
  }

  get(key: string): KeyValue | undefined {
    return this.byKey.get(key)
  }

  set(kv: KeyValue): void {
    if (!this.byKey.has(kv.key)) this.sorted.splice(lowerBound(this.sorted, kv.key), 0, kv.key)
    this.byKey.set(kv.key, kv)
  }

  delete(key: string): void {
    if (!this.byKey.delete(key)) return
    this.sorted.splice(lowerBound(this.sorted, key), 1)
  }

  apply(event: WatchEvent): void {
    if (event.type === 'put') this.set(event.kv)
    else this.delete(event.key)
  }

  /** Objects whose key starts with `prefix`, sorted by key. */
  list(prefix: string): KeyValue[] {
    const out: KeyValue[] = []
    for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length; i++) {
      const key = this.sorted[i]
      if (!key.startsWith(prefix)) break
      out.push(this.byKey.get(key)!)
    }
    return out
  }

  clear(): void {
    this.byKey.clear()
    this.sorted.length = 0
  }
}

/** First index whose key is >= `key` (code-unit order, which is byte order for ASCII keys). */
export function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keys[mid] < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
