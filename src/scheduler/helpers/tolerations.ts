/**
 * Taint/toleration matching as core/v1 toleration.go: a toleration tolerates a
 * taint when its effect is empty or equal, its key is empty or equal, and then
 * `Exists` matches any value while `Equal` (or empty) needs equal values.
 */
import type { Taint } from '../framework/node-info.ts'
import type { Toleration } from '../framework/pod-info.ts'

export const toleratesTaint = (t: Toleration, taint: Taint): boolean => {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  switch (t.operator ?? '') {
    case 'Exists':
      return true
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '')
    default:
      return false
  }
}

export const tolerated = (taint: Taint, tolerations: readonly Toleration[] | undefined): boolean =>
  (tolerations ?? []).some((t) => toleratesTaint(t, taint))

/** The first taint (in node order) passing `include` that no toleration tolerates. */
export const firstUntoleratedTaint = (
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
  include: (t: Taint) => boolean,
): Taint | undefined => taints.find((taint) => include(taint) && !tolerated(taint, tolerations))
