/**
 * The `fieldSelector` query parameter (apimachinery fields.ParseSelector):
 * comma-separated `field=value`, `field==value`, `field!=value` terms, values
 * escaped with `\` (`\,`, `\=`, `\\`). Terms are kept sorted, as upstream
 * sorts them, so the first reported error is the same. A missing field reads
 * as "" when matching. Errors throw 400 BadRequest with upstream's message.
 */
import { badRequest } from '../errors.ts'

export interface FieldRequirement {
  field: string
  /** `==` parses to `=`, as upstream's hasTerm. */
  operator: '=' | '!='
  value: string
}

export type FieldSelector = FieldRequirement[]

/** Splits on commas that are not escaped. */
const splitTerms = (s: string): string[] => {
  if (s === '') return []
  const terms: string[] = []
  let start = 0
  let inSlash = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (inSlash) inSlash = false
    else if (c === '\\') inSlash = true
    else if (c === ',') {
      terms.push(s.slice(start, i))
      start = i + 1
    }
  }
  terms.push(s.slice(start))
  return terms
}

const OPERATORS = ['!=', '==', '='] as const

// The first operator found scanning left to right splits the term; the field name is never escaped.
const splitTerm = (term: string): { lhs: string; op: (typeof OPERATORS)[number]; rhs: string } | undefined => {
  for (let i = 0; i < term.length; i++) {
    const rest = term.slice(i)
    for (const op of OPERATORS) {
      if (rest.startsWith(op)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) }
    }
  }
  return undefined
}

/** fields.UnescapeValue; returns upstream's error text on failure. */
export const unescapeValue = (s: string): { value: string } | { error: string } => {
  if (!/[\\,=]/.test(s)) return { value: s }
  let out = ''
  let inSlash = false
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') return { error: `invalid field selector: invalid escape sequence: \\${c}` }
      out += c
      inSlash = false
    } else if (c === '\\') {
      inSlash = true
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. as its number.
      return { error: `invalid field selector: unescaped character in value: ${c.codePointAt(0)}` }
    } else {
      out += c
    }
  }
  if (inSlash) return { error: 'invalid field selector: invalid escape sequence: \\' }
  return { value: out }
}

/** fields.EscapeValue: the inverse of unescapeValue. */
export const escapeValue = (s: string): string => s.replace(/[\\,=]/g, (c) => `\\${c}`)

export const parseFieldSelector = (selector: string): FieldSelector => {
  const parts = splitTerms(selector).sort()
  const reqs: FieldSelector = []
  for (const part of parts) {
    if (part === '') continue
    const term = splitTerm(part)
    if (!term) throw badRequest(`invalid selector: '${selector}'; can't understand '${part}'`)
    const unescaped = unescapeValue(term.rhs)
    if ('error' in unescaped) throw badRequest(unescaped.error)
    reqs.push({ field: term.lhs, operator: term.op === '!=' ? '!=' : '=', value: unescaped.value })
  }
  return reqs
}

export const matchesFields = (selector: FieldSelector, fields: Record<string, string>): boolean =>
  selector.every(({ field, operator, value }) => {
    const actual = Object.prototype.hasOwnProperty.call(fields, field) ? fields[field] : ''
    return operator === '=' ? actual === value : actual !== value
  })

/** Selector.String(): terms joined by commas with values escaped. */
export const formatFieldSelector = (selector: FieldSelector): string =>
  selector.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',')

export { fieldsOf, supportedFieldLabels, validateFieldSelector } from './field-labels.ts'
