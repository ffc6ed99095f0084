/**
 * Per-key exponential backoff as the kubelet's flowcontrol.Backoff: the first
 * failure restarts at once, each later one waits 10 s, 20 s, … up to 5 min,
 * counted from the moment the container finished. An entry idle for twice
 * the maximum is forgotten (the container ran fine for a while).
 */
export interface BackoffOptions {
  initialMs?: number
  maxMs?: number
  now?: () => number
}

interface Entry {
  backoffMs: number
  lastUpdate: number
}

export class Backoff {
  private readonly entries = new Map<string, Entry>()
  readonly initialMs: number
  readonly maxMs: number
  private readonly now: () => number

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? 10_000
    this.maxMs = opts.maxMs ?? 300_000
    this.now = opts.now ?? Date.now
  }

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key)
    if (e && this.now() - e.lastUpdate > 2 * this.maxMs) {
      this.entries.delete(key)
      return undefined
    }
    return e
  }

  /** Records a restart: the first gets the initial delay, each later one doubles it (capped). */
  next(key: string): void {
    const e = this.live(key)
    const backoffMs = e ? Math.min(e.backoffMs * 2, this.maxMs) : this.initialMs
    this.entries.set(key, { backoffMs, lastUpdate: this.now() })
  }

  /** How long until `key` may act again, counting from `since` (ms epoch); 0 when not in backoff. */
  remaining(key: string, since: number): number {
    const e = this.live(key)
    if (!e) return 0
    return Math.max(0, since + e.backoffMs - this.now())
  }

  /** The current delay of `key` (for messages: `back-off 20s restarting …`). */
  delay(key: string): number {
    return this.live(key)?.backoffMs ?? 0
  }

  reset(key: string): void {
    this.entries.delete(key)
  }

  /** Forgets every key with this prefix (a pod that went away). */
  forget(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k)
  }
}
