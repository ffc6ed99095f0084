/**
 * The Node object the agent registers and the status it posts (pure): capacity
 * and allocatable from the host (allocatable = capacity minus upstream's hard
 * eviction thresholds), addresses, nodeInfo, conditions with upstream reasons,
 * daemonEndpoints, images, `status.runtimeHandlers` (`""` first, then the
 * handlers sorted) and one `runtime-handler.runclass.dev/<h>=true` label each.
 */
import type { KubeObject } from '../api/meta.ts'
import type { Image, RuntimeStatus, VersionInfo } from '../cri/interface.ts'
import type { HostInfo } from './host-info.ts'

type Obj = Record<string, any>

export const KUBELET_VERSION = 'v1.33.0-runclass'
export const HANDLER_LABEL_PREFIX = 'runtime-handler.runclass.dev/'
export const MAX_PODS = 110
const EVICTION_MEMORY = 100 * 1024 * 1024
const MAX_IMAGES = 50

export interface NodeFacts {
  nodeName: string
  host: HostInfo
  version: VersionInfo
  handlers: string[]
  runtime?: RuntimeStatus
  /** Why the runtime could not be asked, if it could not. */
  runtimeError?: string
  images?: Image[]
  kubeletPort?: number
}

const kib = (bytes: number) => `${Math.floor(bytes / 1024)}Ki`

export const sortedHandlers = (handlers: string[]): string[] => [...new Set(handlers.filter(Boolean))].sort()

export const nodeLabels = (facts: NodeFacts): Record<string, string> => ({
  'beta.kubernetes.io/arch': facts.host.architecture,
  'beta.kubernetes.io/os': 'linux',
  'kubernetes.io/arch': facts.host.architecture,
  'kubernetes.io/hostname': facts.nodeName,
  'kubernetes.io/os': 'linux',
  ...Object.fromEntries(sortedHandlers(facts.handlers).map((h) => [`${HANDLER_LABEL_PREFIX}${h}`, 'true'])),
})

/** Labels of an existing Node made current: ours set, stale handler labels dropped, the rest kept. */
export const mergeNodeLabels = (existing: Record<string, string> | undefined, facts: NodeFacts): Record<string, string> => {
  const kept = Object.entries(existing ?? {}).filter(([k]) => !k.startsWith(HANDLER_LABEL_PREFIX))
  return { ...Object.fromEntries(kept), ...nodeLabels(facts) }
}

export const capacity = (host: HostInfo): Record<string, string> => ({
  cpu: String(host.cpus),
  'ephemeral-storage': kib(host.ephemeralStorageBytes),
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: kib(host.memoryBytes),
  pods: String(MAX_PODS),
})

/** Upstream: capacity minus evictionHard (memory.available<100Mi, nodefs.available<10%). */
export const allocatable = (host: HostInfo): Record<string, string> => ({
  ...capacity(host),
  'ephemeral-storage': String(Math.floor(host.ephemeralStorageBytes * 0.9)),
  memory: kib(Math.max(0, host.memoryBytes - EVICTION_MEMORY)),
})

/** Ready unless the runtime is down or its network is not ready, with upstream's wording. */
export const readiness = (facts: NodeFacts): { status: 'True' | 'False'; reason: string; message: string } => {
  const errs: string[] = []
  if (facts.runtimeError || !facts.runtime) errs.push('container runtime is down')
  else {
    const cond = (t: string) => facts.runtime!.conditions.find((c) => c.type === t)
    const rt = cond('RuntimeReady')
    const net = cond('NetworkReady')
    if (!rt?.status) errs.push(`container runtime not ready: RuntimeReady=false reason:${rt?.reason ?? ''} message:${rt?.message ?? ''}`)
    if (!net?.status) errs.push(`container runtime network not ready: NetworkReady=false reason:${net?.reason ?? ''} message:${net?.message ?? ''}`)
  }
  if (!errs.length) return { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
  return { status: 'False', reason: 'KubeletNotReady', message: errs.length === 1 ? errs[0] : `[${errs.join(', ')}]` }
}

const CONDITIONS = (facts: NodeFacts) => [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', ...readiness(facts) },
]

/** Conditions with heartbeat `now`, keeping lastTransitionTime while a condition's status holds. */
export const nodeConditions = (facts: NodeFacts, previous: Obj[] | undefined, now: string): Obj[] =>
  CONDITIONS(facts).map((c) => {
    const old = previous?.find((p) => p.type === c.type)
    return { ...c, lastHeartbeatTime: now, lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : now }
  })

export const nodeStatus = (facts: NodeFacts, previous: Obj | undefined, now: string): Obj => ({
  capacity: capacity(facts.host),
  allocatable: allocatable(facts.host),
  conditions: nodeConditions(facts, previous?.conditions, now),
  addresses: [
    { type: 'InternalIP', address: facts.host.internalIP },
    { type: 'Hostname', address: facts.host.hostname },
  ],
  daemonEndpoints: { kubeletEndpoint: { Port: facts.kubeletPort ?? 10250 } },
  nodeInfo: {
    machineID: facts.host.machineID,
    systemUUID: facts.host.systemUUID,
    bootID: facts.host.bootID,
    kernelVersion: facts.host.kernelVersion,
    osImage: facts.host.osImage,
    containerRuntimeVersion: `${facts.version.runtime_name}://${facts.version.runtime_version}`,
    kubeletVersion: KUBELET_VERSION,
    kubeProxyVersion: '',
    operatingSystem: 'linux',
    architecture: facts.host.architecture,
  },
  images: [...(facts.images ?? [])]
    .sort((a, b) => Number(b.size) - Number(a.size))
    .slice(0, MAX_IMAGES)
    .map((i) => ({ names: [...i.repo_digests, ...i.repo_tags], sizeBytes: Number(i.size) })),
  // containerd 1.6 supports neither recursive read-only mounts nor user namespaces.
  runtimeHandlers: ['', ...sortedHandlers(facts.handlers)].map((name) => ({ name, features: { recursiveReadOnlyMounts: false, userNamespaces: false } })),
})

/** A status differs in substance when anything but the heartbeat times changed. */
export const sameNodeStatus = (a: Obj | undefined, b: Obj | undefined): boolean => {
  const strip = (s: Obj | undefined) => JSON.stringify({ ...s, conditions: (s?.conditions ?? []).map(({ lastHeartbeatTime: _h, ...c }: Obj) => c) })
  return strip(a) === strip(b)
}

export const newNode = (facts: NodeFacts): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: facts.nodeName,
    labels: nodeLabels(facts),
    annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
  },
  spec: {},
})
