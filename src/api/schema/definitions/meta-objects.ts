/**
 * Schema definitions: apimachinery meta/v1 object types: ObjectMeta, ListMeta, Status, DeleteOptions, WatchEvent, discovery.
 * Field names, types, required lists and patch metadata follow Kubernetes 1.33;
 * descriptions are our own.
 */
import type { Definitions } from '../dsl.ts'
import { str, int32, int64, bool, ref, mapOf, arrayOf } from '../dsl.ts'
import { API_VERSION, KIND } from './type-meta.ts'

export const metaObjectDefinitions: Definitions = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIGroup': {
    type: 'object',
    description: 'Discovery: one API group, its versions and its preferred version.',
    properties: {
      apiVersion: str(API_VERSION),
      kind: str(KIND),
      name: str(),
      preferredVersion: ref('io.k8s.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscovery'),
      serverAddressByClientCIDRs: arrayOf(ref('io.k8s.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR'), undefined, { listType: 'atomic' }),
      versions: arrayOf(ref('io.k8s.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscovery'), undefined, { listType: 'atomic' }),
    },
    required: ['name', 'versions'],
    gvk: [{ group: '', version: 'v1', kind: 'APIGroup' }],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList': {
    type: 'object',
    description: 'Discovery: every API group the server serves.',
    properties: {
      apiVersion: str(API_VERSION),
      groups: arrayOf(ref('io.k8s.apimachinery.pkg.apis.meta.v1.APIGroup'), undefined, { listType: 'atomic' }),
      kind: str(KIND),
    },
    required: ['groups'],
    gvk: [{ group: '', version: 'v1', kind: 'APIGroupList' }],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIResource': {
    type: 'object',
    description: 'Discovery: one resource of a group-version, its kind, scope and verbs.',
    properties: {
      categories: arrayOf(str(), undefined, { listType: 'atomic' }),
      group: str(),
      kind: str(),
      name: str(),
      namespaced: bool(),
      shortNames: arrayOf(str(), undefined, { listType: 'atomic' }),
      singularName: str(),
      storageVersionHash: str(),
      verbs: arrayOf(str()),
      version: str(),
    },
    required: ['name', 'singularName', 'namespaced', 'kind', 'verbs'],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList': {
    type: 'object',
    description: 'Discovery: the resources of one group-version.',
    properties: {
      apiVersion: str(API_VERSION),
      groupVersion: str(),
      kind: str(KIND),
      resources: arrayOf(ref('io.k8s.apimachinery.pkg.apis.meta.v1.APIResource'), undefined, { listType: 'atomic' }),
    },
    required: ['groupVersion', 'resources'],
    gvk: [{ group: '', version: 'v1', kind: 'APIResourceList' }],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIVersions': {
    type: 'object',
    description: 'Discovery: the versions of the core API.',
    properties: {
      apiVersion: str(API_VERSION),
      kind: str(KIND),
      serverAddressByClientCIDRs: arrayOf(ref('io.k8s.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR'), undefined, { listType: 'atomic' }),
      versions: arrayOf(str(), undefined, { listType: 'atomic' }),
    },
    required: ['versions', 'serverAddressByClientCIDRs'],
    gvk: [{ group: '', version: 'v1', kind: 'APIVersions' }],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': {
    type: 'object',
    description: 'Options of a delete request: grace period, preconditions, propagation policy and dry run.',
    properties: {
      apiVersion: str(API_VERSION),
      dryRun: arrayOf(str(), undefined, { listType: 'atomic' }),
      gracePeriodSeconds: int64(),
      ignoreStoreReadErrorWithClusterBreakingPotential: bool(),
      kind: str(KIND),
      orphanDependents: bool(),
      preconditions: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions'),
      propagationPolicy: str(),
    },
    gvk: [
      { group: '', version: 'v1', kind: 'DeleteOptions' },
      { group: 'coordination.k8s.io', version: 'v1', kind: 'DeleteOptions' },
      { group: 'node.k8s.io', version: 'v1', kind: 'DeleteOptions' },
      { group: 'node.k8s.io', version: 'v1alpha1', kind: 'DeleteOptions' },
      { group: 'node.k8s.io', version: 'v1beta1', kind: 'DeleteOptions' },
      { group: 'policy', version: 'v1', kind: 'DeleteOptions' },
    ],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscovery': {
    type: 'object',
    description: 'Discovery: one version of a group.',
    properties: {
      groupVersion: str(),
      version: str(),
    },
    required: ['groupVersion', 'version'],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': {
    type: 'object',
    description: 'Selects objects by their labels; all given conditions must hold. An empty selector matches everything, a missing one nothing.',
    properties: {
      matchExpressions: arrayOf(ref('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement'), undefined, { listType: 'atomic' }),
      matchLabels: mapOf(str()),
    },
    mapType: 'atomic',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': {
    type: 'object',
    description: 'A label key, an operator (In, NotIn, Exists, DoesNotExist) and values.',
    properties: {
      key: str(),
      operator: str(),
      values: arrayOf(str(), undefined, { listType: 'atomic' }),
    },
    required: ['key', 'operator'],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta': {
    type: 'object',
    description: 'Metadata of a list: its resourceVersion and the token to continue a paged list.',
    properties: {
      continue: str('Token to fetch the next page of a paged list.'),
      remainingItemCount: int64('Number of items after this page, when known.'),
      resourceVersion: str('Version of the list, usable to start a watch.'),
      selfLink: str(),
    },
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry': {
    type: 'object',
    description: 'Records which fields one manager set with one operation (server-side apply bookkeeping).',
    properties: {
      apiVersion: str(),
      fieldsType: str(),
      fieldsV1: ref('io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1'),
      manager: str(),
      operation: str(),
      subresource: str(),
      time: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time'),
    },
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    type: 'object',
    description: 'Metadata every persisted object has: identity, labels, annotations, ownership and server-maintained fields.',
    properties: {
      annotations: mapOf(str(), 'Key/value pairs for tools and humans; not used for selection.'),
      creationTimestamp: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'When the object was created (RFC 3339, UTC). Set by the server.'),
      deletionGracePeriodSeconds: int64('Grace period of a pending deletion.'),
      deletionTimestamp: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'When the object will be or was deleted; set by the server on a graceful delete.'),
      finalizers: arrayOf(str(), 'Keys that must all be removed before the object is deleted from storage.', { listType: 'set', patchStrategy: 'merge' }),
      generateName: str('Prefix from which the server generates a unique name when name is empty.'),
      generation: int64('Sequence number of changes to the desired state.'),
      labels: mapOf(str(), 'Key/value pairs used to select and group objects.'),
      managedFields: arrayOf(ref('io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry'), 'Which manager owns which fields; maintained by the server.', { listType: 'atomic' }),
      name: str('Name of the object, unique within its namespace (or the cluster for cluster-scoped kinds). Cannot be changed.'),
      namespace: str('Namespace of the object; empty for cluster-scoped kinds.'),
      ownerReferences: arrayOf(ref('io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference'), 'Objects this object depends on.', { listType: 'map', listMapKeys: ['uid'], patchStrategy: 'merge', patchMergeKey: 'uid' }),
      resourceVersion: str('Opaque version of the object used for optimistic concurrency and watches.'),
      selfLink: str('Deprecated and never set.'),
      uid: str('Unique identifier set by the server at creation.'),
    },
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference': {
    type: 'object',
    description: 'Points to an object that owns this one; owned objects are garbage collected with their owner.',
    properties: {
      apiVersion: str(),
      blockOwnerDeletion: bool(),
      controller: bool(),
      kind: str(),
      name: str(),
      uid: str(),
    },
    required: ['apiVersion', 'kind', 'name', 'uid'],
    mapType: 'atomic',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions': {
    type: 'object',
    description: 'Conditions the stored object must meet for a delete to go ahead.',
    properties: {
      resourceVersion: str(),
      uid: str(),
    },
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR': {
    type: 'object',
    description: 'The server address clients from one network should use.',
    properties: {
      clientCIDR: str(),
      serverAddress: str(),
    },
    required: ['clientCIDR', 'serverAddress'],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Status': {
    type: 'object',
    description: 'The result of an operation that returns no object, and the body of every error.',
    properties: {
      apiVersion: str(API_VERSION),
      code: int32(),
      details: ref('io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails'),
      kind: str(KIND),
      message: str(),
      metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', 'Standard list metadata: the resourceVersion of the list and the continue token.'),
      reason: str(),
      status: str(),
    },
    gvk: [{ group: '', version: 'v1', kind: 'Status' }],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause': {
    type: 'object',
    description: 'One reason an operation failed, with the field it concerns.',
    properties: {
      field: str(),
      message: str(),
      reason: str(),
    },
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails': {
    type: 'object',
    description: 'More detail about an error: the object it concerns and its causes.',
    properties: {
      causes: arrayOf(ref('io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause'), undefined, { listType: 'atomic' }),
      group: str(),
      kind: str(),
      name: str(),
      retryAfterSeconds: int32(),
      uid: str(),
    },
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent': {
    type: 'object',
    description: 'One event of a watch stream: its type and the object.',
    properties: {
      object: ref('io.k8s.apimachinery.pkg.runtime.RawExtension'),
      type: str(),
    },
    required: ['type', 'object'],
    gvk: [
      { group: '', version: 'v1', kind: 'WatchEvent' },
      { group: 'coordination.k8s.io', version: 'v1', kind: 'WatchEvent' },
      { group: 'node.k8s.io', version: 'v1', kind: 'WatchEvent' },
      { group: 'node.k8s.io', version: 'v1alpha1', kind: 'WatchEvent' },
      { group: 'node.k8s.io', version: 'v1beta1', kind: 'WatchEvent' },
      { group: 'policy', version: 'v1', kind: 'WatchEvent' },
    ],
  },
}
