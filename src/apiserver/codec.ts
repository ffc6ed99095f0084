/**
 * Decoding a client's object into storage form and encoding stored objects into
 * the version a client asked for. Decoding checks apiVersion/kind against the
 * endpoint, applies fieldValidation (Strict → 400, Warn → warnings, Ignore),
 * canonicalizes quantities, converts to the storage version and defaults.
 */
import { badRequest } from '../api/errors.ts'
import { apiVersionOf, parseApiVersion, type KubeObject } from '../api/meta.ts'
import type { ResourceDef, VersionDef } from '../api/resources/index.ts'
import { canonicalizeQuantity } from '../api/quantity/quantity.ts'
import { definitions } from '../api/schema/index.ts'
import { dropUnknownFields, findUnknownFields, walkQuantities } from '../api/schema/strict.ts'
import { findDuplicateFields } from '../api/schema/duplicate-fields.ts'
import { sourceJsonOf } from './body.ts'

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore'

export const fieldValidationOf = (query: URLSearchParams): FieldValidation => {
  const v = query.get('fieldValidation') ?? 'Warn'
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore') {
    throw badRequest(`fieldValidation parameter unsupported: ${v}; supported values: "Ignore", "Strict", "Warn"`)
  }
  return v
}

const cannotHandle = (def: ResourceDef, kind: string, version: string, detail: string) =>
  badRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${def.kind}: ${detail}`)

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Turns a parsed body into a storage-form object of `def`. `warnings` collects
 * unknown-field warnings under fieldValidation=Warn.
 */
export const decodeObject = (
  def: ResourceDef,
  version: VersionDef,
  raw: unknown,
  validation: FieldValidation,
  warnings: string[],
): KubeObject => {
  const expected = apiVersionOf(def.group, version.version)
  if (!isPlainObject(raw)) {
    throw badRequest(`the object provided is unrecognized (must be of type ${def.kind}): couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(raw) ? 'array' : typeof raw} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`)
  }
  const kind = typeof raw.kind === 'string' && raw.kind ? raw.kind : def.kind
  const apiVersion = typeof raw.apiVersion === 'string' && raw.apiVersion ? raw.apiVersion : expected
  const { version: bodyVersion } = parseApiVersion(apiVersion)
  if (kind !== def.kind) throw cannotHandle(def, kind, bodyVersion, `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(expected)}`)
  if (apiVersion !== expected) {
    throw badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${expected})`)
  }
  let obj = raw as Record<string, unknown>
  const source = validation === 'Ignore' ? undefined : sourceJsonOf(raw)
  const unknown = [...findUnknownFields(definitions, version.definition, obj), ...(source ? findDuplicateFields(source) : [])]
  if (unknown.length) {
    if (validation === 'Strict') throw cannotHandle(def, kind, bodyVersion, `strict decoding error: ${unknown.join(', ')}`)
    if (validation === 'Warn') warnings.push(...unknown)
    obj = dropUnknownFields(definitions, version.definition, obj) as Record<string, unknown>
  }
  try {
    obj = walkQuantities(definitions, version.definition, obj, canonicalizeQuantity) as Record<string, unknown>
  } catch (err) {
    throw cannotHandle(def, kind, bodyVersion, (err as Error).message)
  }
  if (!isPlainObject(obj.metadata)) obj.metadata = {}
  let out = { ...obj } as KubeObject
  if (version.toStorage) out = version.toStorage(out)
  out.apiVersion = apiVersionOf(def.group, def.versions[0].version)
  out.kind = def.kind
  def.defaults?.(out)
  return out
}

/** The stored object as the client's version shows it: `kind` and `apiVersion` first, like Go's encoder. */
export const encodeObject = (def: ResourceDef, version: VersionDef, obj: KubeObject): KubeObject => {
  const { apiVersion: _a, kind: _k, ...rest } = obj
  const converted = version.fromStorage ? version.fromStorage(rest as KubeObject) : rest
  return { kind: def.kind, apiVersion: apiVersionOf(def.group, version.version), ...converted } as KubeObject
}

/**
 * JSON of a stored object as a list item of `version`, cached per stored value:
 * values are immutable, so a LIST serializes each object once per version, not
 * once per request (LIST of 10k pods is dominated by serialization otherwise).
 */
const itemJsonCache = new WeakMap<object, Map<VersionDef, string>>()

export const listItemJson = (def: ResourceDef, version: VersionDef, value: object, obj: KubeObject): string => {
  let perVersion = itemJsonCache.get(value)
  if (!perVersion) itemJsonCache.set(value, (perVersion = new Map()))
  let json = perVersion.get(version)
  if (json === undefined) {
    const { kind: _k, apiVersion: _a, ...rest } = encodeObject(def, version, obj)
    json = JSON.stringify(rest)
    perVersion.set(version, json)
  }
  return json
}
