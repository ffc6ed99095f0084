/**
 * Finds keys that appear twice in one JSON object, which JSON.parse silently
 * resolves to the last value. Strict decoding reports them as upstream does:
 * `duplicate field "metadata.name"` (paths as for unknown fields: keys joined
 * with `.`, list items as `[i]`). Hand-written because no JSON parser we have
 * reports duplicates; it only scans, so the body must already be valid JSON.
 */

const WS = new Set([0x20, 0x0a, 0x0d, 0x09])

export const findDuplicateFields = (text: string): string[] => {
  const found: string[] = []
  let i = 0
  const skipWs = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++
  }
  /** Moves past a string; returns its decoded text only when asked (keys). */
  const readString = (decode = true): string => {
    const start = i
    i++ // opening quote
    let escaped = false
    while (i < text.length) {
      const c = text[i++]
      if (escaped) escaped = false
      else if (c === '\\') escaped = true
      else if (c === '"') break
    }
    return decode ? (JSON.parse(text.slice(start, i)) as string) : ''
  }
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key)

  const value = (path: string): void => {
    skipWs()
    const c = text[i]
    if (c === '{') {
      i++
      const seen = new Set<string>()
      skipWs()
      if (text[i] === '}') {
        i++
        return
      }
      while (i < text.length) {
        skipWs()
        const key = readString()
        if (seen.has(key)) found.push(`duplicate field ${JSON.stringify(join(path, key))}`)
        seen.add(key)
        skipWs()
        i++ // colon
        value(join(path, key))
        skipWs()
        if (text[i++] === '}') return
      }
    } else if (c === '[') {
      i++
      skipWs()
      if (text[i] === ']') {
        i++
        return
      }
      for (let index = 0; i < text.length; index++) {
        value(`${path}[${index}]`)
        skipWs()
        if (text[i++] === ']') return
      }
    } else if (c === '"') {
      readString(false)
    } else {
      while (i < text.length && !',}] \n\r\t'.includes(text[i])) i++
    }
  }

  value('')
  return found
}
