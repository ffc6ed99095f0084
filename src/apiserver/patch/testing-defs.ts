/**
 * Small schema fixtures for this folder's tests, written in the schema DSL
 * with upstream's patch metadata: a Pod-like type (containers merged by name,
 * env by name, ports by containerPort, volumes merge+retainKeys, finalizers a
 * set, tolerations atomic) and a RuntimeClass-like type (atomic tolerations
 * inside scheduling). Not the served definitions.
 */
import type { Definitions } from '../../api/schema/dsl.ts'
import { any, arrayOf, bool, int32, int64, mapOf, ref, str } from '../../api/schema/dsl.ts'

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'
const quantity = 'io.k8s.apimachinery.pkg.api.resource.Quantity'
const time = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time'
const core = 'io.k8s.api.core.v1.'

export const POD = `${core}Pod`
export const RUNTIME_CLASS = 'io.k8s.api.node.v1.RuntimeClass'

export const testDefs: Definitions = {
  [meta]: {
    type: 'object',
    description: 'metadata',
    properties: {
      name: str(),
      namespace: str(),
      uid: str(),
      resourceVersion: str(),
      generation: int64(),
      creationTimestamp: ref(time),
      labels: mapOf(str()),
      annotations: mapOf(str()),
      finalizers: arrayOf(str(), '', { listType: 'set', patchStrategy: 'merge' }),
      ownerReferences: arrayOf(ref(`${meta}OwnerReference`), '', { listType: 'map', listMapKeys: ['uid'], patchStrategy: 'merge', patchMergeKey: 'uid' }),
      managedFields: arrayOf(any()),
    },
  },
  [`${meta}OwnerReference`]: {
    type: 'object',
    description: 'owner',
    properties: { apiVersion: str(), kind: str(), name: str(), uid: str(), controller: bool() },
  },
  [quantity]: { type: 'scalar', description: 'quantity', openapi: { type: 'string' } },
  [time]: { type: 'scalar', description: 'time', openapi: { type: 'string', format: 'date-time' } },
  [POD]: {
    type: 'object',
    description: 'pod',
    gvk: [{ group: '', version: 'v1', kind: 'Pod' }],
    properties: { apiVersion: str(), kind: str(), metadata: ref(meta), spec: ref(`${core}PodSpec`), status: ref(`${core}PodStatus`) },
  },
  [`${core}PodSpec`]: {
    type: 'object',
    description: 'spec',
    required: ['containers'],
    properties: {
      containers: arrayOf(ref(`${core}Container`), '', { listType: 'map', listMapKeys: ['name'], patchStrategy: 'merge', patchMergeKey: 'name' }),
      volumes: arrayOf(ref(`${core}Volume`), '', { listType: 'map', listMapKeys: ['name'], patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' }),
      tolerations: arrayOf(ref(`${core}Toleration`), '', { listType: 'atomic' }),
      nodeSelector: mapOf(str(), '', 'atomic'),
      runtimeClassName: str(),
      nodeName: str(),
    },
  },
  [`${core}PodStatus`]: { type: 'object', description: 'status', properties: { phase: str() } },
  [`${core}Container`]: {
    type: 'object',
    description: 'container',
    properties: {
      name: str(),
      image: str(),
      args: arrayOf(str(), '', { listType: 'atomic' }),
      env: arrayOf(ref(`${core}EnvVar`), '', { listType: 'map', listMapKeys: ['name'], patchStrategy: 'merge', patchMergeKey: 'name' }),
      ports: arrayOf(ref(`${core}ContainerPort`), '', { listType: 'map', listMapKeys: ['containerPort', 'protocol'], patchStrategy: 'merge', patchMergeKey: 'containerPort' }),
      resources: ref(`${core}ResourceRequirements`),
    },
  },
  [`${core}ResourceRequirements`]: {
    type: 'object',
    description: 'resources',
    properties: { limits: mapOf(ref(quantity)), requests: mapOf(ref(quantity)) },
  },
  [`${core}EnvVar`]: { type: 'object', description: 'env', properties: { name: str(), value: str() } },
  [`${core}ContainerPort`]: { type: 'object', description: 'port', properties: { containerPort: int32(), protocol: str(), name: str() } },
  [`${core}Volume`]: {
    type: 'object',
    description: 'volume',
    properties: { name: str(), emptyDir: ref(`${core}EmptyDirVolumeSource`), hostPath: ref(`${core}HostPathVolumeSource`) },
  },
  [`${core}EmptyDirVolumeSource`]: { type: 'object', description: 'emptyDir', properties: { medium: str(), sizeLimit: ref(quantity) } },
  [`${core}HostPathVolumeSource`]: { type: 'object', description: 'hostPath', properties: { path: str(), type: str() } },
  [`${core}Toleration`]: { type: 'object', description: 'toleration', properties: { key: str(), operator: str(), value: str(), effect: str() } },
  [RUNTIME_CLASS]: {
    type: 'object',
    description: 'runtimeclass',
    gvk: [{ group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass' }],
    properties: {
      apiVersion: str(),
      kind: str(),
      metadata: ref(meta),
      handler: str(),
      overhead: ref('io.k8s.api.node.v1.Overhead'),
      scheduling: ref('io.k8s.api.node.v1.Scheduling'),
    },
  },
  'io.k8s.api.node.v1.Overhead': { type: 'object', description: 'overhead', properties: { podFixed: mapOf(ref(quantity)) } },
  'io.k8s.api.node.v1.Scheduling': {
    type: 'object',
    description: 'scheduling',
    properties: {
      nodeSelector: mapOf(str()),
      tolerations: arrayOf(ref(`${core}Toleration`), '', { listType: 'atomic' }),
    },
  },
}
