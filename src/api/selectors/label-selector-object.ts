/**
 * metav1.LabelSelector (matchLabels + matchExpressions) as a LabelSelector,
 * as upstream's LabelSelectorAsSelector: a missing selector matches nothing,
 * an empty one everything. Invalid selectors throw a 400 BadRequest carrying
 * upstream's error text (callers such as the scheduler may catch it).
 */
import { badRequest } from '../errors.ts'
import { aggregateText, everything, newRequirement, nothing, sortByKey } from './requirement.ts'
import type { LabelOperator, LabelSelector, Requirement } from './requirement.ts'

export interface LabelSelectorRequirementObject {
  key: string
  operator: string
  values?: string[]
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>
  matchExpressions?: LabelSelectorRequirementObject[]
}

const OPERATORS: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' }

export const labelSelectorFromObject = (ps: LabelSelectorObject | null | undefined): LabelSelector => {
  if (ps === null || ps === undefined) return nothing()
  const labels = ps.matchLabels ?? {}
  const expressions = ps.matchExpressions ?? []
  if (Object.keys(labels).length + expressions.length === 0) return everything()
  const requirements: Requirement[] = []
  const add = (key: string, op: LabelOperator, values: string[]) => {
    const { requirement, errors } = newRequirement(key, op, values)
    if (errors.length) throw badRequest(aggregateText(errors))
    requirements.push(requirement)
  }
  // Go iterates the map in random order; sorting makes the reported error stable.
  for (const key of Object.keys(labels).sort()) add(key, '=', [labels[key]])
  for (const expr of expressions) {
    const op = OPERATORS[expr.operator]
    if (!op) throw badRequest(`${JSON.stringify(expr.operator)} is not a valid label selector operator`)
    add(expr.key, op, [...(expr.values ?? [])])
  }
  return { requirements: sortByKey(requirements) }
}
