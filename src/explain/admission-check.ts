/**
 * The admission step of the chain, reconstructed by comparing the stored Pod
 * with its RuntimeClass: the RuntimeClass admission plugin copied
 * `overhead.podFixed` into `spec.overhead`, merged `scheduling.nodeSelector`
 * into `spec.nodeSelector` and `scheduling.tolerations` into
 * `spec.tolerations` when the Pod was created. A difference now means the
 * class changed after the Pod was admitted (admission runs once, at create).
 */
import { compareQuantities } from '../api/quantity/quantity.ts'
import { covers } from '../admission/runtimeclass/merge-tolerations.ts'
import type { Pod, RuntimeClass, Step, Toleration } from './types.ts'

type CoverToleration = Parameters<typeof covers>[0]

export const formatResources = (r: Record<string, string | number> | undefined): string =>
  Object.entries(r ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')

export const formatToleration = (t: Toleration): string => {
  const op = t.operator === 'Exists' ? '' : `=${t.value ?? ''}`
  return `${t.key || '*'}${t.operator === 'Exists' ? ' (Exists)' : op}${t.effect ? `:${t.effect}` : ''}`
}

const sameQuantities = (a: Record<string, string> = {}, b: Record<string, string> = {}): boolean => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) {
    if (a[k] === undefined || b[k] === undefined) return false
    try {
      if (compareQuantities(String(a[k]), String(b[k])) !== 0) return false
    } catch {
      if (String(a[k]) !== String(b[k])) return false
    }
  }
  return true
}

export const admissionStep = (pod: Pod, rc: RuntimeClass | 'NotFound' | undefined): Step => {
  const title = 'Admission'
  if (!pod.spec.runtimeClassName) {
    const facts = pod.spec.overhead ? [`spec.overhead: ${formatResources(pod.spec.overhead as Record<string, string>)}`] : []
    return { title, mark: 'ok', summary: 'no RuntimeClass: nothing merged', facts }
  }
  if (rc === 'NotFound' || !rc) {
    return { title, mark: 'skip', summary: 'cannot compare: the RuntimeClass is gone', facts: [] }
  }
  const facts: string[] = []
  const drift: string[] = []
  const podFixed = rc.overhead?.podFixed
  const overhead = pod.spec.overhead as Record<string, string> | undefined
  if (podFixed && Object.keys(podFixed).length) {
    facts.push(`spec.overhead: ${formatResources(overhead) || 'none'} (class overhead.podFixed: ${formatResources(podFixed)})`)
    if (!sameQuantities(overhead, podFixed)) drift.push('overhead')
  } else facts.push(overhead ? `spec.overhead: ${formatResources(overhead)} (class has no overhead)` : 'spec.overhead: none (class has no overhead)')

  const classSelector = rc.scheduling?.nodeSelector ?? {}
  const entries = Object.entries(classSelector)
  if (entries.length) {
    const merged = entries.map(([k, v]) => (pod.spec.nodeSelector?.[k] === v ? `${k}=${v}` : `${k}=${v} (missing in the pod)`))
    facts.push(`nodeSelector merged from the class: ${merged.join(', ')}`)
    if (entries.some(([k, v]) => pod.spec.nodeSelector?.[k] !== v)) drift.push('nodeSelector')
  }
  const classTolerations = rc.scheduling?.tolerations ?? []
  if (classTolerations.length) {
    const present = (t: Toleration) => (pod.spec.tolerations ?? []).some((p) => covers(p as CoverToleration, t as CoverToleration))
    facts.push(`tolerations merged from the class: ${classTolerations.map((t) => formatToleration(t) + (present(t) ? '' : ' (missing in the pod)')).join(', ')}`)
    if (!classTolerations.every(present)) drift.push('tolerations')
  }
  if (!entries.length && !classTolerations.length) facts.push('class has no scheduling constraints: nodeSelector and tolerations unchanged')
  if (drift.length) {
    return {
      title, mark: 'ok', summary: `admitted, but the class changed since (${drift.join(', ')} differ)`, facts,
      fix: 'admission applies a class only at create: delete and recreate the pod to pick up the current class',
    }
  }
  return { title, mark: 'ok', summary: `RuntimeClass "${rc.metadata.name}" applied`, facts }
}
