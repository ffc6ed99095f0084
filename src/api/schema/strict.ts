/**
 * Schema-driven walks over decoded JSON bodies:
 *
 * - `findUnknownFields`: the strict-decoding problems kube-apiserver reports for
 *   fieldValidation=Strict|Warn, as `unknown field "<path>"`, in body order. Paths
 *   join struct fields and map keys with `.` and list indices as `[i]`
 *   (`spec.containers[0].foo`, `overhead.cpu`), the format of upstream's JSON
 *   decoder; repeats are reported once and at most 100 problems are kept.
 * - `dropUnknownFields`: a copy without those fields (Ignore/Warn store this).
 * - `walkQuantities`: a copy with every Quantity value (ResourceList map values
 *   included) replaced by `fn(q)`; a JSON number in a quantity position is
 *   passed as its decimal string.
 *
 * Values of the wrong JSON type are left alone: type errors are not this
 * module's business. Free-form values (RawExtension, FieldsV1) are not entered.
 */
import { QUANTITY } from './definitions/meta-scalars.ts'
import { resolveRef, type Definition, type Definitions, type Schema } from './dsl.ts'

const MAX_ERRORS = 100

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The schema or definition that describes `value`, after following references. */
const shapeOf = (defs: Definitions, s: Schema | Definition): Schema | Definition => (s.type === 'ref' ? resolveRef(defs, s) : s)

const join = (path: string, key: string) => (path ? `${path}.${key}` : key)

const rootSchema = (defs: Definitions, name: string): Schema => {
  if (!defs[name]) throw new Error(`schema: unknown definition ${name}`)
  return { type: 'ref', name }
}

export const findUnknownFields = (defs: Definitions, rootDefinitionName: string, value: unknown): string[] => {
  const out: string[] = []
  const seen = new Set<string>()
  const report = (path: string) => {
    if (out.length >= MAX_ERRORS || seen.has(path)) return
    seen.add(path)
    out.push(`unknown field "${path}"`)
  }
  const walk = (s: Schema | Definition, v: unknown, path: string): void => {
    const shape = shapeOf(defs, s)
    if (shape.type === 'object') {
      if (!isObject(v)) return
      for (const [key, child] of Object.entries(v)) {
        const field = shape.properties[key]
        if (field) walk(field, child, join(path, key))
        else report(join(path, key))
      }
    } else if (shape.type === 'array') {
      if (Array.isArray(v)) v.forEach((item, i) => walk(shape.items, item, `${path}[${i}]`))
    } else if (shape.type === 'map') {
      if (isObject(v)) for (const [key, child] of Object.entries(v)) walk(shape.values, child, join(path, key))
    }
  }
  walk(rootSchema(defs, rootDefinitionName), value, '')
  return out
}

export const dropUnknownFields = (defs: Definitions, rootDefinitionName: string, value: unknown): unknown => {
  const walk = (s: Schema | Definition, v: unknown): unknown => {
    const shape = shapeOf(defs, s)
    if (shape.type === 'object') {
      if (!isObject(v)) return v
      const out: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(v)) {
        const field = shape.properties[key]
        if (field) setOwn(out, key, walk(field, child))
      }
      return out
    }
    if (shape.type === 'array') return Array.isArray(v) ? v.map((item) => walk(shape.items, item)) : v
    if (shape.type === 'map') return isObject(v) ? mapValues(v, (child) => walk(shape.values, child)) : v
    return v
  }
  return walk(rootSchema(defs, rootDefinitionName), value)
}

export const walkQuantities = (defs: Definitions, rootDefinitionName: string, value: unknown, fn: (q: string) => string): unknown => {
  const walk = (s: Schema | Definition, v: unknown, name: string | undefined): unknown => {
    if (s.type === 'ref') return walk(resolveRef(defs, s), v, lastRefName(defs, s))
    if (s.type === 'scalar') {
      if (name !== QUANTITY) return v
      if (typeof v === 'string') return fn(v)
      if (typeof v === 'number' && Number.isFinite(v)) return fn(String(v))
      return v
    }
    if (s.type === 'object') {
      if (!isObject(v)) return v
      const out: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(v)) {
        const field = s.properties[key]
        setOwn(out, key, field ? walk(field, child, undefined) : child)
      }
      return out
    }
    if (s.type === 'array') return Array.isArray(v) ? v.map((item) => walk(s.items, item, undefined)) : v
    if (s.type === 'map') return isObject(v) ? mapValues(v, (child) => walk(s.values, child, undefined)) : v
    return v
  }
  return walk(rootSchema(defs, rootDefinitionName), value, undefined)
}

/** Name of the definition a chain of references ends at. */
const lastRefName = (defs: Definitions, s: Schema): string | undefined => {
  let name: string | undefined
  let current: Schema | Definition = s
  while (current.type === 'ref') {
    name = current.name
    current = defs[current.name]
    if (!current) return undefined
  }
  return name
}

const mapValues = (v: Record<string, unknown>, fn: (child: unknown) => unknown): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(v)) setOwn(out, key, fn(child))
  return out
}

/** Plain assignment of `__proto__` would replace the prototype instead of copying the key. */
const setOwn = (out: Record<string, unknown>, key: string, value: unknown) => {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  else out[key] = value
}
