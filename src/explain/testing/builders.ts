/** Builders for explain tests: a pod, a class, a node, events and node-side facts, each with only what a case needs. */
import type { ApiFacts, KubeEvent, Node, NodeFacts, Pod, RuntimeClass, RuntimeEntry, SandboxFacts } from '../types.ts'

export const rc = (name: string, handler: string, extra: Partial<RuntimeClass> = {}): RuntimeClass => ({
  apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler, ...extra,
})

export const pod = (o: { name?: string; spec?: Partial<Pod['spec']>; status?: Pod['status'] } = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: o.name ?? 'p', namespace: 'default', uid: `uid-${o.name ?? 'p'}` },
  spec: { containers: [{ name: 'c' }], ...o.spec },
  ...(o.status ? { status: o.status } : {}),
})

export const node = (name: string, o: { labels?: Record<string, string>; handlers?: string[]; taints?: { key: string; value?: string; effect: string }[]; cpu?: string; memory?: string } = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
  spec: o.taints ? { taints: o.taints } : {},
  status: {
    allocatable: { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: '110' },
    ...(o.handlers ? { runtimeHandlers: ['', ...o.handlers].map((h) => ({ name: h })) } : {}),
  },
})

export const event = (p: Pod, type: string, reason: string, message: string, ts = '2025-01-01T00:00:00Z'): KubeEvent => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name: `${p.metadata.name}.${reason}`, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: p.metadata.name, namespace: 'default', uid: p.metadata.uid }, type, reason, message, count: 1, lastTimestamp: ts,
})

export const facts = (p: Pod, o: Partial<ApiFacts> = {}): ApiFacts => ({ pod: p, events: [], nodes: [], pods: [], classes: [], ...o })

export const entry = (handler: string, o: Partial<RuntimeEntry> = {}): RuntimeEntry => ({
  handler, runtimeType: 'io.containerd.runc.v2', binaryName: `/usr/sbin/${handler}`, root: `/d/oci-root/${handler}`, ...o,
})

export const sandbox = (o: Partial<SandboxFacts> = {}): SandboxFacts => ({
  id: 'sb0123456789abcdef', state: 'SANDBOX_READY', runtimeHandler: 'runsc', ip: '10.88.0.2',
  containers: [{ id: 'ct0123456789abcdef', name: 'c', state: 'CONTAINER_RUNNING' }], ...o,
})

export const reachable = (o: Partial<Extract<NodeFacts, { reachable: true }>> = {}): NodeFacts => ({
  reachable: true, socket: '/d/containerd.sock', sandboxes: [], ...o,
})
