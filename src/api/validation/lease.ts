/**
 * coordination.k8s.io/v1 Lease validation (ValidateLease / ValidateLeaseUpdate): namespaced
 * metadata with a DNS-subdomain name, positive leaseDurationSeconds, non-negative
 * leaseTransitions. The 1.31+ strategy/preferredHolder fields are not checked.
 */
import type { FieldError } from '../errors.ts'
import { invalid } from '../errors.ts'
import type { ObjectMeta } from '../meta.ts'
import { nameIsDNSSubdomain } from './names.ts'
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts'
import type { Json } from './values.ts'
import { num, obj } from './values.ts'

export interface LeaseObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  spec?: Json
}

const validateLeaseSpec = (specRaw: unknown): FieldError[] => {
  const spec = obj(specRaw)
  const errs: FieldError[] = []
  const duration = num(spec.leaseDurationSeconds)
  if (duration !== undefined && duration <= 0) errs.push(invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'))
  const transitions = num(spec.leaseTransitions)
  if (transitions !== undefined && transitions < 0) {
    errs.push(invalid('spec.leaseTransitions', transitions, 'must be greater than or equal to 0'))
  }
  return errs
}

export const validateLease = (lease: LeaseObject): FieldError[] => [
  ...validateObjectMeta(lease.metadata, { requiresNamespace: true, nameFn: nameIsDNSSubdomain }),
  ...validateLeaseSpec(lease.spec),
]

export const validateLeaseUpdate = (lease: LeaseObject, old: LeaseObject): FieldError[] => [
  ...validateObjectMetaUpdate(lease.metadata, old.metadata),
  ...validateLeaseSpec(lease.spec),
]
