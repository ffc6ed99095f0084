/**
 * structured-merge-diff's operations on a JSON object, typed by the schema
 * model: the set of fields an object sets (ToFieldSet), the fields added,
 * modified and removed between two objects (Compare), merging an apply
 * configuration into a live object (Merge), and removing a set of fields
 * (RemoveItems). Granular maps and structs are walked per key, list maps per
 * key, sets per value; atomic lists/maps, scalars and untyped lists are leaves.
 */
import { isDeepStrictEqual } from 'node:util'
import { isPlainObject } from './go-format.ts'
import { FieldSet, fieldElement, indexElement, keyElement, valueElement, type Path, type PathElement } from './field-set.ts'
import { ANY, fieldNode, isDeclaredField, itemNode, type TypeNode } from './type-node.ts'

type Obj = Record<string, unknown>

const DEDUCED_MAP: TypeNode = { kind: 'map', values: ANY, atomic: false, defs: {} }
const LEAF: TypeNode = { kind: 'scalar' }

/** Free-form values behave like SMD's deduced type: maps granular, everything else a leaf. */
const effective = (node: TypeNode, value: unknown): TypeNode => {
  if (node.kind !== 'any') return node
  return isPlainObject(value) ? DEDUCED_MAP : LEAF
}

const isMapLike = (n: TypeNode) => n.kind === 'struct' || n.kind === 'map'
const isLeaf = (n: TypeNode) => !isMapLike(n) && n.kind !== 'list'
const atomic = (n: TypeNode) => (n.kind === 'list' ? n.relation === 'atomic' : n.kind === 'struct' || n.kind === 'map' ? n.atomic : true)

/** Whether a value has the shape the node needs (else it is compared and merged as a leaf). */
const fits = (n: TypeNode, v: unknown) =>
  v === undefined || (isMapLike(n) ? isPlainObject(v) : n.kind === 'list' ? Array.isArray(v) : true)

/** The path element naming a list item: its keys, its value, or (failing both) its index. */
export const itemElement = (node: TypeNode, item: unknown, index: number): PathElement => {
  if (node.kind === 'list' && node.relation === 'map' && isPlainObject(item)) {
    const keys: Obj = {}
    for (const k of node.keys) if (item[k] !== undefined) keys[k] = item[k]
    if (Object.keys(keys).length > 0) return keyElement(keys)
  }
  if (node.kind === 'list' && node.relation === 'set' && !isPlainObject(item) && !Array.isArray(item)) return valueElement(item)
  return indexElement(index)
}

const indexItems = (node: TypeNode, list: unknown[]) => {
  const order: PathElement[] = []
  const items = new Map<PathElement, unknown[]>()
  list.forEach((item, i) => {
    const pe = itemElement(node, item, i)
    const seen = items.get(pe)
    if (seen) seen.push(item)
    else {
      items.set(pe, [item])
      order.push(pe)
    }
  })
  return { order, items }
}

// ---- ToFieldSet ----

const collect = (node: TypeNode, value: unknown, path: Path, set: FieldSet) => {
  const n = effective(node, value)
  if (atomic(n) || !fits(n, value) || value === null) {
    set.insert(path)
    return
  }
  if (n.kind === 'list') {
    const { order, items } = indexItems(n, value as unknown[])
    const child = itemNode(n)
    for (const pe of order) {
      const found = items.get(pe)!
      if (found.length === 1) collect(child, found[0], [...path, pe], set)
      set.insert([...path, pe])
    }
    return
  }
  for (const [key, v] of Object.entries(value as Obj)) {
    const childPath = [...path, fieldElement(key)]
    collect(fieldNode(n, key), v, childPath, set)
    if (v === null || (isPlainObject(v) && Object.keys(v).length === 0) || !isDeclaredField(n, key)) set.insert(childPath)
  }
}

/** Every field `value` sets, as structured-merge-diff's ToFieldSet computes it. */
export const toFieldSet = (node: TypeNode, value: unknown): FieldSet => {
  const set = new FieldSet()
  collect(node, value, [], set)
  return set
}

// ---- Compare ----

export interface Comparison {
  added: FieldSet
  modified: FieldSet
  removed: FieldSet
}

const compareAt = (node: TypeNode, l: unknown, r: unknown, path: Path, out: Comparison) => {
  const n = effective(node, r !== undefined ? r : l)
  let leafDone = false
  const leaf = () => {
    leafDone = true
    if (path.length === 0) return
    if (l === undefined) out.added.insert(path)
    else if (r === undefined) out.removed.insert(path)
    else if (!isDeepStrictEqual(l, r)) out.modified.insert(path)
  }
  // A null list or map compares as an empty one (Go decodes both to nil).
  const shapesDiffer = !(l === null || fits(n, l)) || !(r === null || fits(n, r)) || (isLeaf(n) && (l === null || r === null))
  if (atomic(n) || shapesDiffer) leaf()
  else if (n.kind === 'list') {
    const ll = (l as unknown[] | null | undefined) ?? []
    const rl = (r as unknown[] | null | undefined) ?? []
    if (ll.length === 0 && rl.length === 0) leaf()
    else compareItems(n, ll, rl, path, out)
  } else {
    const lm = (l as Obj | null | undefined) ?? {}
    const rm = (r as Obj | null | undefined) ?? {}
    const keys = new Set([...Object.keys(lm), ...Object.keys(rm)])
    if (keys.size === 0) leaf()
    for (const k of keys) compareAt(fieldNode(n, k), lm[k], rm[k], [...path, fieldElement(k)], out)
  }
  if (!leafDone && path.length > 0) {
    if (l === undefined) out.added.insert(path)
    else if (r === undefined) out.removed.insert(path)
  }
}

const compareItems = (node: TypeNode, l: unknown[], r: unknown[], path: Path, out: Comparison) => {
  const left = indexItems(node, l)
  const right = indexItems(node, r)
  const child = itemNode(node)
  const all = [...left.order, ...right.order.filter((pe) => !left.items.has(pe))]
  for (const pe of all) {
    const li = left.items.get(pe) ?? []
    const ri = right.items.get(pe) ?? []
    const at = [...path, pe]
    if (li.length <= 1 && ri.length <= 1) compareAt(child, li[0], ri[0], at, out)
    else if (li.length >= 2 && ri.length >= 2) {
      if (!isDeepStrictEqual(li, ri)) out.modified.insert(at)
    } else if (li.length >= 2) out.removed.insert(at)
    else out.added.insert(at)
  }
}

/** Fields added, modified and removed going from `lhs` to `rhs`. */
export const compare = (node: TypeNode, lhs: unknown, rhs: unknown): Comparison => {
  const out: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() }
  compareAt(node, lhs, rhs, [], out)
  return out
}

// ---- Merge ----

/** Merges an apply configuration (`rhs`) into a live object (`lhs`). */
export const merge = (node: TypeNode, lhs: unknown, rhs: unknown): unknown => {
  if (rhs === undefined) return lhs
  const n = effective(node, rhs)
  if (lhs === undefined || lhs === null || rhs === null || atomic(n) || !fits(n, lhs) || !fits(n, rhs)) return structuredClone(rhs)
  if (n.kind === 'list') return mergeItems(n, lhs as unknown[], rhs as unknown[])
  const out: Obj = { ...(lhs as Obj) }
  for (const [k, v] of Object.entries(rhs as Obj)) out[k] = merge(fieldNode(n, k), out[k], v)
  return out
}

/** SMD's list merge order: live items stay in place, config items follow the config's order. */
const mergeItems = (node: TypeNode, l: unknown[], r: unknown[]): unknown[] => {
  const left = indexItems(node, l)
  const right = indexItems(node, r)
  const child = itemNode(node)
  const shared = right.order.filter((pe) => left.items.has(pe))
  let nextShared = shared.shift()
  const done = new Set<PathElement>()
  const out: unknown[] = []
  const take = (pe: PathElement) => {
    done.add(pe)
    out.push(merge(child, left.items.get(pe)?.[0], right.items.get(pe)![0]))
  }
  let li = 0
  let ri = 0
  while (li < left.order.length || ri < right.order.length) {
    if (li < left.order.length && ri < right.order.length) {
      const pe = left.order[li]
      if (pe === right.order[ri]) {
        take(pe)
        li++
        ri++
        nextShared = shared.shift()
        continue
      }
      if (right.items.has(pe) && nextShared !== undefined && nextShared !== pe) {
        li++
        continue
      }
    }
    if (li < left.order.length) {
      const pe = left.order[li]
      if (!right.items.has(pe)) {
        out.push(...left.items.get(pe)!)
        li++
        continue
      }
      if (done.has(pe)) li++
    }
    if (ri < right.order.length) {
      const pe = right.order[ri]
      take(pe)
      ri++
      if (nextShared === pe) nextShared = shared.shift()
    }
  }
  return out
}

// ---- RemoveItems / EnsureNamedFieldsAreMembers ----

/** A copy of `value` without the fields that are members of `set`. */
export const removeItems = (node: TypeNode, value: unknown, set: FieldSet): unknown => {
  if (set.empty || value === null || value === undefined) return value
  const n = effective(node, value)
  if (n.kind === 'list' && n.relation !== 'atomic' && Array.isArray(value)) {
    const child = itemNode(n)
    const out: unknown[] = []
    value.forEach((item, i) => {
      const pe = itemElement(n, item, i)
      if (set.members.has(pe)) return
      const sub = set.children.get(pe)
      out.push(sub ? removeItems(child, item, sub) : item)
    })
    return out
  }
  if (isMapLike(n) && isPlainObject(value)) {
    const out: Obj = {}
    for (const [k, v] of Object.entries(value)) {
      const pe = fieldElement(k)
      if (set.members.has(pe)) continue
      const sub = set.children.get(pe)
      out[k] = sub ? removeItems(fieldNode(n, k), v, sub) : v
    }
    return out
  }
  return value
}

/** Adds struct fields that only appear as prefixes as members, so removing a set removes emptied structs too. */
export const ensureNamedFieldsAreMembers = (node: TypeNode, set: FieldSet): FieldSet => {
  const out = new FieldSet()
  for (const m of set.members) out.members.add(m)
  for (const [pe, child] of set.children) {
    let sub: TypeNode = ANY
    if (pe.startsWith('f:')) {
      const key = pe.slice(2)
      sub = fieldNode(node, key)
      if (isDeclaredField(node, key)) out.members.add(pe)
    } else if (node.kind === 'list') {
      sub = itemNode(node)
    }
    out.children.set(pe, ensureNamedFieldsAreMembers(sub, child))
  }
  return out
}
