/**
 * The scheduling half of RuntimeClass admission (admission.md §4): the
 * class's `scheduling.nodeSelector` is merged into the Pod's (a key with a
 * different value rejects the Pod with upstream's conflict text) and its
 * tolerations are merged with upstream's superset merge. Only
 * `spec.nodeSelector` is touched, never node affinity.
 */
import type { KubeObject } from '../../api/meta.ts'
import { admissionForbidden } from '../errors.ts'
import type { AdmissionAttributes } from '../interface.ts'
import { mergeTolerations } from './merge-tolerations.ts'
import { podSpec, type RuntimeClassObject } from './pod-spec.ts'

export const nodeSelectorConflict = (key: string, rcValue: string, podValue: string) =>
  `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${rcValue}; pod.spec.nodeSelector[${key}] = ${podValue}`

export const setScheduling = (attrs: AdmissionAttributes, pod: KubeObject, rc: RuntimeClassObject | undefined): void => {
  const scheduling = rc?.scheduling
  if (!scheduling) return
  const spec = podSpec(pod)
  const rcSelector = scheduling.nodeSelector ?? undefined

  let selector: Record<string, string> | undefined
  if (spec.nodeSelector == null) {
    selector = rcSelector && { ...rcSelector }
  } else {
    selector = { ...spec.nodeSelector }
    for (const [key, rcValue] of Object.entries(rcSelector ?? {})) {
      const podValue = selector[key]
      if (podValue !== undefined && podValue !== rcValue) throw admissionForbidden(attrs, nodeSelectorConflict(key, rcValue, podValue))
      selector[key] = rcValue
    }
  }
  const tolerations = mergeTolerations(spec.tolerations ?? [], scheduling.tolerations ?? [])

  if (selector) spec.nodeSelector = selector
  else delete spec.nodeSelector
  if (tolerations) spec.tolerations = tolerations
  else delete spec.tolerations
}
