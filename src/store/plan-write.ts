/**
 * The write rules every backend shares, so memory and sqlite cannot drift:
 * given the current object (as the writer sees it) and the next revision, a
 * write either becomes one watch event or is a miss reported as a value.
 *
 * - create misses when the key exists (`current` is the existing object);
 * - update/delete miss when the key is absent (`current` undefined) or when
 *   `expected` is given and differs from its modRevision (`current` set);
 * - a successful delete returns the deleted object with `modRevision` set to
 *   the revision of the delete (what a Kubernetes DELETED event carries).
 *
 * Stored values are private deep-frozen JSON copies: the caller's object is
 * never kept, and what reads return must be cloned before editing.
 */
import type { KeyValue, Value, WatchEvent, WriteResult } from './interface.ts'
import { StorageError } from './errors.ts'

export type WriteOp =
  | { kind: 'create'; key: string; value: Value }
  | { kind: 'update'; key: string; value: Value; expected?: number }
  | { kind: 'delete'; key: string; expected?: number }

export type WritePlan =
  | {
      ok: true
      event: WatchEvent
      result: WriteResult & { ok: true }
      /** Serialised new value (undefined for a delete), for backends that persist it. */
      json?: string
    }
  | { ok: false; result: WriteResult & { ok: false } }

export function planWrite(op: WriteOp, current: KeyValue | undefined, revision: number): WritePlan {
  switch (op.kind) {
    case 'create': {
      if (current) return miss(current)
      const { json, value } = freezeCopy(op.value)
      const kv = freezeKv({ key: op.key, value, createRevision: revision, modRevision: revision })
      return { ok: true, json, event: Object.freeze({ type: 'put', kv }), result: { ok: true, kv } }
    }
    case 'update': {
      if (!current || (op.expected !== undefined && op.expected !== current.modRevision)) return miss(current)
      const { json, value } = freezeCopy(op.value)
      const kv = freezeKv({ key: op.key, value, createRevision: current.createRevision, modRevision: revision })
      return { ok: true, json, event: Object.freeze({ type: 'put', kv, prev: current }), result: { ok: true, kv } }
    }
    case 'delete': {
      if (!current || (op.expected !== undefined && op.expected !== current.modRevision)) return miss(current)
      const kv = freezeKv({ ...current, modRevision: revision })
      const event: WatchEvent = Object.freeze({ type: 'delete', key: op.key, revision, prev: current })
      return { ok: true, event, result: { ok: true, kv } }
    }
  }
}

const miss = (current: KeyValue | undefined): WritePlan =>
  ({ ok: false, result: current ? { ok: false, current } : { ok: false } })

export const eventRevision = (e: WatchEvent): number => (e.type === 'put' ? e.kv.modRevision : e.revision)
export const eventKey = (e: WatchEvent): string => (e.type === 'put' ? e.kv.key : e.key)

export const freezeKv = (kv: KeyValue): KeyValue => Object.freeze(kv)

/** A private, deep-frozen copy through JSON, so every backend stores exactly what sqlite would. */
export function freezeCopy(value: Value): { json: string; value: Value } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StorageError('RC_STORAGE_BAD_VALUE', `value must be a JSON object, got ${describe(value)}`)
  }
  let json: string
  try {
    json = JSON.stringify(value)
  } catch (err) {
    throw new StorageError('RC_STORAGE_BAD_VALUE', `value cannot be serialised as JSON: ${(err as Error).message}`, { cause: err })
  }
  return { json, value: parseFrozen(json) }
}

export const parseFrozen = (json: string): Value => deepFreeze(JSON.parse(json) as Value)

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child)
    Object.freeze(v)
  }
  return v
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
