/**
 * Renders schema-model definitions as OpenAPI JSON schemas, for v2
 * (`#/definitions/…`) or v3 (`#/components/schemas/…`), with the Kubernetes
 * extensions clients read: group-version-kind, list/map types, patch strategy
 * and merge key. Also computes which definitions a set of roots reaches, so a
 * document carries only what its paths use.
 */
import type { Definition, Definitions, Schema } from '../../api/schema/dsl.ts'

export type Flavor = 'v2' | 'v3'

export type Json = Record<string, unknown>

const refPrefix = (flavor: Flavor) => (flavor === 'v2' ? '#/definitions/' : '#/components/schemas/')

export const refTo = (flavor: Flavor, name: string): Json => ({ $ref: refPrefix(flavor) + name })

const withDescription = (out: Json, description: string | undefined): Json => (description ? { ...out, description } : out)

export const schemaToJson = (schema: Schema, flavor: Flavor): Json => {
  switch (schema.type) {
    case 'string': {
      const out: Json = withDescription({ type: 'string' }, schema.description)
      if (schema.format) out.format = schema.format
      if (schema.enum) out.enum = [...schema.enum]
      return out
    }
    case 'integer':
      return withDescription({ type: 'integer', format: schema.format }, schema.description)
    case 'number':
      return withDescription({ type: 'number', format: schema.format }, schema.description)
    case 'boolean':
      return withDescription({ type: 'boolean' }, schema.description)
    case 'any':
      return withDescription({ type: 'object' }, schema.description)
    case 'ref':
      if (!schema.description) return refTo(flavor, schema.name)
      // v3 forbids siblings next to $ref; upstream wraps the reference in allOf there.
      return flavor === 'v3' ? { allOf: [refTo(flavor, schema.name)], description: schema.description } : { ...refTo(flavor, schema.name), description: schema.description }
    case 'array': {
      const out: Json = withDescription({ type: 'array', items: schemaToJson(schema.items, flavor) }, schema.description)
      if (schema.listType) out['x-kubernetes-list-type'] = schema.listType
      if (schema.listMapKeys) out['x-kubernetes-list-map-keys'] = [...schema.listMapKeys]
      if (schema.patchMergeKey) out['x-kubernetes-patch-merge-key'] = schema.patchMergeKey
      if (schema.patchStrategy) out['x-kubernetes-patch-strategy'] = schema.patchStrategy
      return out
    }
    case 'map': {
      const out: Json = withDescription({ type: 'object', additionalProperties: schemaToJson(schema.values, flavor) }, schema.description)
      if (schema.mapType) out['x-kubernetes-map-type'] = schema.mapType
      return out
    }
  }
}

export const definitionToJson = (def: Definition, flavor: Flavor): Json => {
  if (def.type === 'scalar') {
    const { type, format, oneOf } = def.openapi
    const out: Json = { description: def.description }
    // v3 lets a scalar be a union (Quantity: string or number); v2 only knows one type plus a format.
    if (flavor === 'v3' && oneOf) out.oneOf = oneOf.map((o) => ({ ...o }))
    else if (type) out.type = type
    if (format) out.format = format
    return out
  }
  const properties: Json = {}
  for (const [name, schema] of Object.entries(def.properties)) properties[name] = schemaToJson(schema, flavor)
  const out: Json = { description: def.description, type: 'object', properties }
  if (def.required?.length) out.required = [...def.required]
  if (def.gvk?.length) out['x-kubernetes-group-version-kind'] = def.gvk.map((g) => ({ group: g.group, kind: g.kind, version: g.version }))
  if (def.mapType) out['x-kubernetes-map-type'] = def.mapType
  if (def.patchStrategy) out['x-kubernetes-patch-strategy'] = def.patchStrategy
  return out
}

const refsOf = (schema: Schema, into: string[]) => {
  if (schema.type === 'ref') into.push(schema.name)
  else if (schema.type === 'array') refsOf(schema.items, into)
  else if (schema.type === 'map') refsOf(schema.values, into)
}

/** Names of every definition reachable from `roots`, sorted; throws on a dangling reference. */
export const reachable = (defs: Definitions, roots: Iterable<string>): string[] => {
  const seen = new Set<string>()
  const stack = [...roots]
  while (stack.length) {
    const name = stack.pop()!
    if (seen.has(name)) continue
    const def = defs[name]
    if (!def) throw new Error(`openapi: unknown definition ${name}`)
    seen.add(name)
    if (def.type === 'object') for (const s of Object.values(def.properties)) refsOf(s, stack)
  }
  return [...seen].sort()
}

/** Renders the named definitions, keyed by name in sorted order. */
export const definitionsToJson = (defs: Definitions, names: string[], flavor: Flavor): Json => {
  const out: Json = {}
  for (const name of names) out[name] = definitionToJson(defs[name], flavor)
  return out
}
