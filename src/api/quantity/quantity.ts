/**
 * Kubernetes resource.Quantity (apimachinery pkg/api/resource), exact with BigInt.
 *
 * Contract:
 * - parseQuantity(s) accepts what upstream ParseQuantity accepts and throws an Error with
 *   upstream's exact message otherwise (QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR,
 *   QUANTITY_NUMERIC_ERROR).
 * - String(q) / JSON is what the API server writes back: the input text itself when upstream
 *   keeps it (its parse fast path remembers "already canonical" strings, e.g. "100m", "1e3",
 *   and quirks such as "100.035k" or "+1"), otherwise the canonical form ("0.1" → "100m",
 *   "1.5Gi" → "1536Mi", "1000m" → "1").
 * - Values are rounded up (away from zero) to nano precision on parse; BinarySI values are
 *   capped at 2^63-1 like upstream.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent'

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${SPLIT_RE}'`
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity'
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix"

const MAX_INT64 = (1n << 63n) - 1n
const NANO = -9
const SUFFIX_CHARS = 'eEinumkKMGTP'
const DIGITS = '0123456789'

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }
const DECIMAL_BY_EXP = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]))
const BINARY_BY_EXP = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]))

const pow10 = (n: number): bigint => 10n ** BigInt(n)
const abs = (n: bigint): bigint => (n < 0n ? -n : n)

/** Integer division rounding away from zero (upstream's "round up"). */
const divAwayFromZero = (n: bigint, d: bigint): bigint => {
  const q = n / d
  if (q * d === n) return q
  return n < 0n ? q - 1n : q + 1n
}

export class Quantity {
  /** The value is unscaled × 10^exp. */
  readonly unscaled: bigint
  readonly exp: number
  readonly format: QuantityFormat
  /** The text upstream would keep from parsing (its `s` field), if any. */
  readonly #kept: string | undefined

  constructor(unscaled: bigint, exp = 0, format: QuantityFormat = 'DecimalSI', kept?: string) {
    this.unscaled = unscaled
    this.exp = exp
    this.format = format
    this.#kept = kept
  }

  static fromInt(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), 0, format)
  }

  static fromMilli(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), -3, format)
  }

  isZero(): boolean {
    return this.unscaled === 0n
  }

  sign(): -1 | 0 | 1 {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1
  }

  cmp(other: Quantity): -1 | 0 | 1 {
    const e = Math.min(this.exp, other.exp)
    const a = this.unscaled * pow10(this.exp - e)
    const b = other.unscaled * pow10(other.exp - e)
    return a === b ? 0 : a < b ? -1 : 1
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0
  }

  /** Sum; like upstream Add, a zero receiver takes the other's format. */
  add(other: Quantity): Quantity {
    const e = Math.min(this.exp, other.exp)
    const sum = this.unscaled * pow10(this.exp - e) + other.unscaled * pow10(other.exp - e)
    return new Quantity(sum, e, this.isZero() ? other.format : this.format)
  }

  sub(other: Quantity): Quantity {
    return this.add(other.neg())
  }

  neg(): Quantity {
    return new Quantity(-this.unscaled, this.exp, this.format)
  }

  withFormat(format: QuantityFormat): Quantity {
    return new Quantity(this.unscaled, this.exp, format)
  }

  /** ceil(q / 10^scale), rounded away from zero, exact. */
  scaledValue(scale: number): bigint {
    const shift = this.exp - scale
    if (shift >= 0) return this.unscaled * pow10(shift)
    return divAwayFromZero(this.unscaled, pow10(-shift))
  }

  /** Upstream Value(): the integer value rounded up away from zero. */
  value(): number {
    return Number(this.scaledValue(0))
  }

  /** Upstream MilliValue(): ceil(q × 1000). */
  milliValue(): number {
    return Number(this.scaledValue(-3))
  }

  /** Upstream's integer check for integer resources: MilliValue() % 1000 == 0. */
  isInteger(): boolean {
    return this.scaledValue(-3) % 1000n === 0n
  }

  /** The canonical form, ignoring any text kept from parsing (upstream CanonicalizeBytes). */
  canonical(): string {
    if (this.isZero()) return '0'
    let format = this.format
    if (format === 'BinarySI') {
      const v = this.scaledValue(0)
      const exact = this.cmp(new Quantity(v)) === 0
      // Small or fractional binary values are shown in decimal so nothing is rounded away.
      if ((this.cmp(Quantity.fromInt(-1024)) > 0 && this.cmp(Quantity.fromInt(1024)) < 0) || !exact) {
        format = 'DecimalSI'
      } else {
        let m = v
        let times = 0
        while (m !== 0n && m % 1024n === 0n) {
          m /= 1024n
          times++
        }
        return m.toString() + (BINARY_BY_EXP.get(times * 10) ?? '')
      }
    }
    let m = this.unscaled
    let e = this.exp
    while (m % 10n === 0n) {
      m /= 10n
      e++
    }
    while (e % 3 !== 0) {
      m *= 10n
      e--
    }
    // Exponents without an SI suffix lose their suffix upstream too.
    const suffix = format === 'DecimalSI' ? (DECIMAL_BY_EXP.get(e) ?? '') : e === 0 ? '' : `e${e}`
    return m.toString() + suffix
  }

  /** What upstream serializes: the kept text, else the canonical form. */
  toString(): string {
    return this.#kept ?? this.canonical()
  }

  toJSON(): string {
    return this.toString()
  }
}

interface Scanned {
  positive: boolean
  value: string
  num: string
  denom: string
  suffix: string
}

/** Upstream parseQuantityString: splits sign, integer digits, fraction digits and suffix. */
const scan = (str: string): Scanned => {
  const end = str.length
  let pos = 0
  let positive = true
  if (str[0] === '-') {
    positive = false
    pos++
  } else if (str[0] === '+') {
    pos++
  }
  while (pos < end && str[pos] === '0') pos++
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' }

  let i = pos
  while (i < end && DIGITS.includes(str[i])) i++
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' }
  const num = str.slice(pos, i) || '0'
  pos = i

  let denom = ''
  if (str[pos] === '.') {
    pos++
    i = pos
    while (i < end && DIGITS.includes(str[i])) i++
    denom = str.slice(pos, i)
    if (i >= end) return { positive, value: str, num, denom, suffix: '' }
    pos = i
  }
  const value = str.slice(0, pos)

  const suffixStart = pos
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++
  while (pos < end && DIGITS.includes(str[pos])) pos++
  if (pos < end) throw new Error(QUANTITY_FORMAT_ERROR)
  return { positive, value, num, denom, suffix: str.slice(suffixStart) }
}

interface Suffix {
  base: 2 | 10
  exponent: number
  format: QuantityFormat
}

const interpretSuffix = (s: string): Suffix => {
  if (s in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[s], format: 'DecimalSI' }
  if (s in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[s], format: 'BinarySI' }
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const exponent = Number(s.slice(1))
    if (Number.isSafeInteger(exponent)) return { base: 10, exponent, format: 'DecimalExponent' }
  }
  throw new Error(QUANTITY_SUFFIX_ERROR)
}

/** Parses a decimal like "-12.5" (sign, digits, one optional dot) into unscaled × 10^exp. */
const parseDecimal = (value: string): { unscaled: bigint; exp: number } => {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value)
  if (!m || (m[2] + (m[3] ?? '')).length === 0) throw new Error(QUANTITY_NUMERIC_ERROR)
  const frac = m[3] ?? ''
  const unscaled = BigInt(m[2] + frac)
  return { unscaled: m[1] === '-' ? -unscaled : unscaled, exp: -frac.length }
}

export const parseQuantity = (str: string): Quantity => {
  if (str.length === 0) throw new Error(QUANTITY_FORMAT_ERROR)
  if (str === '0') return new Quantity(0n, 0, 'DecimalSI', str)

  const { positive, value, num, denom, suffix } = scan(str)
  const { base, exponent, format } = interpretSuffix(suffix)

  // Upstream's int64 fast path; besides speed it decides whether the input text is kept.
  let precision = -1
  let scale = 0
  let mantissa = 1n
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent)
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1
    }
  } else {
    scale = exponent
    precision = 18 - (num.length + denom.length)
  }
  if (precision >= 0) {
    scale -= denom.length
    if (scale >= NANO) {
      const shifted = num + denom
      const v = BigInt(shifted)
      const product = v * mantissa
      if (product <= MAX_INT64) {
        const result = positive ? product : -product
        const keep =
          format === 'BinarySI'
            ? exponent % 10 === 0 && (v & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0'
        return new Quantity(result, scale, format, keep ? str : undefined)
      }
    }
  }

  let { unscaled, exp } = parseDecimal(value)
  if (base === 10) exp += exponent
  else unscaled *= 1n << BigInt(exponent)

  const negative = unscaled < 0n
  unscaled = abs(unscaled)
  // Round non-zero magnitudes up to nano: asking for a tiny amount still gets some.
  if (unscaled !== 0n && exp < NANO) {
    unscaled = divAwayFromZero(unscaled, pow10(NANO - exp))
    exp = NANO
  }
  let outFormat = format
  if (format === 'BinarySI') {
    const q = new Quantity(unscaled, exp)
    if (q.cmp(Quantity.fromInt(MAX_INT64)) > 0) {
      unscaled = MAX_INT64
      exp = 0
    } else if (q.sign() > 0 && q.cmp(Quantity.fromInt(1)) < 0) {
      outFormat = 'DecimalSI'
    }
  }
  return new Quantity(negative ? -unscaled : unscaled, exp, outFormat)
}

/** Parses, or returns undefined when upstream would reject the text. */
export const tryParseQuantity = (str: string): Quantity | undefined => {
  try {
    return parseQuantity(str)
  } catch {
    return undefined
  }
}

/** What the API server writes back for this quantity text. */
export const canonicalizeQuantity = (str: string): string => parseQuantity(str).toString()

export const compareQuantities = (a: string, b: string): -1 | 0 | 1 => parseQuantity(a).cmp(parseQuantity(b))
