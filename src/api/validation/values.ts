/**
 * Safe readers for plain JSON objects handed to validation. Decoding has already checked types,
 * but validation must not throw on odd input, so each reader falls back to Go's zero value.
 */

export type Json = Record<string, unknown>

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export const obj = (v: unknown): Json => (isObject(v) ? v : {})

export const str = (v: unknown): string => (typeof v === 'string' ? v : '')

export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)

export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** A string map (labels, nodeSelector); non-string values read as "". */
export const strMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).map(([k, val]) => [k, str(val)]))

/**
 * Semantic equality like apimachinery's: nil and empty slices/maps compare equal. Absent and ""
 * compare equal too (a Go string field has no "unset"); absent and `{}` are treated alike as well,
 * which is looser than Go for pointer-to-struct fields.
 */
export const semanticEqual = (a: unknown, b: unknown): boolean => {
  const empty = (v: unknown) =>
    v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0)
  if (empty(a) && empty(b)) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every((k) => semanticEqual(a[k], b[k]))
  }
  return a === b
}
