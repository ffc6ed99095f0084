/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) as
 * apimachinery applies it server-side, driven by the schema model's
 * patchStrategy/patchMergeKey: merge lists merge by key (scalars are
 * set-unioned), other lists and `replace` maps are replaced, maps merge,
 * `null` deletes, and the directives `$patch` (replace/delete on maps and list
 * items), `$setElementOrder/<list>`, `$retainKeys` and
 * `$deleteFromPrimitiveList/<list>` are honoured. Fields the schema does not
 * describe behave like a JSON merge patch. Errors carry upstream's codes and
 * texts (smp-errors.ts). The inputs are never mutated.
 */
import type { Definitions } from '../../api/schema/dsl.ts'
import { badRequest } from '../../api/errors.ts'
import { goTypeName, goValue, jsonKindWord } from './go-format.ts'
import { malformedPatch } from './patch-errors.ts'
import {
  errBadArgType,
  errBadPatchFormatForPrimitiveList,
  errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList,
  errBadPatchType,
  errNoListOfLists,
  errNoMergeKey,
  isMap,
  type Obj,
} from './smp-errors.ts'
import { findByKey, normalizeElementOrder, partitionMaps, partitionPrimitives } from './smp-order.ts'
import { fieldNode, itemNode, nodeName, patchStrategyOf, rootNode, type TypeNode } from './type-node.ts'

const DIRECTIVE = '$patch'
const RETAIN_KEYS = '$retainKeys'
const SET_ELEMENT_ORDER = '$setElementOrder'
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList'

/** Applies a strategic merge patch (the decoded request body) to a copy of `original`. */
export const applyStrategicMergePatch = (defs: Definitions, rootDef: string, original: object, patch: unknown): Obj => {
  if (patch === null) return structuredClone(original) as Obj
  if (!isMap(patch)) {
    throw badRequest(`json: cannot unmarshal ${jsonKindWord(patch)} into Go value of type map[string]interface {}`)
  }
  return mergeMap(structuredClone(original) as Obj, structuredClone(patch), rootNode(defs, rootDef))
}

/** The Go reflect type of a decoded value, which decides whether two values merge or the patch replaces. */
const typeKey = (v: unknown) => goTypeName(v)

const extractKey = (key: string, prefix: string): string => {
  const slash = key.indexOf('/')
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw errBadPatchFormatForPrimitiveList()
    throw errBadPatchFormatForSetElementOrderList()
  }
  return key.slice(slash + 1)
}

/** Drops maps carrying `$patch` (recursively); returns [value, keep]. */
const removeDirectives = (v: unknown): [unknown, boolean] => {
  if (isMap(v)) {
    if (DIRECTIVE in v) return [undefined, false]
    for (const [k, child] of Object.entries(v)) {
      const [clean, keep] = removeDirectives(child)
      if (keep) v[k] = clean
      else delete v[k]
    }
    return [v, true]
  }
  if (Array.isArray(v)) {
    const out: unknown[] = []
    for (const child of v) {
      const [clean, keep] = removeDirectives(child)
      if (keep) out.push(clean)
    }
    return [out, true]
  }
  return [v, true]
}

const discardNulls = (v: unknown) => {
  if (isMap(v)) {
    for (const [k, child] of Object.entries(v)) {
      if (child === null) delete v[k]
      else discardNulls(child)
    }
  } else if (Array.isArray(v)) {
    v.forEach(discardNulls)
  }
}

/** Takes the patch value for a key the original lacks or holds with another type. */
const takePatchValue = (original: Obj, key: string, patchV: unknown) => {
  discardNulls(patchV)
  const [clean, keep] = removeDirectives(patchV)
  if (keep) original[key] = clean
  else delete original[key]
}

const mergeMap = (original: Obj | undefined, patch: Obj, node: TypeNode): Obj => {
  if (DIRECTIVE in patch) {
    const directive = patch[DIRECTIVE]
    if (directive === 'replace') {
      delete patch[DIRECTIVE]
      return patch
    }
    if (directive === 'delete') return {}
    throw errBadPatchType(directive, patch)
  }
  const target = original ?? {}
  applyRetainKeys(target, patch)
  applySetElementOrder(target, patch, node)

  for (const [rawKey, patchV] of Object.entries(patch)) {
    let key = rawKey
    const isDeleteList = rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)
    if (isDeleteList) key = extractKey(rawKey, DELETE_FROM_PRIMITIVE_LIST)

    if (patchV === null) {
      delete target[key]
      continue
    }
    if (!Object.hasOwn(target, key) || typeKey(target[key]) !== typeKey(patchV)) {
      if (!isDeleteList) takePatchValue(target, key, patchV)
      continue
    }
    const child = fieldNode(node, key)
    const strategy = patchStrategyOf(child)
    const current = target[key]
    if (isMap(current)) {
      target[key] = strategy === 'replace' ? patchV : mergeMap(current, patchV as Obj, child)
    } else if (Array.isArray(current)) {
      const patchList = patchV as unknown[]
      target[key] =
        strategy === 'merge' || isDeleteList
          ? mergeSlice(current, patchList, child, mergeKeyOf(child), isDeleteList).merged
          : patchList
    } else {
      takePatchValue(target, key, patchV)
    }
  }
  return target
}

const mergeKeyOf = (node: TypeNode): string => (node.kind === 'list' ? (node.patchMergeKey ?? '') : '')

/** `$retainKeys`: drop original keys not listed; every patched key must be listed. */
const applyRetainKeys = (original: Obj, patch: Obj) => {
  if (!(RETAIN_KEYS in patch)) return
  const listed = patch[RETAIN_KEYS]
  delete patch[RETAIN_KEYS]
  if (!Array.isArray(listed)) throw errBadPatchFormatForRetainKeys()
  const keep = new Set(listed)
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue
    if (!keep.has(k)) throw errBadPatchFormatForRetainKeys()
  }
  for (const k of Object.keys(original)) {
    if (!keep.has(k)) delete original[k]
  }
}

/** Kind of the elements of the given lists: 'map' or a scalar type; lists of lists are refused. */
const sliceElementType = (...lists: unknown[][]): string => {
  let found: string | undefined
  for (const list of lists) {
    for (const v of list) {
      const t = typeKey(v)
      if (found === undefined) {
        if (Array.isArray(v)) throw errNoListOfLists()
        found = t
      } else if (found !== t) {
        throw malformedPatch(`list element types are not identical: ${goValue(lists)}`)
      }
    }
  }
  if (found === undefined) throw malformedPatch('no elements in any of the given slices')
  return found
}

/** Checks that patch items (deletions aside) appear in `$setElementOrder` in the same relative order. */
const validateAgainstOrder = (patchList: unknown[], order: unknown[], mergeKey: string) => {
  if (order.length === 0 || patchList.length === 0) return
  let items = patchList
  if (mergeKey) {
    for (const v of patchList) if (!isMap(v)) throw errBadArgType('map[string]interface {}', v)
    items = patchList.filter((v) => (v as Obj)[DIRECTIVE] !== 'delete')
  }
  const same = (a: unknown, b: unknown): boolean => {
    if (!mergeKey) return a === b
    if (!isMap(a)) throw errBadArgType('map[string]interface {}', a)
    if (!isMap(b)) throw errBadArgType('map[string]interface {}', b)
    if (!(mergeKey in a)) throw errNoMergeKey(a, mergeKey)
    if (!(mergeKey in b)) throw errNoMergeKey(b, mergeKey)
    return a[mergeKey] === b[mergeKey]
  }
  let p = 0
  let o = 0
  while (p < items.length && o < order.length) {
    if (isMap(items[p]) && DIRECTIVE in (items[p] as Obj)) {
      p++
      continue
    }
    if (same(items[p], order[o])) p++
    o++
  }
  if (p < items.length && o >= order.length) {
    throw malformedPatch(
      `The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goValue(order)}\n`,
    )
  }
}

/** Processes every `$setElementOrder/<list>` together with the list it orders. */
const applySetElementOrder = (original: Obj, patch: Obj, node: TypeNode) => {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue
    const order = patch[key]
    delete patch[key]
    if (!Array.isArray(order)) throw errBadArgType('[]interface {}', order)
    const listKey = extractKey(key, SET_ELEMENT_ORDER)
    const foundOriginal = Object.hasOwn(original, listKey)
    const foundPatch = Object.hasOwn(patch, listKey)
    const originalList = original[listKey]
    const patchList = patch[listKey]
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType('[]interface {}', originalList)
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType('[]interface {}', patchList)
    const originalItems = (originalList as unknown[] | undefined) ?? []
    const patchItems = (patchList as unknown[] | undefined) ?? []
    const child = fieldNode(node, listKey)
    const mergeKey = mergeKeyOf(child)
    validateAgainstOrder(patchItems, order, mergeKey)

    let merged: unknown[]
    // Upstream's final ordering compares against the live list's backing array,
    // which in-place deletions and appends have overwritten; `serverOrder` mirrors that.
    let serverOrder = originalItems
    if (foundOriginal && !foundPatch) merged = originalItems
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchItems)[0] as unknown[]
    else if (foundOriginal && foundPatch) {
      if (patchStrategyOf(child) === 'merge') {
        const result = mergeSlice(originalItems, patchItems, child, mergeKey, false)
        merged = result.merged
        serverOrder = result.working.slice(0, originalItems.length)
      } else {
        merged = patchItems
      }
    } else continue

    const maps = sliceElementType(originalItems, patchItems) === 'map[string]interface {}'
    const [inOrder, serverOnly] = mergeKey ? partitionMaps(merged, order, mergeKey) : partitionPrimitives(merged, order)
    original[listKey] = normalizeElementOrder(inOrder, serverOnly, order, serverOrder, mergeKey, maps)
    delete patch[listKey]
  }
}

interface SliceResult {
  merged: unknown[]
  /** The live list after in-place deletions and appends (see applySetElementOrder). */
  working: unknown[]
}

const mergeSlice = (original: unknown[], patch: unknown[], node: TypeNode, mergeKey: string, isDeleteList: boolean): SliceResult => {
  if (original.length === 0 && patch.length === 0) return { merged: original, working: original }
  const maps = sliceElementType(original, patch) === 'map[string]interface {}'
  if (!maps) {
    if (isDeleteList) {
      const gone = new Set(patch)
      const merged = original.filter((v) => !gone.has(v))
      return { merged, working: original }
    }
    const merged = [...new Set([...original, ...patch])]
    const [fromPatch, serverOnly] = partitionPrimitives(merged, patch)
    return { merged: normalizeElementOrder(fromPatch, serverOnly, patch, original, '', false), working: original }
  }
  if (!mergeKey) throw malformedPatch(`cannot merge lists without merge key for ${nodeName(node)}`)

  // Special elements first: `$patch: delete` removes by key, `$patch: replace` drops the live list.
  let live = original
  let deleted = false
  let replaced = false
  const plain: Obj[] = []
  for (const v of patch as Obj[]) {
    if (!(DIRECTIVE in v)) {
      plain.push(v)
      continue
    }
    const directive = v[DIRECTIVE]
    if (directive === 'delete') {
      if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey)
      for (let at = findByKey(live, mergeKey, v[mergeKey]); at >= 0; at = findByKey(live, mergeKey, v[mergeKey])) {
        live = [...live.slice(0, at), ...live.slice(at + 1)]
        deleted = true
      }
    } else if (directive === 'replace') {
      replaced = true
    } else if (directive === 'merge') {
      throw malformedPatch('merging lists cannot yet be specified in the patch')
    } else {
      throw errBadPatchType(directive, v)
    }
  }
  const items = itemNode(node)
  let toMerge: Obj[] = plain
  if (replaced) {
    live = plain
    toMerge = []
  }
  const merged = [...live]
  for (const v of toMerge) {
    if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey)
    const at = findByKey(merged, mergeKey, v[mergeKey])
    if (at >= 0) merged[at] = mergeMap(merged[at] as Obj, v, items)
    else merged.push(v)
  }
  const [fromPatch, serverOnly] = partitionMaps(merged, toMerge, mergeKey)
  const ordered = normalizeElementOrder(fromPatch, serverOnly, toMerge, live, mergeKey, true)
  return { merged: ordered, working: deleted && !replaced ? merged : original }
}
