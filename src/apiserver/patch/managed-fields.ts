/**
 * metadata.managedFields bookkeeping for writes, following apimachinery's
 * field manager: one entry per manager identity (name, operation, apiVersion
 * for Update, subresource); an Update records the fields it added or changed,
 * those fields (and removed ones) leave every other manager, and entries left
 * empty are dropped. apiVersion, kind and metadata's identity fields are never
 * recorded, nor the subtrees a strategy resets (status on the main resource,
 * spec on /status). An existing object without managedFields gains none on
 * Update, as upstream. The Update-manager cap (ancient-changes) is not done.
 */
import type { ManagedFieldsEntry } from '../../api/meta.ts'
import type { Definitions } from '../../api/schema/dsl.ts'
import { FieldSet, fieldElement, type Path } from './field-set.ts'
import { isPlainObject } from './go-format.ts'
import { compare, toFieldSet } from './typed-value.ts'
import { fieldNode, rootNode, type TypeNode } from './type-node.ts'

type Obj = Record<string, unknown>

export interface ManagerSet {
  manager: string
  operation: 'Apply' | 'Update'
  apiVersion: string
  time?: string
  subresource?: string
  set: FieldSet
}

/** Managers keyed by identity (see managerIdentity). */
export type Managed = Map<string, ManagerSet>

/** Upstream's BuildManagerIdentifier: the entry's JSON without time and fields, and without apiVersion for appliers. */
export const managerIdentity = (m: Pick<ManagerSet, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string =>
  JSON.stringify({
    ...(m.manager ? { manager: m.manager } : {}),
    ...(m.operation ? { operation: m.operation } : {}),
    ...(m.operation === 'Update' && m.apiVersion ? { apiVersion: m.apiVersion } : {}),
    ...(m.subresource ? { subresource: m.subresource } : {}),
  })

/** Paths stripMetaManager removes from every manager's set (exact paths, not subtrees). */
const STRIPPED: Path[] = [
  ['apiVersion'],
  ['kind'],
  ['metadata'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['metadata', f]),
].map((p) => p.map(fieldElement))
export const STRIP_SET = FieldSet.of(...STRIPPED)

/** Decodes managedFields; undefined when an entry is malformed (upstream then starts afresh). */
export const decodeManagedFields = (entries: ManagedFieldsEntry[] | undefined): Managed | undefined => {
  const out: Managed = new Map()
  for (const e of entries ?? []) {
    if (e.operation !== 'Apply' && e.operation !== 'Update') return undefined
    if (!e.apiVersion || e.fieldsType !== 'FieldsV1') return undefined
    let set: FieldSet
    try {
      set = FieldSet.fromFieldsV1(e.fieldsV1 ?? {})
    } catch {
      return undefined
    }
    const m: ManagerSet = { manager: e.manager ?? '', operation: e.operation, apiVersion: e.apiVersion, set }
    if (e.time) m.time = e.time
    if (e.subresource) m.subresource = e.subresource
    out.set(managerIdentity(m), m)
  }
  return out
}

const seconds = (time: string | undefined) => (time ? Math.floor(Date.parse(time) / 1000) : 0)
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Encodes managers in upstream's order (operation, time, manager, apiVersion, subresource); undefined when none. */
export const encodeManagedFields = (managed: Managed): ManagedFieldsEntry[] | undefined => {
  if (managed.size === 0) return undefined
  const sorted = [...managed.values()].sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  )
  return sorted.map((m) => ({
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.apiVersion,
    ...(m.time ? { time: m.time } : {}),
    fieldsType: 'FieldsV1' as const,
    fieldsV1: m.set.toFieldsV1(),
    ...(m.subresource ? { subresource: m.subresource } : {}),
  }))
}

/** The fields `obj` sets, typed by `rootDef` (FieldsV1 via `.toFieldsV1()`). */
export const fieldSet = (defs: Definitions, rootDef: string, obj: object): FieldSet => toFieldSet(rootNode(defs, rootDef), obj)

/** Subtrees a strategy resets and so nobody owns: status on the main resource, spec on /status. */
export const defaultResetFields = (node: TypeNode, subresource: string | undefined): Path[] => {
  if (node.kind !== 'struct') return []
  const has = (f: string) => Object.hasOwn(node.def.properties, f)
  if (!subresource) return has('status') ? [[fieldElement('status')]] : []
  if (subresource === 'status') return has('spec') ? [[fieldElement('spec')]] : []
  return []
}

/**
 * What upstream compares a created object against: the empty typed object, in
 * which top-level structs (metadata, spec, status) already exist and required
 * (so not omitempty) lists and maps of spec are null, so none of them is
 * itself recorded as added (`f:containers` has no `"."`).
 */
export const emptyObject = (node: TypeNode): Obj => {
  const out: Obj = {}
  if (node.kind !== 'struct') return out
  for (const f of ['metadata', 'spec', 'status']) {
    if (node.def.properties[f]?.type !== 'ref') continue
    const child = fieldNode(node, f)
    const inner: Obj = {}
    if (child.kind === 'struct') {
      for (const r of child.def.required ?? []) {
        const kind = fieldNode(child, r).kind
        if (kind === 'list' || kind === 'map') inner[r] = null
      }
    }
    out[f] = inner
  }
  return out
}

/** A copy without metadata.managedFields, which never takes part in comparisons. */
export const withoutManagedFields = (obj: object): Obj => {
  const copy = { ...(obj as Obj) }
  if (isPlainObject(copy.metadata)) {
    const { managedFields: _drop, ...rest } = copy.metadata
    copy.metadata = rest
  }
  return copy
}

export interface UpdateOptions {
  oldObj: object | undefined
  newObj: object
  manager: string
  operation: 'Update' | 'Apply'
  apiVersion: string
  subresource?: string
  /** RFC 3339 time of this write. */
  time: string
  /** Overrides defaultResetFields. */
  resetFields?: Path[]
}

const managedFieldsOf = (obj: object | undefined): ManagedFieldsEntry[] | undefined => {
  const meta = (obj as Obj | undefined)?.metadata
  return isPlainObject(meta) ? (meta.managedFields as ManagedFieldsEntry[] | undefined) : undefined
}

/** A request that sets managedFields to [] or [{}] clears them. */
const isReset = (entries: ManagedFieldsEntry[] | undefined): boolean =>
  entries !== undefined && (entries.length === 0 || (entries.length === 1 && Object.keys(entries[0]).length === 0))

/** Managers from the request object when it carries valid ones (not for subresources), else from the live object. */
const decodeLiveOrNew = (oldObj: object | undefined, newObj: object, subresource: string | undefined): Managed => {
  const fromLive = () => decodeManagedFields(managedFieldsOf(oldObj)) ?? new Map()
  if (subresource) return fromLive()
  const requested = managedFieldsOf(newObj)
  if (isReset(requested)) return new Map()
  const decoded = decodeManagedFields(requested)
  return decoded && decoded.size > 0 ? decoded : fromLive()
}

/**
 * Records one Update (or Apply) write in managed fields and returns the new
 * metadata.managedFields (undefined when no manager is left).
 */
export const updateManagedFields = (defs: Definitions, rootDef: string, opts: UpdateOptions): ManagedFieldsEntry[] | undefined => {
  const node = rootNode(defs, rootDef)
  const managed = decodeLiveOrNew(opts.oldObj, opts.newObj, opts.subresource)
  const uid = (opts.oldObj as { metadata?: { uid?: string } } | undefined)?.metadata?.uid
  // skipNonApplied: an existing object nobody tracks yet stays untracked.
  if (managed.size === 0 && opts.oldObj && uid) return undefined
  const reset = opts.resetFields ?? defaultResetFields(node, opts.subresource)
  recordUpdate(node, managed, {
    oldObj: opts.oldObj ? withoutManagedFields(opts.oldObj) : emptyObject(node),
    newObj: withoutManagedFields(opts.newObj),
    manager: { manager: opts.manager, operation: opts.operation, apiVersion: opts.apiVersion, subresource: opts.subresource },
    time: opts.time,
    reset,
  })
  return encodeManagedFields(managed)
}

export interface RecordOptions {
  oldObj: object
  newObj: object
  manager: Omit<ManagerSet, 'set' | 'time'>
  time: string
  reset: Path[]
}

/** The Update arithmetic on `managed` (mutated): other managers lose changed and removed fields; this one gains the changes. */
export const recordUpdate = (node: TypeNode, managed: Managed, o: RecordOptions) => {
  const diff = compare(node, o.oldObj, o.newObj)
  const changed = diff.modified.union(diff.added).withoutPrefixes(o.reset)
  const removed = diff.removed.withoutPrefixes(o.reset)
  for (const [id, m] of managed) {
    m.set = m.set.difference(changed).difference(removed)
    if (m.set.empty) managed.delete(id)
  }
  const mine = changed.difference(STRIP_SET)
  if (mine.empty) return
  const id = managerIdentity(o.manager)
  const previous = managed.get(id)
  managed.set(id, { ...o.manager, time: o.time, set: previous ? mine.union(previous.set) : mine })
}
