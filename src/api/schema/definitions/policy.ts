/**
 * Schema definitions: policy/v1 Eviction (the body of the pods/eviction subresource).
 * Field names, types, required lists and patch metadata follow Kubernetes 1.33;
 * descriptions are our own.
 */
import type { Definitions } from '../dsl.ts'
import { str, ref } from '../dsl.ts'
import { API_VERSION, KIND } from './type-meta.ts'

export const policyDefinitions: Definitions = {
  'io.k8s.api.policy.v1.Eviction': {
    type: 'object',
    description: 'Asks for a pod to be evicted, honouring disruption budgets; posted to the pods/eviction subresource.',
    properties: {
      apiVersion: str(API_VERSION),
      deleteOptions: ref('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'),
      kind: str(KIND),
      metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations and the fields the server maintains.'),
    },
    gvk: [{ group: 'policy', version: 'v1', kind: 'Eviction' }],
  },
}
