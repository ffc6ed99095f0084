/**
 * Upstream's superset-based toleration merge (pkg/util/tolerations,
 * admission.md §5): `first ++ second`, in order, dropping every toleration
 * that another one already tolerates a superset of. Identical duplicates keep
 * their first occurrence; a narrower toleration is dropped even when it came
 * from the Pod. The result is undefined when nothing is left.
 */
import type { RuntimeClassToleration as Toleration } from '../../api/validation/runtimeclass.ts'

const field = (v: string | undefined) => v ?? ''

/** All five fields equal; tolerationSeconds by value, unset only equal to unset. */
export const sameToleration = (a: Toleration, b: Toleration): boolean =>
  field(a.key) === field(b.key) &&
  field(a.operator) === field(b.operator) &&
  field(a.value) === field(b.value) &&
  field(a.effect) === field(b.effect) &&
  (a.tolerationSeconds ?? null) === (b.tolerationSeconds ?? null)

/** Whether `s` tolerates at least every taint `t` tolerates. */
export const covers = (s: Toleration, t: Toleration): boolean => {
  if (sameToleration(s, t)) return true
  const wildcardKey = field(s.key) === '' && s.operator === 'Exists'
  if (field(t.key) !== field(s.key) && !wildcardKey) return false
  if (field(t.effect) !== field(s.effect) && field(s.effect) !== '') return false
  if (s.effect === 'NoExecute' && s.tolerationSeconds !== undefined && s.tolerationSeconds !== null) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null || t.tolerationSeconds > s.tolerationSeconds) return false
  }
  switch (field(s.operator)) {
    // Upstream treats an empty operator as Equal on the covering side only.
    case 'Equal':
    case '':
      return t.operator === 'Equal' && field(t.value) === field(s.value)
    case 'Exists':
      return true
    default:
      return false
  }
}

export const mergeTolerations = (first: readonly Toleration[] = [], second: readonly Toleration[] = []): Toleration[] | undefined => {
  const all = [...first, ...second]
  const merged: Toleration[] = []
  all.forEach((t, i) => {
    if (merged.some((kept) => covers(kept, t))) return
    if (all.slice(i + 1).some((later) => !sameToleration(t, later) && covers(later, t))) return
    merged.push(t)
  })
  return merged.length ? merged : undefined
}
