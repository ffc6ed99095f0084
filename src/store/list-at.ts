/**
 * LIST served from the watch cache: the latest state straight from the index,
 * or an older revision rebuilt by rewinding the history window (TooOldError
 * past the window; a revision the store has not reached is an error rather
 * than a silent "latest", since the caller asked for that exact state).
 */
import type { ListResult } from './interface.ts'
import type { EventHistory } from './event-history.ts'
import type { KvIndex } from './kv-index.ts'
import { StorageError } from './errors.ts'

export function listAt(index: KvIndex, history: EventHistory, prefix: string, revision?: number): ListResult {
  const latest = history.latestRevision()
  const items = index.list(prefix)
  if (!revision || revision === latest) return { items, revision: latest }
  if (revision > latest) {
    throw new StorageError('RC_STORAGE_FUTURE_REVISION', `revision ${revision} is newer than the store's current revision ${latest}`)
  }
  return { items: history.rewind(items, prefix, revision), revision }
}
