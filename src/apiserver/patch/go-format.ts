/**
 * Go's `%v` and `reflect.TypeOf` renderings of decoded JSON values. Upstream
 * puts these into patch error messages (`map: map[image:x] does not contain
 * declared merge key: name`), and those texts reach the client verbatim.
 */

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Go prints float64 with the shortest %g form; integers (decoded as int64 upstream) plainly. */
const goNumber = (n: number): string => {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return String(n)
  const exp = Math.floor(Math.log10(Math.abs(n)))
  if (exp < -4 || exp >= 21) {
    const [mantissa, e] = n.toExponential().split('e')
    const sign = e.startsWith('-') ? '-' : '+'
    const digits = e.replace(/^[-+]/, '').padStart(2, '0')
    return `${mantissa}e${sign}${digits}`
  }
  return String(n)
}

/** `fmt.Sprintf("%v", v)` for a value decoded from JSON into interface{}. */
export const goValue = (v: unknown): string => {
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'string') return v
  if (typeof v === 'number') return goNumber(v)
  if (typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`
  if (isPlainObject(v)) {
    // Go's fmt sorts map keys.
    const keys = Object.keys(v).sort()
    return `map[${keys.map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`
  }
  return String(v)
}

/** `reflect.TypeOf(v).String()` for a decoded JSON value (numbers as int64/float64, like PreserveInts). */
export const goTypeName = (v: unknown): string => {
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64'
  if (Array.isArray(v)) return '[]interface {}'
  return 'map[string]interface {}'
}

/** The word encoding/json uses in `cannot unmarshal X into Go value of type …`. */
export const jsonKindWord = (v: unknown): string => {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'object') return 'object'
  return typeof v // string, number, boolean
}

export { isPlainObject }
