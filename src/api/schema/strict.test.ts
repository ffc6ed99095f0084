import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { definitions } from './index.ts'
import { dropUnknownFields, findUnknownFields, walkQuantities } from './strict.ts'

const RC_V1 = 'io.k8s.api.node.v1.RuntimeClass'
const RC_V1ALPHA1 = 'io.k8s.api.node.v1alpha1.RuntimeClass'
const POD = 'io.k8s.api.core.v1.Pod'
const NODE = 'io.k8s.api.core.v1.Node'

const realisticPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'a/b': 'c' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true }] },
  spec: {
    runtimeClassName: 'gvisor',
    overhead: { cpu: '250m', memory: '120Mi' },
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }],
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }], matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }],
      },
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone', namespaces: ['x'], matchLabelKeys: ['pod-template-hash'] }] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, topologyKey: 'kubernetes.io/hostname', namespaceSelector: {} } }] },
    },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, minDomains: 2, nodeAffinityPolicy: 'Honor' }],
    securityContext: { runAsUser: 1000, runAsNonRoot: true, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'net.ipv4.ip_forward', value: '0' }], supplementalGroupsPolicy: 'Merge' },
    dnsConfig: { nameservers: ['1.1.1.1'], options: [{ name: 'ndots', value: '2' }] },
    hostAliases: [{ ip: '10.0.0.1', hostnames: ['db'] }],
    readinessGates: [{ conditionType: 'example.com/ready' }],
    schedulingGates: [{ name: 'wait' }],
    os: { name: 'linux' },
    initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'], restartPolicy: 'Always' }],
    containers: [
      {
        name: 'main',
        image: 'nginx:1.27',
        imagePullPolicy: 'IfNotPresent',
        args: ['-g', 'daemon off;'],
        ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
        env: [{ name: 'A', value: '1' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } }],
        envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'X_' }, { secretRef: { name: 's', optional: true } }],
        resources: { requests: { cpu: 1, memory: '64Mi' }, limits: { cpu: '2', memory: '128Mi' }, claims: [{ name: 'gpu' }] },
        volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true, recursiveReadOnly: 'IfPossible' }],
        livenessProbe: { httpGet: { path: '/healthz', port: 'http', httpHeaders: [{ name: 'X', value: 'y' }] }, initialDelaySeconds: 3, periodSeconds: 10 },
        readinessProbe: { tcpSocket: { port: 80 }, failureThreshold: 3 },
        startupProbe: { exec: { command: ['cat', '/tmp/ok'] } },
        lifecycle: { preStop: { sleep: { seconds: 5 } }, postStart: { exec: { command: ['true'] } } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }, readOnlyRootFilesystem: true, appArmorProfile: { type: 'RuntimeDefault' } },
        resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }],
        stdin: false,
        tty: false,
      },
      { name: 'grpc', image: 'x', livenessProbe: { grpc: { port: 9000, service: 'health' } } },
    ],
    volumes: [
      { name: 'data', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
      { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'a', path: 'a.txt', mode: 0o644 }], defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 's', optional: true } },
      { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600, audience: 'api' } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }, { configMap: { name: 'c' } }] } },
      { name: 'dapi', downwardAPI: { items: [{ path: 'cpu', resourceFieldRef: { containerName: 'main', resource: 'requests.cpu' } }] } },
      { name: 'pvc', persistentVolumeClaim: { claimName: 'claim', readOnly: false } },
      { name: 'csi', csi: { driver: 'inline.csi', volumeAttributes: { a: 'b' }, nodePublishSecretRef: { name: 's' } } },
      { name: 'nfs', nfs: { server: 'nfs', path: '/export' } },
      { name: 'eph', ephemeral: { volumeClaimTemplate: { metadata: { labels: { a: 'b' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'fast' } } } },
    ],
    resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }],
  },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
    containerStatuses: [{ name: 'main', ready: true, restartCount: 0, image: 'nginx', imageID: 'sha', started: true, state: { running: { startedAt: '2026-01-01T00:00:00Z' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }],
    hostIP: '10.0.0.2', hostIPs: [{ ip: '10.0.0.2' }], podIP: '10.1.0.5', podIPs: [{ ip: '10.1.0.5' }],
    qosClass: 'Burstable', startTime: '2026-01-01T00:00:00Z', nominatedNodeName: 'n', reason: 'r', message: 'm',
  },
}

describe('findUnknownFields', () => {
  const table: { name: string; root: string; body: unknown; want: string[] }[] = [
    { name: 'valid RuntimeClass', root: RC_V1, body: { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc', overhead: { podFixed: { cpu: '250m' } }, scheduling: { nodeSelector: { a: 'b' }, tolerations: [{ key: 'k', operator: 'Exists' }] } }, want: [] },
    { name: 'seed manifest: overhead without podFixed, in body order', root: RC_V1, body: { apiVersion: 'node.k8s.io/v1', handler: 'kata', kind: 'RuntimeClass', metadata: { name: 'kata' }, overhead: { memory: '100Mi', cpu: '0.1' } }, want: ['unknown field "overhead.memory"', 'unknown field "overhead.cpu"'] },
    { name: 'kubectl sorts keys, so cpu comes first', root: RC_V1, body: { overhead: { cpu: '0.1', memory: '100Mi' } }, want: ['unknown field "overhead.cpu"', 'unknown field "overhead.memory"'] },
    { name: 'v1 body with spec', root: RC_V1, body: { handler: 'runc', spec: { runtimeHandler: 'runc' } }, want: ['unknown field "spec"'] },
    { name: 'v1alpha1 body with top-level handler', root: RC_V1ALPHA1, body: { apiVersion: 'node.k8s.io/v1alpha1', kind: 'RuntimeClass', metadata: { name: 'x' }, handler: 'runc', spec: { runtimeHandler: 'runc' } }, want: ['unknown field "handler"'] },
    { name: 'v1alpha1 spec.handler', root: RC_V1ALPHA1, body: { spec: { handler: 'runc' } }, want: ['unknown field "spec.handler"'] },
    { name: 'unknown metadata field', root: RC_V1, body: { metadata: { name: 'x', app: 'y' }, handler: 'h' }, want: ['unknown field "metadata.app"'] },
    { name: 'toleration typo inside list', root: RC_V1, body: { handler: 'h', scheduling: { tolerations: [{ key: 'a' }, { key: 'b', efect: 'NoSchedule' }] } }, want: ['unknown field "scheduling.tolerations[1].efect"'] },
    { name: 'realistic Pod', root: POD, body: realisticPod, want: [] },
    { name: 'container typo', root: POD, body: { spec: { containers: [{ name: 'a', image: 'b', foo: 1 }] } }, want: ['unknown field "spec.containers[0].foo"'] },
    { name: 'nested probe typo', root: POD, body: { spec: { containers: [{ name: 'a', livenessProbe: { httpGet: { port: 80, pth: '/' } } }] } }, want: ['unknown field "spec.containers[0].livenessProbe.httpGet.pth"'] },
    { name: 'unknown volume source', root: POD, body: { spec: { volumes: [{ name: 'v', emptyDir: {} }, { name: 'w', tmpfs: {} }] } }, want: ['unknown field "spec.volumes[1].tmpfs"'] },
    { name: 'free-form maps accept any key', root: NODE, body: { metadata: { labels: { 'x/y': 'z' } }, status: { capacity: { 'example.com/gpu': '2' }, runtimeHandlers: [{ name: '', features: { recursiveReadOnlyMounts: true, userNamespaces: false } }], features: { supplementalGroupsPolicy: true } } }, want: [] },
    { name: 'repeated problem reported once', root: RC_V1, body: { handler: 'h', scheduling: { tolerations: [{ x: 1 }, { x: 2 }] } }, want: ['unknown field "scheduling.tolerations[0].x"', 'unknown field "scheduling.tolerations[1].x"'] },
    { name: 'managedFields fieldsV1 is free-form', root: RC_V1, body: { handler: 'h', metadata: { managedFields: [{ manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:handler': {} } }] } }, want: [] },
    { name: 'wrong JSON types are not unknown fields', root: RC_V1, body: { handler: 'h', scheduling: 'x', overhead: [] }, want: [] },
  ]
  for (const t of table) it(t.name, () => assert.deepEqual(findUnknownFields(definitions, t.root, t.body), t.want))

  it('throws for an unknown root definition', () => {
    assert.throws(() => findUnknownFields(definitions, 'io.k8s.api.nope.v1.Nope', {}), /unknown definition io.k8s.api.nope.v1.Nope/)
  })
})

describe('dropUnknownFields', () => {
  const table: { name: string; root: string; body: unknown; want: unknown }[] = [
    { name: 'seed manifest keeps an empty overhead', root: RC_V1, body: { handler: 'kata', overhead: { memory: '100Mi', cpu: '0.1' } }, want: { handler: 'kata', overhead: {} } },
    { name: 'drops inside lists', root: POD, body: { spec: { containers: [{ name: 'a', foo: 1 }] }, bogus: true }, want: { spec: { containers: [{ name: 'a' }] } } },
    { name: 'keeps map entries', root: RC_V1, body: { handler: 'h', scheduling: { nodeSelector: { a: 'b' } } }, want: { handler: 'h', scheduling: { nodeSelector: { a: 'b' } } } },
    { name: 'v1alpha1 drops top-level handler', root: RC_V1ALPHA1, body: { handler: 'x', spec: { runtimeHandler: 'y' } }, want: { spec: { runtimeHandler: 'y' } } },
  ]
  for (const t of table) it(t.name, () => assert.deepEqual(dropUnknownFields(definitions, t.root, t.body), t.want))

  it('does not modify its input', () => {
    const body = { handler: 'h', extra: 1 }
    dropUnknownFields(definitions, RC_V1, body)
    assert.deepEqual(body, { handler: 'h', extra: 1 })
  })
})

describe('walkQuantities', () => {
  const mark = (q: string) => `<${q}>`
  const table: { name: string; root: string; body: unknown; want: unknown }[] = [
    { name: 'RuntimeClass overhead.podFixed', root: RC_V1, body: { handler: 'h', overhead: { podFixed: { cpu: '0.25', memory: '120Mi' } } }, want: { handler: 'h', overhead: { podFixed: { cpu: '<0.25>', memory: '<120Mi>' } } } },
    { name: 'numbers become their string form', root: RC_V1, body: { overhead: { podFixed: { cpu: 1, memory: 0.5 } } }, want: { overhead: { podFixed: { cpu: '<1>', memory: '<0.5>' } } } },
    { name: 'pod overhead, container requests/limits, emptyDir sizeLimit, divisor', root: POD, body: { spec: { overhead: { cpu: '1' }, containers: [{ name: 'a', resources: { requests: { cpu: 2 }, limits: { memory: '1Gi' } }, env: [{ name: 'M', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } }] }], volumes: [{ name: 'v', emptyDir: { sizeLimit: '500Mi' } }] } }, want: { spec: { overhead: { cpu: '<1>' }, containers: [{ name: 'a', resources: { requests: { cpu: '<2>' }, limits: { memory: '<1Gi>' } }, env: [{ name: 'M', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '<1Mi>' } } }] }], volumes: [{ name: 'v', emptyDir: { sizeLimit: '<500Mi>' } }] } } },
    { name: 'node capacity and allocatable', root: NODE, body: { status: { capacity: { cpu: '4', pods: '110' }, allocatable: { memory: '7Gi' } } }, want: { status: { capacity: { cpu: '<4>', pods: '<110>' }, allocatable: { memory: '<7Gi>' } } } },
    { name: 'non-quantity strings and numbers untouched', root: POD, body: { metadata: { name: '1', labels: { cpu: '1' } }, spec: { priority: 5, containers: [{ name: '1', ports: [{ containerPort: 80 }] }] } }, want: { metadata: { name: '1', labels: { cpu: '1' } }, spec: { priority: 5, containers: [{ name: '1', ports: [{ containerPort: 80 }] }] } } },
    { name: 'unknown fields are copied as they are', root: RC_V1, body: { overhead: { cpu: 1 } }, want: { overhead: { cpu: 1 } } },
    { name: 'null and wrong types are left alone', root: RC_V1, body: { overhead: { podFixed: { cpu: null, memory: true } } }, want: { overhead: { podFixed: { cpu: null, memory: true } } } },
  ]
  for (const t of table) it(t.name, () => assert.deepEqual(walkQuantities(definitions, t.root, t.body, mark), t.want))
})
