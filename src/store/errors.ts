/**
 * Storage errors that are not expected misses: each carries a stable `code`
 * (STYLE §4) so the CLI can pick an exit code and the apiserver can map it to a
 * Status once. Compare-and-swap misses are values (`{ ok: false }`), never these.
 */

export type StorageErrorCode =
  /** The database file could not be opened (corrupt, locked, unreadable). */
  | 'RC_STORAGE_OPEN'
  /** The store was closed; the call was not carried out. */
  | 'RC_STORAGE_CLOSED'
  /** A list asked for a revision the store has not reached yet. */
  | 'RC_STORAGE_FUTURE_REVISION'
  /** A value that is not a JSON object (or cannot be serialised). */
  | 'RC_STORAGE_BAD_VALUE'

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'StorageError'
  }
}

export const isStorageError = (err: unknown, code?: StorageErrorCode): err is StorageError =>
  err instanceof StorageError && (code === undefined || err.code === code)

export const closedError = (): StorageError => new StorageError('RC_STORAGE_CLOSED', 'store is closed')
