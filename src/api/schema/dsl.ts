/**
 * The schema model: one description of every served type, from which we derive
 * the OpenAPI v3 documents (explain, client-side apply), the OpenAPI v2
 * protobuf, strict decoding (unknown fields), and strategic-merge-patch
 * metadata (merge keys, patch strategies, list types).
 *
 * Definitions are keyed by their OpenAPI name, e.g. `io.k8s.api.node.v1.RuntimeClass`.
 * Descriptions are written in our own words.
 */

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys'

export type Schema =
  | { type: 'string'; format?: string; enum?: string[]; description?: string }
  | { type: 'integer'; format: 'int32' | 'int64'; description?: string }
  | { type: 'number'; format: 'double'; description?: string }
  | { type: 'boolean'; description?: string }
  /** A reference to a named definition. */
  | { type: 'ref'; name: string; description?: string }
  | {
      type: 'array'
      items: Schema
      description?: string
      /** x-kubernetes-list-type */
      listType?: 'atomic' | 'set' | 'map'
      /** x-kubernetes-list-map-keys */
      listMapKeys?: string[]
      /** x-kubernetes-patch-strategy */
      patchStrategy?: PatchStrategy
      /** x-kubernetes-patch-merge-key */
      patchMergeKey?: string
    }
  | {
      type: 'map'
      values: Schema
      description?: string
      /** x-kubernetes-map-type */
      mapType?: 'atomic' | 'granular'
    }
  /** Free-form JSON (RawExtension, FieldsV1, JSON). */
  | { type: 'any'; description?: string }

export interface ObjectDefinition {
  type: 'object'
  description: string
  properties: Record<string, Schema>
  required?: string[]
  /** Top-level kinds carry x-kubernetes-group-version-kind. */
  gvk?: { group: string; version: string; kind: string }[]
  /** x-kubernetes-map-type: atomic (e.g. LabelSelector requirements) */
  mapType?: 'atomic' | 'granular'
  /** Property-level patch strategy for the whole struct (e.g. `retainKeys` on volume sources). */
  patchStrategy?: PatchStrategy
}

/** Scalars that upstream models as named string definitions (Quantity, Time, IntOrString …). */
export interface ScalarDefinition {
  type: 'scalar'
  description: string
  /** OpenAPI shape of the scalar. */
  openapi: { type?: 'string' | 'integer' | 'object'; format?: string; 'x-kubernetes-int-or-string'?: boolean; oneOf?: { type: string }[] }
}

export type Definition = ObjectDefinition | ScalarDefinition

export type Definitions = Record<string, Definition>

// ---- builders: keep definitions short to read ----

export const str = (description?: string, extra: { format?: string; enum?: string[] } = {}): Schema => ({ type: 'string', description, ...extra })
export const int32 = (description?: string): Schema => ({ type: 'integer', format: 'int32', description })
export const int64 = (description?: string): Schema => ({ type: 'integer', format: 'int64', description })
export const bool = (description?: string): Schema => ({ type: 'boolean', description })
export const double = (description?: string): Schema => ({ type: 'number', format: 'double', description })
export const ref = (name: string, description?: string): Schema => ({ type: 'ref', name, description })
export const any = (description?: string): Schema => ({ type: 'any', description })
export const mapOf = (values: Schema, description?: string, mapType?: 'atomic' | 'granular'): Schema => ({ type: 'map', values, description, mapType })
export const arrayOf = (
  items: Schema,
  description?: string,
  opts: { listType?: 'atomic' | 'set' | 'map'; listMapKeys?: string[]; patchStrategy?: PatchStrategy; patchMergeKey?: string } = {},
): Schema => ({ type: 'array', items, description, ...opts })

/** Follows `ref`s until a non-ref schema or a definition is reached. */
export const resolveRef = (defs: Definitions, schema: Schema): Schema | Definition => {
  let current: Schema | Definition = schema
  for (let hops = 0; current.type === 'ref'; hops++) {
    if (hops > 32) throw new Error(`schema: reference loop at ${current.name}`)
    const def: Definition | undefined = defs[current.name]
    if (!def) throw new Error(`schema: unknown definition ${current.name}`)
    current = def
  }
  return current
}
