/**
 * Ages as kubectl shows them: apimachinery duration.HumanDuration (two
 * significant units, coarser as the span grows) and the printers'
 * translateTimestampSince (`<unknown>` for a missing or zero timestamp).
 */

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** HumanDuration of a span in milliseconds. */
export const humanDuration = (ms: number): string => {
  // Go truncates toward zero; up to 2 s in the future still reads as "0s" (clock skew).
  const seconds = Math.trunc(ms / SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.trunc(ms / MINUTE)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = Math.trunc(ms / HOUR)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  const days = Math.trunc(hours / 24)
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${days}d` : `${days}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${days}d`
  const years = Math.trunc(days / 365)
  if (hours < 24 * 365 * 8) {
    const dy = days % 365
    return dy === 0 ? `${years}y` : `${years}y${dy}d`
  }
  return `${years}y`
}

const FRACTION = /\.(\d+)(?=Z|[+-]\d\d:\d\d$)/

/**
 * Milliseconds since the epoch for a metav1.Time / MicroTime string, or
 * undefined for a missing or zero (`0001-01-01T00:00:00Z`) timestamp.
 */
export const parseTimestamp = (ts: unknown): number | undefined => {
  if (typeof ts !== 'string' || ts === '') return undefined
  // MicroTime carries microseconds; Date wants at most milliseconds.
  const t = Date.parse(ts.replace(FRACTION, (_, f: string) => `.${f.slice(0, 3).padEnd(3, '0')}`))
  if (Number.isNaN(t) || new Date(t).getUTCFullYear() <= 1) return undefined
  return t
}

/** translateTimestampSince: the age of `ts` at `now`, `<unknown>` when unset. */
export const timestampSince = (ts: unknown, now: Date): string => {
  const t = parseTimestamp(ts)
  return t === undefined ? '<unknown>' : humanDuration(now.getTime() - t)
}
