/**
 * core/v1 Pod: namespaced, status owned by the node agent (pods/status),
 * placement by the scheduler (pods/binding). Deleting a Pod bound to a node is
 * graceful: it gets a deletionTimestamp and the node agent removes it.
 */
import { defaultPod, podQosClass } from '../defaults/pod.ts'
import { compareQuantities } from '../quantity/quantity.ts'
import { validateObjectMetaUpdate, validatePod, validatePodUpdate } from '../validation/index.ts'
import { ALL_VERBS, type ResourceDef } from './resource.ts'

type Obj = Record<string, any>

const equalQuantity = (a: string, b: string) => compareQuantities(a, b) === 0

export const pods: ResourceDef = {
  group: '',
  kind: 'Pod',
  listKind: 'PodList',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  verbs: ALL_VERBS,
  versions: [{ version: 'v1', definition: 'io.k8s.api.core.v1.Pod', listDefinition: 'io.k8s.api.core.v1.PodList' }],
  subresources: [
    { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    { name: 'binding', kind: 'Binding', verbs: ['create'] },
    { name: 'eviction', kind: 'Eviction', verbs: ['create'], group: 'policy', version: 'v1' },
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'status', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
  ],
  allowCreateOnUpdate: false,
  allowUnconditionalUpdate: true,
  hasGeneration: false,
  hasStatusSubresource: true,
  deleteReturnsStatus: false,
  defaults: defaultPod,
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending', qosClass: podQosClass(obj, equalQuantity) }
  },
  prepareForUpdate(obj, old) {
    obj.status = old.status
  },
  prepareForStatusUpdate(obj, old) {
    obj.spec = old.spec
  },
  validate: (obj) => validatePod(obj),
  validateUpdate: (obj, old) => validatePodUpdate(obj, old),
  // The status writer (node agent) is trusted with status; metadata rules still hold.
  validateStatusUpdate: (obj, old) => validateObjectMetaUpdate(obj.metadata, old.metadata),
  gracePeriod(obj, requested) {
    const spec = (obj.spec ?? {}) as Obj
    const phase = (obj.status as Obj | undefined)?.phase
    // Nothing runs an unbound or finished Pod, so there is nothing to wait for.
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0
    return requested ?? spec.terminationGracePeriodSeconds ?? 30
  },
}
