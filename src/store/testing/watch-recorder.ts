/**
 * Test helpers for watches: a recorder that collects a watch's events and how
 * it ended, and waits that let asynchronous delivery catch up.
 */
import type { Store, WatchEvent, Watcher } from '../interface.ts'

export interface Recording {
  events: WatchEvent[]
  watcher: Watcher
  closed: boolean
  closedWith?: Error
}

export function record(store: Store, prefix: string, fromRevision: number): Recording {
  const rec = { events: [] as WatchEvent[], closed: false } as Recording
  rec.watcher = store.watch({
    prefix,
    fromRevision,
    onEvent: (e) => rec.events.push(e),
    onClose: (err) => {
      rec.closed = true
      rec.closedWith = err
    },
  })
  return rec
}

/** Lets queued microtasks and immediates (watch delivery, group commits) run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Resolves once `cond` holds; fails after `timeoutMs` so a missing event is a clear failure, not a hang. */
export async function waitFor(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}
