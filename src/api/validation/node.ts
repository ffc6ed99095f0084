/**
 * Node validation (core ValidateNode / ValidateNodeUpdate), a subset: metadata (name is a DNS
 * subdomain, cluster-scoped), taints, status capacity/allocatable quantities, podCIDRs and
 * providerID immutability, duplicate status addresses. Taint errors sit under
 * `metadata.taints[i]`, an upstream path quirk kept on purpose; quantity paths are
 * `status.capacity.<name>` (child, not key), as upstream builds them.
 */
import type { FieldError } from '../errors.ts'
import { forbiddenField } from '../errors.ts'
import type { ObjectMeta } from '../meta.ts'
import { child, index } from './field-path.ts'
import { nameIsDNSSubdomain } from './names.ts'
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts'
import { parseResourceList, validateResourceQuantityValue } from './resources.ts'
import { validateTaints } from './tolerations.ts'
import type { Json } from './values.ts'
import { list, obj, str } from './values.ts'

export interface NodeObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  spec?: Json
  status?: Json
}

const validateNodeResources = (node: NodeObject): FieldError[] => {
  const errs: FieldError[] = []
  const status = obj(node.status)
  for (const field of ['capacity', 'allocatable']) {
    const path = child('status', field)
    for (const [name, q] of parseResourceList(status[field], path, errs)) {
      errs.push(...validateResourceQuantityValue(name, q, child(path, name)))
    }
  }
  return errs
}

const validateTaintsIfAny = (node: NodeObject): FieldError[] => {
  const taints = obj(node.spec).taints
  return list(taints).length ? validateTaints(taints, 'metadata.taints') : []
}

export const validateNode = (node: NodeObject): FieldError[] => [
  ...validateObjectMeta(node.metadata, { requiresNamespace: false, nameFn: nameIsDNSSubdomain, kubeFinalizers: true }),
  ...validateTaintsIfAny(node),
  ...validateNodeResources(node),
]

const CIDR_CHANGE = 'node updates may not change podCIDR except from "" to valid'

export const validateNodeUpdate = (node: NodeObject, old: NodeObject): FieldError[] => {
  const errs = [...validateObjectMetaUpdate(node.metadata, old.metadata, { kubeFinalizers: true }), ...validateNodeResources(node)]
  const seen = new Set<string>()
  list(obj(node.status).addresses).forEach((raw, i) => {
    const a = obj(raw)
    const address = { type: str(a.type), address: str(a.address) }
    const k = JSON.stringify(address)
    if (seen.has(k)) errs.push({ type: 'FieldValueDuplicate', field: index('status.addresses', i), value: address })
    seen.add(k)
  })
  const spec = obj(node.spec)
  const oldSpec = obj(old.spec)
  const oldCIDRs = list(oldSpec.podCIDRs).map(str)
  const newCIDRs = list(spec.podCIDRs).map(str)
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbiddenField('spec.podCIDRs', CIDR_CHANGE))
    else oldCIDRs.forEach((c, i) => c !== newCIDRs[i] && errs.push(forbiddenField('spec.podCIDRs', CIDR_CHANGE)))
  }
  const oldProvider = str(oldSpec.providerID)
  if (oldProvider && oldProvider !== str(spec.providerID)) {
    errs.push(forbiddenField('spec.providerID', 'node updates may not change providerID except from "" to valid'))
  }
  errs.push(...validateTaintsIfAny(node))
  if (str(spec.externalID) !== str(oldSpec.externalID)) errs.push(forbiddenField('spec.externalID', 'may not be updated'))
  return errs
}

