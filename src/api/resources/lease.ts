/** coordination.k8s.io/v1 Lease: node heartbeats live in `kube-node-lease`. */
import { validateLease, validateLeaseUpdate } from '../validation/index.ts'
import { ALL_VERBS, type ResourceDef } from './resource.ts'

export const leases: ResourceDef = {
  group: 'coordination.k8s.io',
  kind: 'Lease',
  listKind: 'LeaseList',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  verbs: ALL_VERBS,
  versions: [{ version: 'v1', definition: 'io.k8s.api.coordination.v1.Lease', listDefinition: 'io.k8s.api.coordination.v1.LeaseList' }],
  subresources: [],
  allowCreateOnUpdate: true,
  allowUnconditionalUpdate: true,
  hasGeneration: false,
  hasStatusSubresource: false,
  deleteReturnsStatus: true,
  validate: (obj) => validateLease(obj),
  validateUpdate: (obj, old) => validateLeaseUpdate(obj, old),
}
