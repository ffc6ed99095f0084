/**
 * Server-side apply (`application/apply-patch+yaml`), the core of
 * structured-merge-diff's Updater.Apply: the configuration is merged into the
 * live object (maps merge, list maps merge by key, sets union, atomic values
 * replace); fields this manager applied before but no longer applies, and that
 * nobody else owns, are removed; a configured value that differs from the live
 * one and is owned by another manager is a conflict, unless forced, in which
 * case ownership moves. The manager then owns exactly the configured fields.
 * A live object nobody tracks first gets a `before-first-apply` manager, as
 * upstream. Not done: the last-applied-configuration annotation upgrade path
 * between client-side and server-side apply.
 */
import { isDeepStrictEqual } from 'node:util'
import { badRequest, StatusError } from '../../api/errors.ts'
import type { ManagedFieldsEntry } from '../../api/meta.ts'
import type { Definitions } from '../../api/schema/dsl.ts'
import { pathString } from './field-set.ts'
import { isPlainObject } from './go-format.ts'
import {
  decodeManagedFields,
  defaultResetFields,
  emptyObject,
  encodeManagedFields,
  managerIdentity,
  recordUpdate,
  STRIP_SET,
  withoutManagedFields,
  type Managed,
} from './managed-fields.ts'
import { compare, ensureNamedFieldsAreMembers, merge, removeItems, toFieldSet } from './typed-value.ts'
import { rootNode } from './type-node.ts'
import { malformedPatch } from './patch-errors.ts'

type Obj = Record<string, unknown>

export interface ApplyOptions {
  live: object | undefined
  config: object
  manager: string
  force: boolean
  /** The served version, e.g. `node.k8s.io/v1`. */
  apiVersion: string
  /** RFC 3339 time of this write. */
  time: string
  subresource?: string
}

export interface ApplyConflict {
  /** The conflicting manager's name. */
  manager: string
  operation: 'Apply' | 'Update'
  apiVersion: string
  subresource?: string
  /** The field as fieldpath prints it: `.handler`, `.spec.containers[name="main"].image`. */
  field: string
}

export type ApplyResult = { ok: true; object: Obj } | { ok: false; conflicts: ApplyConflict[] }

const BEFORE_FIRST_APPLY = 'before-first-apply'

/** Null fields vanish when upstream converts the merged value back to a typed object. */
const dropNulls = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(dropNulls)
  if (!isPlainObject(v)) return v
  const out: Obj = {}
  for (const [k, child] of Object.entries(v)) if (child !== null) out[k] = dropNulls(child)
  return out
}

const gvkString = (apiVersion: unknown, kind: unknown) => {
  const av = typeof apiVersion === 'string' ? apiVersion : ''
  const [group, version] = av.includes('/') ? av.split('/', 2) : ['', av]
  return `${group}/${version}, Kind=${typeof kind === 'string' ? kind : ''}`
}

const checkConfig = (defs: Definitions, rootDef: string, config: object, apiVersion: string) => {
  const def = defs[rootDef]
  const kind = def?.type === 'object' ? def.gvk?.[0]?.kind : undefined
  const c = config as Obj
  if (c.apiVersion !== apiVersion || (kind !== undefined && c.kind !== kind)) {
    throw badRequest(`invalid object type: ${gvkString(c.apiVersion, c.kind)}`)
  }
  if (isPlainObject(c.metadata) && c.metadata.managedFields !== undefined && c.metadata.managedFields !== null) {
    throw badRequest('metadata.managedFields must be nil')
  }
}

/** Applies `config` for `manager`; conflicts come back as a value, other failures throw a StatusError. */
export const applyServerSide = (defs: Definitions, rootDef: string, opts: ApplyOptions): ApplyResult => {
  const node = rootNode(defs, rootDef)
  checkConfig(defs, rootDef, opts.config, opts.apiVersion)
  const liveEntries = (opts.live as { metadata?: { managedFields?: ManagedFieldsEntry[] } } | undefined)?.metadata?.managedFields
  const managed: Managed | undefined = decodeManagedFields(liveEntries)
  if (!managed) throw malformedPatch('failed to decode managed fields: invalid managedFields entry')
  const reset = defaultResetFields(node, opts.subresource)
  const live = opts.live ? withoutManagedFields(opts.live) : (dropNulls(emptyObject(node)) as Obj)

  if (managed.size === 0 && opts.live) {
    recordUpdate(node, managed, {
      oldObj: emptyObject(node),
      newObj: live,
      manager: { manager: BEFORE_FIRST_APPLY, operation: 'Update', apiVersion: opts.apiVersion, subresource: opts.subresource },
      time: opts.time,
      reset,
    })
  }

  const self = { manager: opts.manager, operation: 'Apply' as const, apiVersion: opts.apiVersion, subresource: opts.subresource }
  const id = managerIdentity(self)
  const last = managed.get(id)
  const applied = toFieldSet(node, opts.config).withoutPrefixes(reset)
  managed.set(id, { ...self, ...(last?.time ? { time: last.time } : {}), set: applied })

  let merged = dropNulls(merge(node, live, opts.config)) as Obj
  if (last && !last.set.empty) {
    let owned = applied
    for (const m of managed.values()) owned = owned.union(m.set)
    const stale = ensureNamedFieldsAreMembers(node, last.set).difference(ensureNamedFieldsAreMembers(node, owned))
    merged = removeItems(node, merged, stale) as Obj
  }

  const diff = compare(node, live, merged)
  const changed = diff.modified.union(diff.added).withoutPrefixes(reset)
  const removed = diff.removed.withoutPrefixes(reset)
  const conflicts: ApplyConflict[] = []
  for (const [otherId, m] of [...managed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (otherId === id) continue
    for (const path of m.set.intersection(changed).paths()) {
      conflicts.push({
        manager: m.manager,
        operation: m.operation,
        apiVersion: m.apiVersion,
        ...(m.subresource ? { subresource: m.subresource } : {}),
        field: pathString(path),
      })
    }
  }
  if (conflicts.length > 0 && !opts.force) return { ok: false, conflicts }

  for (const [otherId, m] of managed) {
    if (otherId === id) continue
    m.set = m.set.difference(changed).difference(removed)
    if (m.set.empty) managed.delete(otherId)
  }
  const mine = managed.get(id)!
  mine.set = mine.set.difference(STRIP_SET)
  if (mine.set.empty) managed.delete(id)

  const unchanged = isDeepStrictEqual(live, merged)
  // Upstream stamps the applier's time only when the object itself changed.
  if (!unchanged && managed.has(id)) managed.get(id)!.time = opts.time
  const object = unchanged ? (structuredClone(live) as Obj) : merged
  const meta = isPlainObject(object.metadata) ? object.metadata : (object.metadata = {})
  const entries = encodeManagedFields(managed)
  if (entries) meta.managedFields = entries
  else delete meta.managedFields
  return { ok: true, object }
}

/** How upstream names a manager in conflict messages (printManager). */
const printManager = (c: ApplyConflict): string => {
  let s = JSON.stringify(c.manager)
  if (c.subresource) s += ` with subresource ${JSON.stringify(c.subresource)}`
  if (c.operation === 'Update') s += ` using ${c.apiVersion}`
  return s
}

/** The 409 Conflict upstream returns for apply conflicts (NewApplyConflict). */
export const applyConflictError = (conflicts: ApplyConflict[]): StatusError => {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c)}`, field: c.field }))
  let message: string
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0])}: ${conflicts[0].field}`
  } else {
    const byManager = new Map<string, { printed: string; fields: string[] }>()
    for (const c of conflicts) {
      const id = managerIdentity(c)
      const entry = byManager.get(id) ?? { printed: printManager(c), fields: [] }
      entry.fields.push(c.field)
      byManager.set(id, entry)
    }
    const lines: string[] = []
    for (const id of [...byManager.keys()].sort()) {
      const { printed, fields } = byManager.get(id)!
      lines.push(`conflicts with ${printed}:`, ...fields.map((f) => `- ${f}`))
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`
  }
  return new StatusError(409, 'Conflict', message, { causes })
}
