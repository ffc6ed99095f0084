/**
 * The overhead half of RuntimeClass admission (admission.md §3, §6):
 * setOverhead (mutating) copies `overhead.podFixed` into `spec.overhead`,
 * refusing a preset overhead that differs; validateOverhead (validating)
 * refuses a Pod whose overhead no class justifies. Both throw a 403.
 */
import type { KubeObject } from '../../api/meta.ts'
import { admissionForbidden } from '../errors.ts'
import type { AdmissionAttributes } from '../interface.ts'
import { canonicalResources, isEmptyResources, podSpec, sameResources, type RuntimeClassObject } from './pod-spec.ts'

export const OVERHEAD_MISMATCH = "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead"
export const OVERHEAD_WITHOUT_CLASS = 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead'

export const setOverhead = (attrs: AdmissionAttributes, pod: KubeObject, rc: RuntimeClassObject | undefined): void => {
  if (!rc?.overhead) return
  const spec = podSpec(pod)
  const podFixed = rc.overhead.podFixed
  if (!isEmptyResources(spec.overhead) && !sameResources(podFixed, spec.overhead)) throw admissionForbidden(attrs, OVERHEAD_MISMATCH)
  if (isEmptyResources(podFixed)) delete spec.overhead
  else spec.overhead = canonicalResources(podFixed!)
}

export const validateOverhead = (attrs: AdmissionAttributes, pod: KubeObject, rc: RuntimeClassObject | undefined): void => {
  const spec = podSpec(pod)
  if (isEmptyResources(spec.overhead)) return
  if (!rc?.overhead) throw admissionForbidden(attrs, OVERHEAD_WITHOUT_CLASS)
  if (!sameResources(rc.overhead.podFixed, spec.overhead)) throw admissionForbidden(attrs, OVERHEAD_MISMATCH)
}
