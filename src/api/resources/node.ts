/** core/v1 Node: cluster-scoped, status written by the node agent through nodes/status. */
import { validateNode, validateNodeUpdate } from '../validation/index.ts'
import { ALL_VERBS, type ResourceDef } from './resource.ts'


export const nodes: ResourceDef = {
  group: '',
  kind: 'Node',
  listKind: 'NodeList',
  plural: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  verbs: ALL_VERBS,
  versions: [{ version: 'v1', definition: 'io.k8s.api.core.v1.Node', listDefinition: 'io.k8s.api.core.v1.NodeList' }],
  subresources: [
    { name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
    { name: 'status', kind: 'Node', verbs: ['get', 'patch', 'update'] },
  ],
  allowCreateOnUpdate: false,
  allowUnconditionalUpdate: true,
  hasGeneration: false,
  hasStatusSubresource: true,
  deleteReturnsStatus: false,
  prepareForUpdate(obj, old) {
    obj.status = old.status
  },
  prepareForStatusUpdate(obj, old) {
    obj.spec = old.spec
  },
  validate: (obj) => validateNode(obj),
  validateUpdate: (obj, old) => validateNodeUpdate(obj, old),
}
