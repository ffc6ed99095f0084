/**
 * node.k8s.io RuntimeClass: cluster-scoped, served as v1 (storage), v1beta1
 * (same shape) and v1alpha1 (`spec.runtimeHandler`), decision a of spec/README.md.
 */
import type { KubeObject } from '../meta.ts'
import { validateRuntimeClass, validateRuntimeClassUpdate, runtimeClassWarnings } from '../validation/index.ts'
import { ALL_VERBS, type ResourceDef } from './resource.ts'

/** v1alpha1 → v1: `spec.runtimeHandler` becomes `handler`; overhead and scheduling move up. */
const alphaToStorage = (obj: KubeObject): KubeObject => {
  const { spec, ...rest } = obj as KubeObject & { spec?: Record<string, unknown> }
  const out: KubeObject = { ...rest, handler: spec?.runtimeHandler ?? '' }
  if (spec?.overhead !== undefined) out.overhead = spec.overhead
  if (spec?.scheduling !== undefined) out.scheduling = spec.scheduling
  return out
}

const storageToAlpha = (obj: KubeObject): KubeObject => {
  const { handler, overhead, scheduling, ...rest } = obj
  const spec: Record<string, unknown> = { runtimeHandler: handler ?? '' }
  if (overhead !== undefined) spec.overhead = overhead
  if (scheduling !== undefined) spec.scheduling = scheduling
  return { ...rest, spec }
}

export const runtimeClasses: ResourceDef = {
  group: 'node.k8s.io',
  kind: 'RuntimeClass',
  listKind: 'RuntimeClassList',
  plural: 'runtimeclasses',
  singular: 'runtimeclass',
  namespaced: false,
  verbs: ALL_VERBS,
  versions: [
    { version: 'v1', definition: 'io.k8s.api.node.v1.RuntimeClass', listDefinition: 'io.k8s.api.node.v1.RuntimeClassList' },
    {
      version: 'v1beta1',
      definition: 'io.k8s.api.node.v1beta1.RuntimeClass',
      listDefinition: 'io.k8s.api.node.v1beta1.RuntimeClassList',
      deprecationWarning: 'node.k8s.io/v1beta1 RuntimeClass is deprecated in v1.22+, unavailable in v1.25+',
    },
    {
      version: 'v1alpha1',
      definition: 'io.k8s.api.node.v1alpha1.RuntimeClass',
      listDefinition: 'io.k8s.api.node.v1alpha1.RuntimeClassList',
      toStorage: alphaToStorage,
      fromStorage: storageToAlpha,
    },
  ],
  subresources: [],
  allowCreateOnUpdate: true,
  allowUnconditionalUpdate: false,
  hasGeneration: false,
  hasStatusSubresource: false,
  deleteReturnsStatus: true,
  defaults(obj) {
    // `handler` is required and always serialized, even when empty.
    if (obj.handler === undefined) obj.handler = ''
  },
  validate: (obj) => validateRuntimeClass(obj),
  validateUpdate: (obj, old) => validateRuntimeClassUpdate(obj, old),
  warnings: (obj) => runtimeClassWarnings(obj),
}
