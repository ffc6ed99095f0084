/**
 * Label selector requirements: construction with upstream's validation
 * (labels.NewRequirement), matching against a label set, and the canonical
 * string form. A selector is the AND of its requirements; no requirements
 * selects everything, `nothing` selects no object (a nil metav1.LabelSelector).
 */
import { fieldErrorBody, invalid, notSupported } from '../errors.ts'
import type { FieldError } from '../errors.ts'
import { isQualifiedName, isValidLabelValue } from '../validation/names.ts'

/** selection.Operator spellings. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt'

export const BINARY_OPERATORS: LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt']
const VALID_OPERATORS: LabelOperator[] = [...BINARY_OPERATORS, 'exists', '!']

export interface Requirement {
  key: string
  operator: LabelOperator
  values: string[]
}

export interface LabelSelector {
  requirements: Requirement[]
  /** Set only for the selector of a missing (nil) metav1.LabelSelector. */
  nothing?: true
}

export const everything = (): LabelSelector => ({ requirements: [] })
export const nothing = (): LabelSelector => ({ requirements: [], nothing: true })

const INT64 = /^[+-]?\d+$/
const MIN_INT64 = -(2n ** 63n)
const MAX_INT64 = 2n ** 63n - 1n

/** strconv.ParseInt(s, 10, 64), or undefined when Go would fail. */
export const parseInt64 = (s: string): bigint | undefined => {
  if (!INT64.test(s)) return undefined
  const n = BigInt(s)
  return n < MIN_INT64 || n > MAX_INT64 ? undefined : n
}

/** The key's own check, with the path the parser uses (`<nil>` when there is none, as upstream prints it). */
export const keyError = (key: string, path: string): FieldError | undefined => {
  const errs = isQualifiedName(key)
  return errs.length ? invalid(path, key, errs.join('; ')) : undefined
}

/**
 * NewRequirement: the requirement plus every field error found, in upstream's
 * order. `path` prefixes field names (empty at the top level).
 */
export const newRequirement = (key: string, operator: LabelOperator, values: string[], path = ''): { requirement: Requirement; errors: FieldError[] } => {
  const child = (name: string) => (path ? `${path}.${name}` : name)
  const errors: FieldError[] = []
  const keyErr = keyError(key, child('key'))
  if (keyErr) errors.push(keyErr)
  const valuePath = child('values')
  // Callers hand upstream a nil slice when there are no values, which renders as null.
  const shown = values.length === 0 ? null : values
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errors.push(invalid(valuePath, shown, "for 'in', 'notin' operators, values set can't be empty"))
      break
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errors.push(invalid(valuePath, shown, 'exact-match compatibility requires one single value'))
      break
    case 'exists':
    case '!':
      if (values.length !== 0) errors.push(invalid(valuePath, shown, 'values set must be empty for exists and does not exist'))
      break
    case 'gt':
    case 'lt':
      if (values.length !== 1) errors.push(invalid(valuePath, shown, "for 'Gt', 'Lt' operators, exactly one value is required"))
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errors.push(invalid(`${valuePath}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"))
      })
      break
    default:
      errors.push(notSupported(child('operator'), operator, VALID_OPERATORS))
  }
  values.forEach((v, i) => {
    const errs = isValidLabelValue(v)
    if (errs.length) errors.push(invalid(`${valuePath}[${i}][${key}]`, v, errs.join('; ')))
  })
  return { requirement: { key, operator, values }, errors }
}

/** utilerrors.NewAggregate(...).Error(): duplicates dropped, one text bare, several in brackets. */
export const aggregateText = (errors: FieldError[]): string => {
  // field.Error.Error() is always `<field>: <body>`, even for an empty field.
  const texts = [...new Set(errors.map((e) => `${e.field}: ${fieldErrorBody(e)}`))]
  return texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`
}

export const requirementMatches = (r: Requirement, labels: Record<string, string>): boolean => {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key)
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(labels[r.key])
    case 'notin':
    case '!=':
      return !has || !r.values.includes(labels[r.key])
    case 'exists':
      return has
    case '!':
      return !has
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false
      const actual = parseInt64(labels[r.key])
      const bound = parseInt64(r.values[0])
      if (actual === undefined || bound === undefined) return false
      return r.operator === 'gt' ? actual > bound : actual < bound
    }
  }
}

/** True when every requirement holds; a `nothing` selector matches no label set. */
export const matches = (selector: LabelSelector, labels: Record<string, string> | undefined): boolean => {
  if (selector.nothing) return false
  const set = labels ?? {}
  return selector.requirements.every((r) => requirementMatches(r, set))
}

const OPERATOR_TEXT: Record<LabelOperator, string> = {
  '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<', exists: '', '!': '',
}

/** Requirement.String(): `!k`, `k`, `k=v`, `k in (a,b)` with several values sorted. */
export const formatRequirement = (r: Requirement): string => {
  if (r.operator === '!') return `!${r.key}`
  if (r.operator === 'exists') return r.key
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',')
  const set = r.operator === 'in' || r.operator === 'notin'
  return `${r.key}${OPERATOR_TEXT[r.operator]}${set ? `(${values})` : values}`
}

export const formatLabelSelector = (selector: LabelSelector): string =>
  selector.nothing ? '' : selector.requirements.map(formatRequirement).join(',')

/** Upstream sorts requirements by key so that parsing is deterministic. */
export const sortByKey = (reqs: Requirement[]): Requirement[] =>
  [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
