/**
 * core/v1 Namespace. Defaults: spec.finalizers ["kubernetes"], status.phase
 * Active, label kubernetes.io/metadata.name. Deletion is graceful: the
 * namespace turns Terminating until its contents are gone (apiserver/namespaces.ts).
 */
import { validateNamespace, validateNamespaceUpdate } from '../validation/index.ts'
import { type ResourceDef } from './resource.ts'

type Obj = Record<string, any>

export const namespaces: ResourceDef = {
  group: '',
  kind: 'Namespace',
  listKind: 'NamespaceList',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  versions: [{ version: 'v1', definition: 'io.k8s.api.core.v1.Namespace', listDefinition: 'io.k8s.api.core.v1.NamespaceList' }],
  subresources: [
    { name: 'finalize', kind: 'Namespace', verbs: ['update'] },
    { name: 'status', kind: 'Namespace', verbs: ['get', 'patch', 'update'] },
  ],
  allowCreateOnUpdate: false,
  allowUnconditionalUpdate: true,
  hasGeneration: false,
  hasStatusSubresource: true,
  deleteReturnsStatus: false,
  defaults(obj) {
    const name = obj.metadata.name
    if (name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name }
  },
  prepareForCreate(obj) {
    const spec = (obj.spec ??= {}) as Obj
    spec.finalizers = [...new Set([...(spec.finalizers ?? []), 'kubernetes'])]
    obj.status = { phase: 'Active' }
  },
  prepareForUpdate(obj, old) {
    obj.spec = old.spec
    obj.status = old.status
  },
  prepareForStatusUpdate(obj, old) {
    obj.spec = old.spec
  },
  pendingDeletion(obj) {
    if (!((obj.spec as Obj | undefined)?.finalizers?.length)) return false
    obj.status = { ...(obj.status as Obj), phase: 'Terminating' }
    return true
  },
  validate: (obj) => validateNamespace(obj),
  validateUpdate: (obj, old) => validateNamespaceUpdate(obj, old),
}
