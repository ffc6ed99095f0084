/**
 * Tolerations and taints (core validation ValidateTolerations, validateNodeTaints,
 * validateTaintEffect), in upstream check order (validation.md §5). Struct values are rendered
 * in the 1.34+ JSON form of the internal type, with Go field names.
 */
import type { FieldError } from '../errors.ts'
import { invalid, notSupported, required } from '../errors.ts'
import { child, index } from './field-path.ts'
import { isQualifiedName, isValidLabelValue } from './names.ts'
import { list, num, obj, str } from './values.ts'

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']
export const TOLERATION_OPERATORS = ['Equal', 'Exists']

/** The internal core.Toleration as upstream's 1.34+ error rendering shows it. */
export interface GoToleration {
  Key: string
  Operator: string
  Value: string
  Effect: string
  TolerationSeconds: number | null
}

export const goToleration = (raw: unknown): GoToleration => {
  const t = obj(raw)
  return {
    Key: str(t.key),
    Operator: str(t.operator),
    Value: str(t.value),
    Effect: str(t.effect),
    TolerationSeconds: num(t.tolerationSeconds) ?? null,
  }
}

export const validateTaintEffect = (effect: string, allowEmpty: boolean, path: string): FieldError[] => {
  if (!allowEmpty && effect === '') return [required(path)]
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)]
}

export const validateTolerations = (tolerations: unknown, path: string): FieldError[] => {
  const errs: FieldError[] = []
  list(tolerations).forEach((raw, i) => {
    const t = goToleration(raw)
    const p = index(path, i)
    if (t.Key) for (const msg of isQualifiedName(t.Key)) errs.push(invalid(child(p, 'key'), t.Key, msg))
    if (!t.Key && t.Operator !== 'Exists') {
      errs.push(
        invalid(child(p, 'operator'), t.Operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'),
      )
    }
    if (t.TolerationSeconds !== null && t.Effect !== 'NoExecute') {
      errs.push(invalid(child(p, 'effect'), t.Effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"))
    }
    switch (t.Operator) {
      case 'Equal':
      case '': {
        // Upstream reports a bad value at the operator path.
        const msgs = isValidLabelValue(t.Value)
        if (msgs.length) errs.push(invalid(child(p, 'operator'), t.Value, msgs.join(';')))
        break
      }
      case 'Exists':
        if (t.Value) errs.push(invalid(child(p, 'operator'), t, "value must be empty when `operator` is 'Exists'"))
        break
      default:
        errs.push(notSupported(child(p, 'operator'), t.Operator, TOLERATION_OPERATORS))
    }
    if (t.Effect) errs.push(...validateTaintEffect(t.Effect, true, child(p, 'effect')))
  })
  return errs
}

/** Node taints; keys must be unique per effect. */
export const validateTaints = (taints: unknown, path: string): FieldError[] => {
  const errs: FieldError[] = []
  const seen = new Map<string, Set<string>>()
  list(taints).forEach((raw, i) => {
    const t = obj(raw)
    const taint = { Key: str(t.key), Value: str(t.value), Effect: str(t.effect), TimeAdded: str(t.timeAdded) || null }
    const p = index(path, i)
    for (const msg of isQualifiedName(taint.Key)) errs.push(invalid(child(p, 'key'), taint.Key, msg))
    const valueMsgs = isValidLabelValue(taint.Value)
    if (valueMsgs.length) errs.push(invalid(child(p, 'value'), taint.Value, valueMsgs.join(';')))
    errs.push(...validateTaintEffect(taint.Effect, false, child(p, 'effect')))
    const keys = seen.get(taint.Effect) ?? new Set<string>()
    if (keys.has(taint.Key)) {
      errs.push({ type: 'FieldValueDuplicate', field: p, value: taint, detail: 'taints must be unique by key and effect pair' })
      return
    }
    keys.add(taint.Key)
    seen.set(taint.Effect, keys)
  })
  return errs
}
