/**
 * RuntimeClass (node.k8s.io) validation on the v1 JSON shape (validation.md §4–§7):
 * - validateRuntimeClass: create checks, in upstream order (metadata, handler, overhead, scheduling).
 * - validateRuntimeClassUpdate: what the registry runs on update — the create checks on the new
 *   object, then runtimeClassUpdateChecks (upstream ValidateRuntimeClassUpdate alone).
 * - runtimeClassWarnings: `Warning` texts for deprecated node labels in scheduling.nodeSelector.
 */
import type { FieldError } from '../errors.ts'
import { duplicate, invalid } from '../errors.ts'
import type { ObjectMeta } from '../meta.ts'
import { child, index } from './field-path.ts'
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.ts'
import { validateImmutableField, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts'
import { validateOverhead } from './resources.ts'
import { goToleration, validateTolerations } from './tolerations.ts'
import { list, obj, str } from './values.ts'

export interface RuntimeClassToleration {
  key?: string
  operator?: string
  value?: string
  effect?: string
  tolerationSeconds?: number
}

export interface RuntimeClassObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  handler?: string
  overhead?: { podFixed?: Record<string, string> } | null
  scheduling?: { nodeSelector?: Record<string, string> | null; tolerations?: RuntimeClassToleration[] | null } | null
}

const DEPRECATED_NODE_LABELS: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
}

/** Tolerations plus RuntimeClass's uniqueness rule on (key, operator, value, effect). */
const validateRuntimeClassTolerations = (tolerations: unknown, path: string): FieldError[] => {
  const errs = validateTolerations(tolerations, path)
  const seen = new Set<string>()
  list(tolerations).forEach((raw, i) => {
    const t = goToleration(raw)
    const listKey = JSON.stringify([t.Key, t.Operator, t.Value, t.Effect])
    if (seen.has(listKey)) errs.push(duplicate(index(path, i), t))
    else seen.add(listKey)
  })
  return errs
}

export const validateRuntimeClass = (rc: RuntimeClassObject): FieldError[] => {
  const errs = validateObjectMeta(rc.metadata, { requiresNamespace: false, nameFn: nameIsDNSSubdomain })
  const handler = str(rc.handler)
  for (const msg of nameIsDNSLabel(handler, false)) errs.push(invalid('handler', handler, msg))
  if (rc.overhead !== undefined && rc.overhead !== null) {
    errs.push(...validateOverhead(obj(rc.overhead).podFixed, 'overhead'))
  }
  if (rc.scheduling !== undefined && rc.scheduling !== null) {
    const s = obj(rc.scheduling)
    const path = 'scheduling'
    if (s.nodeSelector !== undefined && s.nodeSelector !== null) errs.push(...validateLabels(s.nodeSelector, child(path, 'nodeSelector')))
    errs.push(...validateRuntimeClassTolerations(s.tolerations, child(path, 'tolerations')))
  }
  return errs
}

/** Upstream ValidateRuntimeClassUpdate on its own: metadata update rules and the immutable handler. */
export const runtimeClassUpdateChecks = (rc: RuntimeClassObject, old: RuntimeClassObject): FieldError[] => [
  ...validateObjectMetaUpdate(rc.metadata, old.metadata),
  ...validateImmutableField(str(rc.handler), str(old.handler), 'handler'),
]

export const validateRuntimeClassUpdate = (rc: RuntimeClassObject, old: RuntimeClassObject): FieldError[] => [
  ...validateRuntimeClass(rc),
  ...runtimeClassUpdateChecks(rc, old),
]

export const runtimeClassWarnings = (rc: RuntimeClassObject): string[] => {
  const selector = rc.scheduling?.nodeSelector
  if (!selector) return []
  return Object.keys(selector)
    .filter((k) => Object.hasOwn(DEPRECATED_NODE_LABELS, k))
    .map((k) => `scheduling.nodeSelector: ${DEPRECATED_NODE_LABELS[k]}`)
}
