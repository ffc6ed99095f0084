/**
 * Schema definitions: node.k8s.io RuntimeClass in v1, v1beta1 (same shape) and
 * v1alpha1 (settings under spec, handler named runtimeHandler). The three
 * versions share their parts, so one function builds each version's set.
 * Field names, types, required lists and patch metadata follow Kubernetes 1.33;
 * descriptions are our own.
 */
import type { Definitions } from '../dsl.ts'
import { str, ref, mapOf, arrayOf } from '../dsl.ts'
import { API_VERSION, KIND } from './type-meta.ts'

const HANDLER_DOC =
  'The runtime handler the container runtime on the node uses for pods of this class, for example "runc" or "runsc". Handlers are node configuration and are assumed to mean the same on every node. Must be lowercase and a DNS label (RFC 1123); it cannot be changed after creation.'
const OVERHEAD_DOC = 'Resources added to the requests of every pod that uses this class, for the sandbox itself. Filled into pod.spec.overhead at admission.'
const SCHEDULING_DOC = 'Where pods of this class may run. When unset, every node is assumed to support the class.'
const OBJECT_META_DOC = 'Standard object metadata: name, namespace, labels, annotations and the fields the server maintains.'

type Version = 'v1' | 'v1beta1' | 'v1alpha1'

const versionDefinitions = (version: Version): Definitions => {
  const name = (kind: string) => `io.k8s.api.node.${version}.${kind}`
  const gvk = (kind: string) => [{ group: 'node.k8s.io', version, kind }]
  const settings = {
    overhead: ref(name('Overhead'), OVERHEAD_DOC),
    scheduling: ref(name('Scheduling'), SCHEDULING_DOC),
  }
  const defs: Definitions = {
    [name('Overhead')]: {
      type: 'object',
      description: 'The resources a pod consumes for its sandbox, on top of what its containers request.',
      properties: {
        podFixed: mapOf(ref('io.k8s.apimachinery.pkg.api.resource.Quantity'), 'Fixed resource amounts (resource name to quantity) each pod of this class uses beyond its containers.'),
      },
    },
    [name('Scheduling')]: {
      type: 'object',
      description: 'Constraints that steer pods of a RuntimeClass to the nodes that support it.',
      properties: {
        nodeSelector: mapOf(str(), 'Labels a node must carry to support this class. Merged into the nodeSelector of each pod of the class at admission; a conflict rejects the pod.', 'atomic'),
        tolerations: arrayOf(ref('io.k8s.api.core.v1.Toleration'), 'Tolerations added at admission to each pod of the class (duplicates are skipped), so its pods can reach the nodes reserved for it.', { listType: 'atomic' }),
      },
    },
    [name('RuntimeClassList')]: {
      type: 'object',
      description: 'A list of RuntimeClass objects.',
      properties: {
        apiVersion: str(API_VERSION),
        items: arrayOf(ref(name('RuntimeClass')), 'The RuntimeClass objects.'),
        kind: str(KIND),
        metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', 'Standard list metadata: the resourceVersion of the list and the continue token.'),
      },
      required: ['items'],
      gvk: gvk('RuntimeClassList'),
    },
  }
  if (version === 'v1alpha1') {
    defs[name('RuntimeClass')] = {
      type: 'object',
      description: 'A RuntimeClass names a container runtime configuration pods can select. In this alpha version the settings sit under spec.',
      properties: {
        apiVersion: str(API_VERSION),
        kind: str(KIND),
        metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', OBJECT_META_DOC),
        spec: ref(name('RuntimeClassSpec'), 'The settings of the class.'),
      },
      required: ['spec'],
      gvk: gvk('RuntimeClass'),
    }
    defs[name('RuntimeClassSpec')] = {
      type: 'object',
      description: 'The settings of an alpha RuntimeClass.',
      properties: { ...settings, runtimeHandler: str(HANDLER_DOC) },
      required: ['runtimeHandler'],
    }
  } else {
    defs[name('RuntimeClass')] = {
      type: 'object',
      description: 'A RuntimeClass names a container runtime configuration (handler) pods can select with spec.runtimeClassName, together with the overhead and node constraints that come with it.',
      properties: {
        apiVersion: str(API_VERSION),
        handler: str(HANDLER_DOC),
        kind: str(KIND),
        metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', OBJECT_META_DOC),
        ...settings,
      },
      required: ['handler'],
      gvk: gvk('RuntimeClass'),
    }
  }
  return defs
}

export const nodeDefinitions: Definitions = {
  ...versionDefinitions('v1'),
  ...versionDefinitions('v1beta1'),
  ...versionDefinitions('v1alpha1'),
}
