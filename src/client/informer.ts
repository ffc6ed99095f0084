/**
 * Informer: list + watch one resource through the ApiClient into an in-memory
 * cache keyed `namespace/name` (or `name`), calling onAdd/onUpdate/onDelete
 * synchronously and in event order. It relists on 410 Gone (diffing the new
 * list against the cache so handlers see every change exactly once), re-watches
 * from the last seen resourceVersion when the server ends a watch, and backs
 * off (bounded, doubling) after errors. `synced` resolves after the first list
 * has been delivered to the handlers; everything stops when `signal` aborts.
 */
import type { KubeObject } from '../api/meta.ts'
import { isGone } from '../api/errors.ts'
import type { ApiClient, ListOptions, ResourceRef } from './interface.ts'

export interface InformerHandlers<T extends KubeObject> {
  onAdd?(obj: T): void
  onUpdate?(old: T, obj: T): void
  onDelete?(obj: T): void
}

export interface InformerOptions {
  signal: AbortSignal
  namespace?: string
  labelSelector?: string
  fieldSelector?: string
  /** Page size for lists (continue tokens); 0 lists in one request. */
  pageSize?: number
  /** Backoff after errors: starts here, doubles, capped at maxBackoffMs. */
  initialBackoffMs?: number
  maxBackoffMs?: number
  /** Server-side watch timeout; default a random 300–600 s, as client-go's reflector. */
  watchTimeoutSeconds?: number
  onError?(err: unknown): void
}

export const objectKey = (obj: KubeObject): string =>
  obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : (obj.metadata.name ?? '')

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })

export class Informer<T extends KubeObject = KubeObject> {
  readonly synced: Promise<void>
  private readonly cache = new Map<string, T>()
  private readonly handlers: InformerHandlers<T>[] = []
  private resourceVersion = ''
  private isSynced = false
  private markSynced!: () => void
  private started = false
  /** Counts relists, for tests and metrics. */
  relists = 0

  constructor(
    private readonly client: ApiClient,
    readonly resource: ResourceRef,
    private readonly opts: InformerOptions,
  ) {
    this.synced = new Promise((resolve) => (this.markSynced = resolve))
  }

  addHandlers(h: InformerHandlers<T>): this {
    this.handlers.push(h)
    return this
  }

  hasSynced(): boolean {
    return this.isSynced
  }

  get(key: string): T | undefined {
    return this.cache.get(key)
  }

  list(): T[] {
    return [...this.cache.values()]
  }

  get size(): number {
    return this.cache.size
  }

  /** Starts the list/watch loop in the background; errors go to onError and are retried. */
  start(): this {
    if (this.started) return this
    this.started = true
    this.run().catch((err) => this.opts.onError?.(err))
    return this
  }

  private async run(): Promise<void> {
    const { signal } = this.opts
    const initial = this.opts.initialBackoffMs ?? 200
    const max = this.opts.maxBackoffMs ?? 10_000
    let backoff = initial
    let needList = true
    while (!signal.aborted) {
      try {
        if (needList) {
          await this.relist()
          needList = false
        }
        const started = Date.now()
        await this.watchOnce()
        // A watch that ran a while ended normally (timeout): re-watch at once. One the
        // server ended straight away (shutting down, overloaded) waits, so we never spin.
        if (Date.now() - started >= 1000) backoff = initial
        else {
          await sleep(backoff, signal)
          backoff = Math.min(backoff * 2, max)
        }
      } catch (err) {
        if (signal.aborted) return
        if (isGone(err)) {
          needList = true
          continue
        }
        this.opts.onError?.(err)
        await sleep(backoff, signal)
        backoff = Math.min(backoff * 2, max)
      }
    }
  }

  private listOptions(): ListOptions {
    const { namespace, labelSelector, fieldSelector } = this.opts
    return { namespace, labelSelector, fieldSelector }
  }

  private async relist(): Promise<void> {
    const items: T[] = []
    let cont: string | undefined
    let rv = ''
    const limit = this.opts.pageSize ?? 500
    do {
      const page = await this.client.list<T>(this.resource, { ...this.listOptions(), limit: limit || undefined, continue: cont })
      items.push(...page.items)
      if (!rv) rv = page.metadata.resourceVersion ?? ''
      cont = page.metadata.continue || undefined
    } while (cont)
    if (this.opts.signal.aborted) return
    this.relists++
    this.replace(items)
    this.resourceVersion = rv
    if (!this.isSynced) {
      this.isSynced = true
      this.markSynced()
    }
  }

  /** Makes the cache equal to `items`, telling handlers what changed (adds/updates first, then deletes). */
  private replace(items: T[]) {
    const seen = new Set<string>()
    for (const obj of items) {
      const key = objectKey(obj)
      seen.add(key)
      const old = this.cache.get(key)
      if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) continue
      this.apply(old ? 'MODIFIED' : 'ADDED', obj)
    }
    for (const [key, old] of [...this.cache]) if (!seen.has(key)) this.apply('DELETED', old)
  }

  private async watchOnce(): Promise<void> {
    // A random server-side timeout spreads re-watches, as client-go's reflector does.
    const timeoutSeconds = this.opts.watchTimeoutSeconds ?? 300 + Math.floor(Math.random() * 300)
    const events = this.client.watch<T>(this.resource, {
      ...this.listOptions(),
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds,
      signal: this.opts.signal,
    })
    for await (const ev of events) {
      if (this.opts.signal.aborted) return
      const rv = ev.object?.metadata?.resourceVersion
      if (ev.type !== 'BOOKMARK') this.apply(ev.type, ev.object)
      if (rv) this.resourceVersion = rv
    }
  }

  private apply(type: string, obj: T) {
    const key = objectKey(obj)
    const old = this.cache.get(key)
    if (type === 'DELETED') {
      if (!this.cache.delete(key)) return
      for (const h of this.handlers) this.call(() => h.onDelete?.(obj))
      return
    }
    this.cache.set(key, obj)
    if (old) for (const h of this.handlers) this.call(() => h.onUpdate?.(old, obj))
    else for (const h of this.handlers) this.call(() => h.onAdd?.(obj))
  }

  /** A throwing handler must not kill the watch loop or starve the other handlers. */
  private call(fn: () => void) {
    try {
      fn()
    } catch (err) {
      this.opts.onError?.(err)
    }
  }
}
