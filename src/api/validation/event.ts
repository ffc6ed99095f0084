/**
 * core/v1 Event validation (core legacyValidateEvent, as run for v1 requests), then the
 * generic registry metadata check (name usable as a path segment, namespace required), which
 * upstream only reaches when the kind-specific checks passed — so the two never mix.
 *
 * Events without eventTime are "old style": involvedObject.namespace must match (an empty one
 * allows namespace "" or "default"). Events with eventTime also need reportingComponent,
 * reportingInstance, action and reason, with length limits.
 */
import type { FieldError } from '../errors.ts'
import { invalid, required } from '../errors.ts'
import type { ObjectMeta } from '../meta.ts'
import { byteLength, isDNS1123Subdomain, isQualifiedName } from './names.ts'
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts'
import { obj, str } from './values.ts'

export interface EventObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  involvedObject?: Record<string, unknown>
  reason?: string
  message?: string
  eventTime?: string | null
  reportingComponent?: string
  reportingInstance?: string
  action?: string
  [field: string]: unknown
}

const LIMITS = { reportingInstance: 128, action: 128, reason: 128, message: 1024 } as const
const NAMESPACE_MISMATCH = 'does not match event.namespace'

const requiredWithLimit = (ev: EventObject, field: 'reportingInstance' | 'action' | 'reason'): FieldError[] => {
  const v = str(ev[field])
  const errs: FieldError[] = []
  if (!v) errs.push(required(field))
  if (byteLength(v) > LIMITS[field]) errs.push(invalid(field, '', `can have at most ${LIMITS[field]} characters`))
  return errs
}

const legacyValidateEvent = (ev: EventObject): FieldError[] => {
  const errs: FieldError[] = []
  const namespace = str(obj(ev.metadata).namespace)
  const involvedNamespace = str(obj(ev.involvedObject).namespace)
  if (!ev.eventTime) {
    const ok = involvedNamespace ? namespace === involvedNamespace : namespace === '' || namespace === 'default'
    if (!ok) errs.push(invalid('involvedObject.namespace', involvedNamespace, NAMESPACE_MISMATCH))
  } else {
    if (!involvedNamespace && namespace !== 'default' && namespace !== 'kube-system') {
      errs.push(invalid('involvedObject.namespace', involvedNamespace, NAMESPACE_MISMATCH))
    }
    const controller = str(ev.reportingComponent)
    if (!controller) errs.push(required('reportingComponent'))
    errs.push(...isQualifiedName(controller).map((m) => invalid('reportingComponent', controller, m)))
    errs.push(...requiredWithLimit(ev, 'reportingInstance'))
    errs.push(...requiredWithLimit(ev, 'action'))
    errs.push(...requiredWithLimit(ev, 'reason'))
    if (byteLength(str(ev.message)) > LIMITS.message) errs.push(invalid('message', '', `can have at most ${LIMITS.message} characters`))
  }
  errs.push(...isDNS1123Subdomain(namespace).map((m) => invalid('namespace', namespace, m)))
  return errs
}

export const validateEvent = (ev: EventObject): FieldError[] => {
  const errs = legacyValidateEvent(ev)
  return errs.length ? errs : validateObjectMeta(ev.metadata, { requiresNamespace: true })
}

/** Upstream ValidateEventUpdate for v1: the legacy checks on the new event, then the generic metadata update rules. */
export const validateEventUpdate = (ev: EventObject, old: EventObject): FieldError[] => {
  const errs = legacyValidateEvent(ev)
  return errs.length ? errs : validateObjectMetaUpdate(ev.metadata, old.metadata)
}
