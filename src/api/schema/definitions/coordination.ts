/**
 * Schema definitions: coordination.k8s.io/v1 Lease.
 * Field names, types, required lists and patch metadata follow Kubernetes 1.33;
 * descriptions are our own.
 */
import type { Definitions } from '../dsl.ts'
import { str, int32, ref } from '../dsl.ts'
import { API_VERSION, KIND, listDefinition } from './type-meta.ts'

export const coordinationDefinitions: Definitions = {
  'io.k8s.api.coordination.v1.Lease': {
    type: 'object',
    description: 'A Lease is a lightweight lock: one holder renews it periodically (node heartbeats, leader election).',
    properties: {
      apiVersion: str(API_VERSION),
      kind: str(KIND),
      metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations and the fields the server maintains.'),
      spec: ref('io.k8s.api.coordination.v1.LeaseSpec', 'The state of the lease.'),
    },
    gvk: [{ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }],
  },
  'io.k8s.api.coordination.v1.LeaseList': listDefinition('coordination.k8s.io', 'v1', 'Lease', 'io.k8s.api.coordination.v1.Lease'),
  'io.k8s.api.coordination.v1.LeaseSpec': {
    type: 'object',
    description: 'The holder, duration and renewal times of a Lease.',
    properties: {
      acquireTime: ref('io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime', 'When the current holder acquired the lease.'),
      holderIdentity: str('Identity of the current holder.'),
      leaseDurationSeconds: int32('How long candidates wait after the last renewal before taking the lease over.'),
      leaseTransitions: int32('How many times the lease changed holder.'),
      preferredHolder: str('Candidate the current holder should hand the lease to.'),
      renewTime: ref('io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime', 'When the holder last renewed the lease.'),
      strategy: str('How the holder is chosen when coordinated leader election is used.'),
    },
  },
}
