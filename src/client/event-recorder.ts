/**
 * EventRecorder: writes core/v1 Events the way client-go's legacy recorder
 * (tools/record) does — name `<object>.<hex nanoseconds>`, involvedObject with
 * kind/namespace/name/uid/apiVersion/resourceVersion, source.component and
 * reportingComponent, first/lastTimestamp, count. An identical repeat (same
 * object, type, reason, message) bumps `count` and `lastTimestamp` on the
 * existing Event with a strategic merge patch instead of creating a new one
 * (client-go's EventLogger); a patch that finds the Event gone creates it again.
 *
 * `record` never blocks the caller and never throws: writes run in the
 * background, serialized per aggregation key, at most `maxPending` queued
 * (beyond that they are dropped, as client-go's broadcaster drops when full).
 */
import { isNotFound } from '../api/errors.ts'
import { rfc3339, type KubeObject } from '../api/meta.ts'
import type { ApiClient } from './interface.ts'
import { EVENTS } from './resources.ts'

export type EventType = 'Normal' | 'Warning'

export interface EventRecorderOptions {
  component: string
  /** Host or instance name (source.host, reportingInstance); optional. */
  host?: string
  maxPending?: number
  /** How many distinct events to remember for aggregation (client-go: 4096). */
  cacheSize?: number
  now?: () => Date
  onError?(err: unknown): void
}

interface Aggregate {
  name: string
  namespace: string
  count: number
  firstTimestamp: string
}

/** The reference an Event keeps to its object (ObjectReference). */
export const objectReference = (obj: KubeObject) => ({
  kind: obj.kind,
  namespace: obj.metadata.namespace,
  name: obj.metadata.name,
  uid: obj.metadata.uid,
  apiVersion: obj.apiVersion,
  resourceVersion: obj.metadata.resourceVersion,
})

export class EventRecorder {
  private readonly cache = new Map<string, Aggregate>()
  private readonly tails = new Map<string, Promise<void>>()
  private pending = 0
  private lastNanos = 0n
  dropped = 0

  constructor(
    private readonly client: ApiClient,
    private readonly opts: EventRecorderOptions,
  ) {}

  /** Records an event about `obj` (which must carry kind and apiVersion); `action` is optional. */
  record(obj: KubeObject, type: EventType, reason: string, message: string, action?: string): void {
    if (this.pending >= (this.opts.maxPending ?? 1000)) {
      this.dropped++
      return
    }
    const ref = objectReference(obj)
    const key = [this.opts.component, this.opts.host ?? '', ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion, type, reason, message].join('\u0000')
    const now = rfc3339((this.opts.now ?? (() => new Date()))())
    const name = `${ref.name}.${this.uniqueNanos().toString(16)}`
    this.pending++
    const prev = this.tails.get(key) ?? Promise.resolve()
    const next = prev
      .then(() => this.write(key, { ref, type, reason, message, action, now, name }))
      .catch((err) => this.opts.onError?.(err))
      .finally(() => {
        this.pending--
        if (this.tails.get(key) === next) this.tails.delete(key)
      })
    this.tails.set(key, next)
  }

  /** Resolves when every event recorded so far has been written (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()])
  }

  /** Nanoseconds since the epoch, strictly increasing, so names never collide within a recorder. */
  private uniqueNanos(): bigint {
    const ms = BigInt(Date.now())
    const sub = process.hrtime.bigint() % 1_000_000n
    let n = ms * 1_000_000n + sub
    if (n <= this.lastNanos) n = this.lastNanos + 1n
    this.lastNanos = n
    return n
  }

  private async write(
    key: string,
    e: { ref: ReturnType<typeof objectReference>; type: EventType; reason: string; message: string; action?: string; now: string; name: string },
  ): Promise<void> {
    const seen = this.cache.get(key)
    if (seen) {
      seen.count++
      this.touch(key, seen)
      try {
        await this.client.patch(EVENTS, seen.name, 'strategic', { count: seen.count, lastTimestamp: e.now, message: e.message }, { namespace: seen.namespace })
        return
      } catch (err) {
        if (!isNotFound(err)) throw err
        // The Event expired or was deleted: create it afresh with the running count.
      }
    }
    const namespace = e.ref.namespace || 'default'
    const agg: Aggregate = seen ?? { name: e.name, namespace, count: 1, firstTimestamp: e.now }
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: agg.name, namespace },
      involvedObject: Object.fromEntries(Object.entries(e.ref).filter(([, v]) => v !== undefined && v !== '')),
      reason: e.reason,
      message: e.message,
      source: { component: this.opts.component, ...(this.opts.host ? { host: this.opts.host } : {}) },
      firstTimestamp: agg.firstTimestamp,
      lastTimestamp: e.now,
      count: agg.count,
      type: e.type,
      eventTime: null,
      ...(e.action ? { action: e.action } : {}),
      reportingComponent: this.opts.component,
      reportingInstance: this.opts.host ?? '',
    }
    await this.client.create(EVENTS, event, { namespace })
    this.touch(key, agg)
  }

  /** LRU: most recent last; the oldest entry goes when the cache is full. */
  private touch(key: string, agg: Aggregate) {
    this.cache.delete(key)
    this.cache.set(key, agg)
    if (this.cache.size > (this.opts.cacheSize ?? 4096)) this.cache.delete(this.cache.keys().next().value!)
  }
}
