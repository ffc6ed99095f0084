/**
 * Schema definitions: core/v1 Node: spec (taints, pod CIDRs), status (capacity, conditions, addresses, node info, images, runtime handlers).
 * Field names, types, required lists and patch metadata follow Kubernetes 1.33;
 * descriptions are our own.
 */
import type { Definitions } from '../dsl.ts'
import { str, int32, int64, bool, ref, mapOf, arrayOf } from '../dsl.ts'
import { API_VERSION, KIND, listDefinition } from './type-meta.ts'

export const coreV1NodeDefinitions: Definitions = {
  'io.k8s.api.core.v1.AttachedVolume': {
    type: 'object',
    description: 'A volume the node reports as attached.',
    properties: {
      devicePath: str(),
      name: str(),
    },
    required: ['name', 'devicePath'],
  },
  'io.k8s.api.core.v1.ConfigMapNodeConfigSource': {
    type: 'object',
    description: 'Names a ConfigMap that held dynamic kubelet configuration (feature removed; kept for compatibility).',
    properties: {
      kubeletConfigKey: str(),
      name: str(),
      namespace: str(),
      resourceVersion: str(),
      uid: str(),
    },
    required: ['namespace', 'name', 'kubeletConfigKey'],
  },
  'io.k8s.api.core.v1.ContainerImage': {
    type: 'object',
    description: 'An image present on a node, with its names and size.',
    properties: {
      names: arrayOf(str(), undefined, { listType: 'atomic' }),
      sizeBytes: int64(),
    },
  },
  'io.k8s.api.core.v1.DaemonEndpoint': {
    type: 'object',
    description: 'A port on which a node daemon listens.',
    properties: {
      Port: int32(),
    },
    required: ['Port'],
  },
  'io.k8s.api.core.v1.Node': {
    type: 'object',
    description: 'A Node is a worker machine that runs pods; its agent reports its status.',
    properties: {
      apiVersion: str(API_VERSION),
      kind: str(KIND),
      metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations and the fields the server maintains.'),
      spec: ref('io.k8s.api.core.v1.NodeSpec'),
      status: ref('io.k8s.api.core.v1.NodeStatus'),
    },
    gvk: [{ group: '', version: 'v1', kind: 'Node' }],
  },
  'io.k8s.api.core.v1.NodeAddress': {
    type: 'object',
    description: 'One address of a node.',
    properties: {
      address: str(),
      type: str(),
    },
    required: ['type', 'address'],
  },
  'io.k8s.api.core.v1.NodeCondition': {
    type: 'object',
    description: 'One condition of a node, such as Ready or MemoryPressure.',
    properties: {
      lastHeartbeatTime: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time'),
      lastTransitionTime: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time'),
      message: str(),
      reason: str(),
      status: str(),
      type: str(),
    },
    required: ['type', 'status'],
  },
  'io.k8s.api.core.v1.NodeConfigSource': {
    type: 'object',
    description: 'Dynamic kubelet configuration source (feature removed; kept for compatibility).',
    properties: {
      configMap: ref('io.k8s.api.core.v1.ConfigMapNodeConfigSource'),
    },
  },
  'io.k8s.api.core.v1.NodeConfigStatus': {
    type: 'object',
    description: 'Status of dynamic kubelet configuration (feature removed; kept for compatibility).',
    properties: {
      active: ref('io.k8s.api.core.v1.NodeConfigSource'),
      assigned: ref('io.k8s.api.core.v1.NodeConfigSource'),
      error: str(),
      lastKnownGood: ref('io.k8s.api.core.v1.NodeConfigSource'),
    },
  },
  'io.k8s.api.core.v1.NodeDaemonEndpoints': {
    type: 'object',
    description: 'The ports of the daemons running on a node.',
    properties: {
      kubeletEndpoint: ref('io.k8s.api.core.v1.DaemonEndpoint'),
    },
  },
  'io.k8s.api.core.v1.NodeFeatures': {
    type: 'object',
    description: 'Optional features the node implements.',
    properties: {
      supplementalGroupsPolicy: bool('Whether the node honours pod.spec.securityContext.supplementalGroupsPolicy.'),
    },
  },
  'io.k8s.api.core.v1.NodeList': listDefinition('', 'v1', 'Node', 'io.k8s.api.core.v1.Node'),
  'io.k8s.api.core.v1.NodeRuntimeHandler': {
    type: 'object',
    description: 'A runtime handler the node can run pods with, and what it supports.',
    properties: {
      features: ref('io.k8s.api.core.v1.NodeRuntimeHandlerFeatures', 'Features the handler supports.'),
      name: str('Handler name; empty for the default handler.'),
    },
  },
  'io.k8s.api.core.v1.NodeRuntimeHandlerFeatures': {
    type: 'object',
    description: 'Features a runtime handler supports.',
    properties: {
      recursiveReadOnlyMounts: bool('Whether the handler supports recursive read-only mounts.'),
      userNamespaces: bool('Whether the handler supports user namespaces for pods.'),
    },
  },
  'io.k8s.api.core.v1.NodeSpec': {
    type: 'object',
    description: 'How a node is configured: pod address ranges, provider id, taints and whether it takes new pods.',
    properties: {
      configSource: ref('io.k8s.api.core.v1.NodeConfigSource'),
      externalID: str(),
      podCIDR: str('The pod IP range of the node.'),
      podCIDRs: arrayOf(str(), 'The pod IP ranges of the node, at most one per IP family.', { listType: 'set', patchStrategy: 'merge' }),
      providerID: str('Identifier of the node at its infrastructure provider.'),
      taints: arrayOf(ref('io.k8s.api.core.v1.Taint'), 'Taints of the node.', { listType: 'atomic' }),
      unschedulable: bool('When true, no new pods are scheduled onto the node (cordon).'),
    },
  },
  'io.k8s.api.core.v1.NodeStatus': {
    type: 'object',
    description: 'What the node reports about itself: resources, conditions, addresses, system info, images and runtime handlers.',
    properties: {
      addresses: arrayOf(ref('io.k8s.api.core.v1.NodeAddress'), 'Addresses of the node.', { listType: 'map', listMapKeys: ['type'], patchStrategy: 'merge', patchMergeKey: 'type' }),
      allocatable: mapOf(ref('io.k8s.apimachinery.pkg.api.resource.Quantity'), 'Resources of the node available to pods.'),
      capacity: mapOf(ref('io.k8s.apimachinery.pkg.api.resource.Quantity'), 'Total resources of the node.'),
      conditions: arrayOf(ref('io.k8s.api.core.v1.NodeCondition'), 'Current conditions of the node.', { listType: 'map', listMapKeys: ['type'], patchStrategy: 'merge', patchMergeKey: 'type' }),
      config: ref('io.k8s.api.core.v1.NodeConfigStatus'),
      daemonEndpoints: ref('io.k8s.api.core.v1.NodeDaemonEndpoints'),
      features: ref('io.k8s.api.core.v1.NodeFeatures', 'Optional features the node implements.'),
      images: arrayOf(ref('io.k8s.api.core.v1.ContainerImage'), undefined, { listType: 'atomic' }),
      nodeInfo: ref('io.k8s.api.core.v1.NodeSystemInfo', 'Versions of the node software.'),
      phase: str(undefined, { enum: ['Pending', 'Running', 'Terminated'] }),
      runtimeHandlers: arrayOf(ref('io.k8s.api.core.v1.NodeRuntimeHandler'), 'Runtime handlers the node can run pods with; the entry with an empty name is the default handler.', { listType: 'atomic' }),
      volumesAttached: arrayOf(ref('io.k8s.api.core.v1.AttachedVolume'), undefined, { listType: 'atomic' }),
      volumesInUse: arrayOf(str(), undefined, { listType: 'atomic' }),
    },
  },
  'io.k8s.api.core.v1.NodeSwapStatus': {
    type: 'object',
    description: 'Swap memory of a node.',
    properties: {
      capacity: int64(),
    },
  },
  'io.k8s.api.core.v1.NodeSystemInfo': {
    type: 'object',
    description: 'Versions and identifiers of the software and machine of a node.',
    properties: {
      architecture: str(),
      bootID: str(),
      containerRuntimeVersion: str(),
      kernelVersion: str(),
      kubeProxyVersion: str(),
      kubeletVersion: str(),
      machineID: str(),
      operatingSystem: str(),
      osImage: str(),
      swap: ref('io.k8s.api.core.v1.NodeSwapStatus'),
      systemUUID: str(),
    },
    required: ['machineID', 'systemUUID', 'bootID', 'kernelVersion', 'osImage', 'containerRuntimeVersion', 'kubeletVersion', 'kubeProxyVersion', 'operatingSystem', 'architecture'],
  },
  'io.k8s.api.core.v1.Taint': {
    type: 'object',
    description: 'A taint repels pods from a node unless they tolerate it.',
    properties: {
      effect: str('What happens to pods that do not tolerate the taint: NoSchedule, PreferNoSchedule or NoExecute.', { enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] }),
      key: str('The taint key.'),
      timeAdded: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'When a NoExecute taint was added.'),
      value: str('The taint value.'),
    },
    required: ['key', 'effect'],
  },
}
