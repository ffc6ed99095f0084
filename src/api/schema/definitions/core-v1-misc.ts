/**
 * Schema definitions: core/v1 Namespace, Event (with ObjectReference and EventSource), Binding and LocalObjectReference.
 * Field names, types, required lists and patch metadata follow Kubernetes 1.33;
 * descriptions are our own.
 */
import type { Definitions } from '../dsl.ts'
import { str, int32, ref, arrayOf } from '../dsl.ts'
import { API_VERSION, KIND, listDefinition } from './type-meta.ts'

export const coreV1MiscDefinitions: Definitions = {
  'io.k8s.api.core.v1.Binding': {
    type: 'object',
    description: 'Binds a pod to a target, normally a node; posted by the scheduler to the pods/binding subresource.',
    properties: {
      apiVersion: str(API_VERSION),
      kind: str(KIND),
      metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations and the fields the server maintains.'),
      target: ref('io.k8s.api.core.v1.ObjectReference'),
    },
    required: ['target'],
    gvk: [{ group: '', version: 'v1', kind: 'Binding' }],
  },
  'io.k8s.api.core.v1.Event': {
    type: 'object',
    description: 'A record of something that happened to an object in the cluster.',
    properties: {
      action: str('What action was taken or failed.'),
      apiVersion: str(API_VERSION),
      count: int32('How many times the event occurred.'),
      eventTime: ref('io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime', 'When the event was first observed, in microseconds.'),
      firstTimestamp: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'When the event was first recorded.'),
      involvedObject: ref('io.k8s.api.core.v1.ObjectReference', 'The object the event is about.'),
      kind: str(KIND),
      lastTimestamp: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'When the event was last recorded.'),
      message: str('Human-readable description of the event.'),
      metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations and the fields the server maintains.'),
      reason: str('Short machine-readable reason for the event.'),
      related: ref('io.k8s.api.core.v1.ObjectReference', 'A second object involved in the event.'),
      reportingComponent: str('Name of the controller that emitted the event.'),
      reportingInstance: str('Identifier of the controller instance that emitted the event.'),
      series: ref('io.k8s.api.core.v1.EventSeries', 'Data about a repeating event.'),
      source: ref('io.k8s.api.core.v1.EventSource', 'The component that reported the event.'),
      type: str('Normal or Warning.'),
    },
    required: ['metadata', 'involvedObject'],
    gvk: [{ group: '', version: 'v1', kind: 'Event' }],
  },
  'io.k8s.api.core.v1.EventList': listDefinition('', 'v1', 'Event', 'io.k8s.api.core.v1.Event'),
  'io.k8s.api.core.v1.EventSeries': {
    type: 'object',
    description: 'Counts an event that keeps repeating.',
    properties: {
      count: int32(),
      lastObservedTime: ref('io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime'),
    },
  },
  'io.k8s.api.core.v1.EventSource': {
    type: 'object',
    description: 'The component and host that reported an event.',
    properties: {
      component: str(),
      host: str(),
    },
  },
  'io.k8s.api.core.v1.LocalObjectReference': {
    type: 'object',
    description: 'Names an object in the same namespace.',
    properties: {
      name: str(),
    },
    mapType: 'atomic',
  },
  'io.k8s.api.core.v1.Namespace': {
    type: 'object',
    description: 'A Namespace scopes the names of the objects inside it.',
    properties: {
      apiVersion: str(API_VERSION),
      kind: str(KIND),
      metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations and the fields the server maintains.'),
      spec: ref('io.k8s.api.core.v1.NamespaceSpec'),
      status: ref('io.k8s.api.core.v1.NamespaceStatus'),
    },
    gvk: [{ group: '', version: 'v1', kind: 'Namespace' }],
  },
  'io.k8s.api.core.v1.NamespaceCondition': {
    type: 'object',
    description: 'One condition of a namespace, such as a problem during deletion.',
    properties: {
      lastTransitionTime: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time'),
      message: str(),
      reason: str(),
      status: str(),
      type: str(),
    },
    required: ['type', 'status'],
  },
  'io.k8s.api.core.v1.NamespaceList': listDefinition('', 'v1', 'Namespace', 'io.k8s.api.core.v1.Namespace'),
  'io.k8s.api.core.v1.NamespaceSpec': {
    type: 'object',
    description: 'The desired state of a namespace.',
    properties: {
      finalizers: arrayOf(str(), undefined, { listType: 'atomic' }),
    },
  },
  'io.k8s.api.core.v1.NamespaceStatus': {
    type: 'object',
    description: 'The observed state of a namespace.',
    properties: {
      conditions: arrayOf(ref('io.k8s.api.core.v1.NamespaceCondition'), undefined, { listType: 'map', listMapKeys: ['type'], patchStrategy: 'merge', patchMergeKey: 'type' }),
      phase: str(undefined, { enum: ['Active', 'Terminating'] }),
    },
  },
  'io.k8s.api.core.v1.ObjectReference': {
    type: 'object',
    description: 'A reference to any object, precise enough to inspect or modify it.',
    properties: {
      apiVersion: str(),
      fieldPath: str(),
      kind: str(),
      name: str(),
      namespace: str(),
      resourceVersion: str(),
      uid: str(),
    },
    mapType: 'atomic',
  },
}
