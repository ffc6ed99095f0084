/**
 * The few Pod and RuntimeClass fields the RuntimeClass plugin reads and
 * writes, on the storage (v1 JSON) shape, and semantic equality of resource
 * lists (same names, quantities equal by value: `1000m` == `1`).
 */
import type { KubeObject } from '../../api/meta.ts'
import { tryParseQuantity } from '../../api/quantity/quantity.ts'
import type { RuntimeClassObject, RuntimeClassToleration } from '../../api/validation/runtimeclass.ts'

export type ResourceList = Record<string, string | number>
export type { RuntimeClassObject, RuntimeClassToleration as Toleration }

export interface PodSpecFields {
  runtimeClassName?: string | null
  overhead?: ResourceList | null
  nodeSelector?: Record<string, string> | null
  tolerations?: RuntimeClassToleration[] | null
}

export const podSpec = (pod: KubeObject): PodSpecFields => (pod.spec ??= {}) as PodSpecFields

export const isEmptyResources = (r: ResourceList | null | undefined): boolean => !r || Object.keys(r).length === 0

const sameQuantity = (a: string | number, b: string | number): boolean => {
  const qa = tryParseQuantity(String(a))
  const qb = tryParseQuantity(String(b))
  // Unparseable text fails validation later; until then only identical text is equal.
  return qa && qb ? qa.cmp(qb) === 0 : String(a) === String(b)
}

/** apimachinery's semantic equality on ResourceLists: nil and empty are equal. */
export const sameResources = (a: ResourceList | null | undefined, b: ResourceList | null | undefined): boolean => {
  const ka = Object.keys(a ?? {})
  const kb = Object.keys(b ?? {})
  return ka.length === kb.length && ka.every((k) => k in (b ?? {}) && sameQuantity(a![k]!, b![k]!))
}

/** Quantities as the server would write them (the class's stored form is already canonical). */
export const canonicalResources = (r: ResourceList): ResourceList =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, tryParseQuantity(String(v))?.toString() ?? v]))
