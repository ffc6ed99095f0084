/**
 * Element order after a strategic merge of a list, as apimachinery decides it:
 * items named by the patch (or by `$setElementOrder`) keep the patch's order,
 * items only on the server keep theirs, and the two are interleaved using the
 * server's order where both are known, so a new item lands before the
 * remaining server-only items (`kubectl patch` adding a container puts it first).
 */
import { malformedPatch } from './patch-errors.ts'
import { errBadArgType, errNoMergeKey, isMap, type Obj } from './smp-errors.ts'

const DIRECTIVE = '$patch'

const keyOf = (item: unknown, mergeKey: string, maps: boolean): unknown => {
  if (!maps) return item
  return isMap(item) ? item[mergeKey] : undefined
}

/** Position of `item` in `list`, matching maps by merge key and scalars by value; -1 if absent. */
export const indexIn = (list: unknown[], item: unknown, mergeKey: string, maps: boolean): number => {
  const wanted = keyOf(item, mergeKey, maps)
  return list.findIndex((v) => keyOf(v, mergeKey, maps) === wanted)
}

const validateMergeKeys = (mergeKey: string, ...lists: unknown[][]) => {
  for (const list of lists) {
    for (const item of list) {
      if (!isMap(item)) throw errBadArgType('map[string]interface {}', item)
      if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey)
    }
  }
}

/** Sorts `toSort` by `order`; for maps, `$patch: delete` items go last. */
const normalizeSliceOrder = (toSort: unknown[], order: unknown[], mergeKey: string, maps: boolean): unknown[] => {
  let keep = toSort
  let toDelete: unknown[] = []
  if (maps) {
    validateMergeKeys(mergeKey, toSort, order)
    keep = toSort.filter((v) => (v as Obj)[DIRECTIVE] !== 'delete')
    toDelete = toSort.filter((v) => (v as Obj)[DIRECTIVE] === 'delete')
  }
  const ranked = keep.map((item, i) => {
    const at = indexIn(order, item, mergeKey, maps)
    return { item, at: at < 0 ? Number.POSITIVE_INFINITY : at, i }
  })
  ranked.sort((a, b) => (a.at === b.at ? a.i - b.i : a.at - b.at))
  return [...ranked.map((r) => r.item), ...toDelete]
}

/**
 * Interleaves server-only items (`left`) into patch items (`right`): a left
 * item goes first only when both are in `serverOrder` and it comes earlier.
 */
const mergeSortedSlice = (left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, maps: boolean): unknown[] => {
  const out: unknown[] = []
  let i = 0
  let j = 0
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++])
    else if (j >= right.length) out.push(left[i++])
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, maps)
      const ri = indexIn(serverOrder, right[j], mergeKey, maps)
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++])
      else out.push(right[j++])
    }
  }
  return out
}

export const normalizeElementOrder = (
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  maps: boolean,
): unknown[] =>
  mergeSortedSlice(
    normalizeSliceOrder(serverOnly, serverOrder, mergeKey, maps),
    normalizeSliceOrder(patch, patchOrder, mergeKey, maps),
    serverOrder,
    mergeKey,
    maps,
  )

/** Splits scalars into [present in `by`, not present]. */
export const partitionPrimitives = (list: unknown[], by: unknown[]): [unknown[], unknown[]] => {
  const inBy = new Set(by)
  return [list.filter((v) => inBy.has(v)), list.filter((v) => !inBy.has(v))]
}

/** Splits maps by whether an item with the same merge-key value is in `by`. */
export const partitionMaps = (list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] => {
  const present: unknown[] = []
  const serverOnly: unknown[] = []
  for (const v of list) {
    if (!isMap(v)) throw errBadArgType('map[string]interface {}', v)
    if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey)
    if (findByKey(by, mergeKey, v[mergeKey]) >= 0) present.push(v)
    else serverOnly.push(v)
  }
  return [present, serverOnly]
}

/** Index of the map whose `key` equals `value`; every item must be a map. */
export const findByKey = (list: unknown[], key: string, value: unknown): number => {
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    if (!isMap(item)) throw errNotAMap(i)
    if (key in item && item[key] === value) return i
  }
  return -1
}

const errNotAMap = (index: number) => malformedPatch(`value for key ${index} is not a map`)
