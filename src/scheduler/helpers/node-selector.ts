/**
 * Node selector terms (component-helpers nodeaffinity): terms are ORed,
 * requirements within a term ANDed. matchExpressions use In, NotIn, Exists,
 * DoesNotExist, Gt, Lt against labels; matchFields only `metadata.name` with
 * In/NotIn and one value. A term that is empty or invalid matches nothing
 * (upstream drops it with an error and never matches it).
 */
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../framework/pod-info.ts'

const INT64 = /^[+-]?\d+$/
const toInt = (s: string): bigint | undefined => (INT64.test(s) ? BigInt(s) : undefined)

/** true / false, or undefined when the requirement is invalid. */
export const matchExpression = (r: NodeSelectorRequirement, labels: Record<string, string>): boolean | undefined => {
  const values = r.values ?? []
  const has = Object.prototype.hasOwnProperty.call(labels, r.key)
  switch (r.operator) {
    case 'In':
      if (!values.length) return undefined
      return has && values.includes(labels[r.key])
    case 'NotIn':
      if (!values.length) return undefined
      return !has || !values.includes(labels[r.key])
    case 'Exists':
      if (values.length) return undefined
      return has
    case 'DoesNotExist':
      if (values.length) return undefined
      return !has
    case 'Gt':
    case 'Lt': {
      const want = values.length === 1 ? toInt(values[0]) : undefined
      if (want === undefined) return undefined
      const got = has ? toInt(labels[r.key]) : undefined
      if (got === undefined) return false
      return r.operator === 'Gt' ? got > want : got < want
    }
    default:
      return undefined
  }
}

const matchField = (r: NodeSelectorRequirement, nodeName: string): boolean | undefined => {
  if (r.key !== 'metadata.name' || (r.values ?? []).length !== 1) return undefined
  if (r.operator === 'In') return nodeName === r.values![0]
  if (r.operator === 'NotIn') return nodeName !== r.values![0]
  return undefined
}

export const matchTerm = (term: NodeSelectorTerm, labels: Record<string, string>, nodeName: string): boolean => {
  const exprs = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (!exprs.length && !fields.length) return false
  for (const r of exprs) if (matchExpression(r, labels) !== true) return false
  for (const r of fields) if (matchField(r, nodeName) !== true) return false
  return true
}

export const matchAnyTerm = (terms: readonly NodeSelectorTerm[], labels: Record<string, string>, nodeName: string): boolean =>
  terms.some((t) => matchTerm(t, labels, nodeName))
