/**
 * Resource names and quantities (core validation ValidateResourceRequirements and helpers).
 * Used for container resources, pod `spec.overhead` and RuntimeClass `overhead.podFixed`
 * (validated as if it were container limits, hence the `limits[...]` paths).
 *
 * A quantity that does not parse is reported as `Invalid value: "<text>": <parse error>` at its
 * key; over HTTP such bodies are already rejected by decoding (400).
 */
import type { FieldError } from '../errors.ts'
import { forbiddenField, invalid, required } from '../errors.ts'
import type { Quantity } from '../quantity/quantity.ts'
import { parseQuantity } from '../quantity/quantity.ts'
import { child, key } from './field-path.ts'
import { isQualifiedName } from './names.ts'
import { IS_NEGATIVE } from './object-meta.ts'
import { obj } from './values.ts'

const HUGEPAGES_PREFIX = 'hugepages-'
const REQUESTS_PREFIX = 'requests.'

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage',
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
])
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage'])
const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
])

export const isHugePageResourceName = (name: string): boolean => name.startsWith(HUGEPAGES_PREFIX)
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/')
export const isStandardResourceName = (name: string): boolean =>
  STANDARD_RESOURCES.has(name) || name.startsWith(HUGEPAGES_PREFIX) || name.startsWith(`${REQUESTS_PREFIX}${HUGEPAGES_PREFIX}`)
export const isStandardContainerResourceName = (name: string): boolean =>
  STANDARD_CONTAINER_RESOURCES.has(name) || isHugePageResourceName(name)

/** Extended resources are fully qualified, not native, and still valid once quota prefixes them. */
export const isExtendedResourceName = (name: string): boolean =>
  !isNativeResource(name) && !name.startsWith(REQUESTS_PREFIX) && isQualifiedName(`${REQUESTS_PREFIX}${name}`).length === 0

export const isIntegerResourceName = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResourceName(name)

/** Requests may be below limits only for native, non-hugepage resources. */
export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name)

export const validateResourceName = (name: string, path: string): FieldError[] => {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg))
  if (errs.length) return errs
  if (!name.includes('/') && !isStandardResourceName(name)) {
    errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'))
  }
  return errs
}

export const validateContainerResourceName = (name: string, path: string): FieldError[] => {
  const errs = validateResourceName(name, path)
  if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'))
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"))
  }
  return errs
}

export const validateNonnegativeQuantity = (q: Quantity, path: string): FieldError[] =>
  q.sign() < 0 ? [invalid(path, q.toString(), IS_NEGATIVE)] : []

export const validateResourceQuantityValue = (name: string, q: Quantity, path: string): FieldError[] => {
  const errs = validateNonnegativeQuantity(q, path)
  // Upstream renders the Quantity value itself here; its 1.34+ JSON form is the quoted string.
  if (isIntegerResourceName(name) && !q.isInteger()) errs.push(invalid(path, q.toString(), 'must be an integer'))
  return errs
}

const hugePageValueError = (name: string, q: Quantity): string | undefined => {
  let ok = false
  try {
    const pageSize = parseQuantity(name.slice(HUGEPAGES_PREFIX.length))
    ok = pageSize.sign() > 0 && pageSize.isInteger() && q.scaledValue(0) % pageSize.scaledValue(0) === 0n
  } catch {
    ok = false
  }
  return ok ? undefined : `${q.toString()} is not positive integer multiple of ${name}`
}

/** Parses every entry of a ResourceList, reporting the ones that do not parse. */
export const parseResourceList = (list: unknown, path: string, errs: FieldError[]): Map<string, Quantity> => {
  const out = new Map<string, Quantity>()
  for (const [name, raw] of Object.entries(obj(list))) {
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : ''
    try {
      out.set(name, parseQuantity(text))
    } catch (err) {
      errs.push(invalid(key(path, name), text, (err as Error).message))
    }
  }
  return out
}

export interface ResourceRequirements {
  limits?: Record<string, unknown>
  requests?: Record<string, unknown>
}

export const validateResourceRequirements = (req: ResourceRequirements | undefined, path: string): FieldError[] => {
  const errs: FieldError[] = []
  const r = obj(req)
  const limPath = child(path, 'limits')
  const reqPath = child(path, 'requests')
  const limits = parseResourceList(r.limits, limPath, errs)
  const requests = parseResourceList(r.requests, reqPath, errs)
  let cpuOrMemory = false
  let hugePages = false
  const checkCommon = (name: string, q: Quantity, p: string) => {
    errs.push(...validateContainerResourceName(name, p))
    errs.push(...validateResourceQuantityValue(name, q, p))
  }
  const checkHugePages = (name: string, q: Quantity, p: string) => {
    if (isHugePageResourceName(name)) {
      hugePages = true
      const msg = hugePageValueError(name, q)
      if (msg) errs.push(invalid(p, q.toString(), msg))
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true
  }
  for (const [name, q] of limits) {
    const p = key(limPath, name)
    checkCommon(name, q, p)
    checkHugePages(name, q, p)
  }
  for (const [name, q] of requests) {
    const p = key(reqPath, name)
    checkCommon(name, q, p)
    const limit = limits.get(name)
    if (limit) {
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`))
      } else if (q.cmp(limit) > 0) {
        errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`))
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'))
    }
    checkHugePages(name, q, p)
  }
  if (hugePages && !cpuOrMemory) errs.push(forbiddenField(path, 'HugePages require cpu or memory'))
  return errs
}

/** Pod `spec.overhead` and RuntimeClass `overhead.podFixed`: validated as container limits. */
export const validateOverhead = (overhead: unknown, path: string): FieldError[] =>
  validateResourceRequirements({ limits: obj(overhead) }, path)
