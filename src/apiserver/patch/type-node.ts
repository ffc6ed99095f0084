/**
 * Resolves the schema model (api/schema/dsl.ts) into the few shapes patching
 * and field management care about: struct, map, list, scalar, or `any`
 * (free-form JSON, and every field the schema does not know, which behave like
 * structured-merge-diff's deduced type: maps are granular, lists atomic).
 *
 * Lists follow kube-openapi's schema conversion: x-kubernetes-list-type wins;
 * otherwise patchStrategy merge with a merge key makes a keyed list, merge
 * without one a set, and anything else is atomic. Strategic merge patch reads
 * only patchStrategy/patchMergeKey, like the Go struct tags upstream.
 */
import type { Definitions, ObjectDefinition, PatchStrategy, Schema } from '../../api/schema/dsl.ts'
import { resolveRef } from '../../api/schema/dsl.ts'

export type TypeNode =
  | { kind: 'struct'; name: string; def: ObjectDefinition; atomic: boolean; defs: Definitions }
  | { kind: 'map'; values: TypeNode | (() => TypeNode); atomic: boolean; defs: Definitions }
  | {
      kind: 'list'
      items: Schema
      relation: 'atomic' | 'set' | 'map'
      keys: string[]
      patchStrategy?: PatchStrategy
      patchMergeKey?: string
      defs: Definitions
    }
  | { kind: 'scalar' }
  | { kind: 'any' }

export const ANY: TypeNode = { kind: 'any' }
const SCALAR: TypeNode = { kind: 'scalar' }

const refName = (schema: Schema): string | undefined => (schema.type === 'ref' ? schema.name : undefined)

/** The node for a schema, or `any` when there is none. */
export const nodeOf = (defs: Definitions, schema: Schema | undefined): TypeNode => {
  if (!schema) return ANY
  const resolved = resolveRef(defs, schema)
  switch (resolved.type) {
    case 'object':
      return { kind: 'struct', name: refName(schema) ?? '', def: resolved, atomic: resolved.mapType === 'atomic', defs }
    case 'scalar':
      // Quantity, Time, IntOrString … are leaves; an object-shaped scalar (FieldsV1) is free-form.
      return resolved.openapi.type === 'object' ? ANY : SCALAR
    case 'any':
      return ANY
    case 'map':
      return { kind: 'map', values: () => nodeOf(defs, resolved.values), atomic: resolved.mapType === 'atomic', defs }
    case 'array': {
      const strategies = (resolved.patchStrategy ?? '').split(',')
      const merges = strategies.includes('merge')
      let relation: 'atomic' | 'set' | 'map' = 'atomic'
      let keys: string[] = []
      if (resolved.listType === 'map') {
        relation = 'map'
        keys = resolved.listMapKeys ?? (resolved.patchMergeKey ? [resolved.patchMergeKey] : [])
      } else if (resolved.listType === 'set' || resolved.listType === 'atomic') {
        relation = resolved.listType
      } else if (merges && resolved.patchMergeKey) {
        relation = 'map'
        keys = [resolved.patchMergeKey]
      } else if (merges) {
        relation = 'set'
      }
      if (relation === 'map' && keys.length === 0) relation = 'atomic'
      return {
        kind: 'list',
        items: resolved.items,
        relation,
        keys,
        patchStrategy: resolved.patchStrategy,
        patchMergeKey: resolved.patchMergeKey,
        defs,
      }
    }
    default:
      return SCALAR
  }
}

/** The node of the named root definition. */
export const rootNode = (defs: Definitions, rootDef: string): TypeNode => nodeOf(defs, { type: 'ref', name: rootDef })

/** The node of `key` inside a struct or map; `any` for unknown fields. */
export const fieldNode = (node: TypeNode, key: string): TypeNode => {
  if (node.kind === 'struct') return nodeOf(node.defs, node.def.properties[key])
  if (node.kind === 'map') return typeof node.values === 'function' ? (node.values = node.values()) : node.values
  return ANY
}

/** Whether `key` is a declared field of a struct (as opposed to a map key or unknown field). */
export const isDeclaredField = (node: TypeNode, key: string): boolean =>
  node.kind === 'struct' && Object.hasOwn(node.def.properties, key)

/** The node of a list's items. */
export const itemNode = (node: TypeNode): TypeNode => (node.kind === 'list' ? nodeOf(node.defs, node.items) : ANY)

/** The strategic-merge strategy of a field, without `retainKeys` (which only matters when creating patches). */
export const patchStrategyOf = (node: TypeNode): string => {
  let raw: string | undefined
  if (node.kind === 'list') raw = node.patchStrategy
  else if (node.kind === 'struct') raw = node.def.patchStrategy
  return (raw ?? '')
    .split(',')
    .filter((s) => s && s !== 'retainKeys')
    .join(',')
}

/** The type name upstream prints in `cannot merge lists without merge key for %s`. */
export const nodeName = (node: TypeNode): string => {
  if (node.kind === 'struct') return node.name
  if (node.kind === 'list') {
    const item = node.items
    return item.type === 'ref' ? item.name : item.type
  }
  return node.kind
}
