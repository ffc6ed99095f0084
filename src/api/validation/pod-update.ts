/**
 * Pod update validation (core ValidatePodUpdate): metadata update rules, the full create checks
 * on the new pod, then the few spec changes upstream allows — container images, a shorter
 * activeDeadlineSeconds, added tolerations (or changed tolerationSeconds), removed scheduling
 * gates, terminationGracePeriodSeconds from negative to 1. Any other spec change gives
 * `spec: Forbidden: pod updates may not change fields other than …`; upstream appends a
 * go-cmp diff of the spec after a newline, which is not reproduced here.
 */
import type { FieldError } from '../errors.ts'
import { forbiddenField, invalid, required } from '../errors.ts'
import { tryParseQuantity } from '../quantity/quantity.ts'
import { child, index } from './field-path.ts'
import { inclusiveRangeError } from './names.ts'
import { validateObjectMetaUpdate } from './object-meta.ts'
import type { PodObject } from './pod.ts'
import { validatePod } from './pod.ts'
import { validateTolerations } from './tolerations.ts'
import type { Json } from './values.ts'
import { isObject, list, num, obj, semanticEqual, str } from './values.ts'

export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)'

const MAX_INT32 = 2147483647

/** Returns [errors, stop]; upstream stops validating when the container count changed. */
const validateContainerUpdates = (next: unknown, prev: unknown, path: string): [FieldError[], boolean] => {
  const n = list(next)
  if (n.length !== list(prev).length) return [[forbiddenField(path, 'pod updates may not add or remove containers')], true]
  const errs: FieldError[] = []
  n.forEach((raw, i) => {
    const image = str(obj(raw).image)
    const p = child(index(path, i), 'image')
    if (!image) errs.push(required(p))
    if (image.trim().length !== image.length) errs.push(invalid(p, image, 'must not have leading or trailing whitespace'))
  })
  return [errs, false]
}

/** Every old toleration must still be there, ignoring tolerationSeconds. */
const validateOnlyAddedTolerations = (next: unknown, prev: unknown, path: string): FieldError[] => {
  const n = list(next).map(obj)
  for (const old of list(prev).map(obj)) {
    const found = n.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t))
    if (!found) return [forbiddenField(path, 'existing toleration can not be modified except its tolerationSeconds')]
  }
  return validateTolerations(next, path)
}

const validateOnlyDeletedSchedulingGates = (next: unknown, prev: unknown, path: string): FieldError[] => {
  const old = new Set(list(prev).map((g) => str(obj(g).name)))
  const added = new Map<string, number>()
  list(next).forEach((g, i) => added.set(str(obj(g).name), i))
  return [...added]
    .filter(([name]) => !old.has(name))
    .map(([name, i]) => forbiddenField(child(index(path, i), 'name'), `only deletion is allowed, but found new scheduling gate '${name}'`))
}

/** Quantities compare by value, as upstream's semantic equality does. */
const normalizeQuantities = (v: unknown, inResources = false): unknown => {
  if (Array.isArray(v)) return v.map((x) => normalizeQuantities(x))
  if (!isObject(v)) {
    const q = inResources && typeof v === 'string' ? tryParseQuantity(v) : undefined
    return q ? q.canonical() : v
  }
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, normalizeQuantities(x, inResources || k === 'limits' || k === 'requests' || k === 'overhead')]),
  )
}

const copyImages = (into: unknown, from: unknown): unknown[] =>
  list(into).map((c, i) => ({ ...obj(c), image: obj(list(from)[i]).image }))

export const validatePodUpdate = (pod: PodObject, old: PodObject): FieldError[] => {
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata, { kubeFinalizers: true }), ...validatePod(pod)]
  const spec = obj(pod.spec)
  const oldSpec = obj(old.spec)
  const path = 'spec'

  for (const field of ['containers', 'initContainers'] as const) {
    const [cErrs, stop] = validateContainerUpdates(spec[field], oldSpec[field], child(path, field))
    errs.push(...cErrs)
    if (stop) return errs
  }

  const deadlinePath = child(path, 'activeDeadlineSeconds')
  const deadline = num(spec.activeDeadlineSeconds)
  const oldDeadline = num(oldSpec.activeDeadlineSeconds)
  if (deadline !== undefined) {
    if (deadline < 0 || deadline > MAX_INT32) return [...errs, invalid(deadlinePath, deadline, inclusiveRangeError(0, MAX_INT32))]
    if (oldDeadline !== undefined && oldDeadline < deadline) {
      return [...errs, invalid(deadlinePath, deadline, 'must be less than or equal to previous value')]
    }
  } else if (oldDeadline !== undefined) {
    errs.push(invalid(deadlinePath, null, 'must not update from a positive integer to nil value'))
  }

  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, child(path, 'tolerations')))
  errs.push(...validateOnlyDeletedSchedulingGates(spec.schedulingGates, oldSpec.schedulingGates, child(path, 'schedulingGates')))

  const newNorm = normalizeQuantities(spec) as Json
  const oldNorm = normalizeQuantities(oldSpec) as Json
  if (semanticEqual(newNorm, oldNorm)) return errs

  const munged: Json = {
    ...newNorm,
    containers: copyImages(newNorm.containers, oldNorm.containers),
    initContainers: copyImages(newNorm.initContainers, oldNorm.initContainers),
    activeDeadlineSeconds: oldNorm.activeDeadlineSeconds,
    tolerations: oldNorm.tolerations,
    schedulingGates: oldNorm.schedulingGates,
  }
  const oldGrace = num(oldNorm.terminationGracePeriodSeconds)
  if (oldGrace !== undefined && oldGrace < 0 && num(newNorm.terminationGracePeriodSeconds) === 1) {
    munged.terminationGracePeriodSeconds = oldGrace
  }
  if (!semanticEqual(munged, oldNorm)) errs.push(forbiddenField(path, POD_UPDATE_FORBIDDEN))
  return errs
}
