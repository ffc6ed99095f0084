/**
 * Pod → CRI PodSandboxConfig (upstream kuberuntime generatePodSandboxConfig):
 * metadata with the attempt, hostname (empty for host-network pods: runc and
 * crun refuse a hostname without a private UTS namespace, runtimes-debian.md
 * §3), log directory `<dataDir>/pods/<ns>_<name>_<uid>`, upstream labels,
 * namespace options, host port mappings, cgroup parent, and the pod's
 * resources and overhead (kubelet-cri.md §4).
 */
import { join } from 'node:path'
import type { KubeObject } from '../api/meta.ts'
import type { NamespaceOption, PodSandboxConfig } from '../cri/interface.ts'
import { NODE_NAME, POD_NAME, POD_NAMESPACE, POD_UID } from './labels.ts'
import { sandboxResources } from './pod-resources.ts'

type Obj = Record<string, any>

export const podLogDir = (dataDir: string, pod: KubeObject) =>
  join(dataDir, 'pods', `${pod.metadata.namespace}_${pod.metadata.name}_${pod.metadata.uid}`)

/** `<name>_<namespace>(<uid>)`, as the kubelet names pods in messages. */
export const podDesc = (pod: KubeObject) => `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`

export const namespaceOptions = (pod: KubeObject): NamespaceOption => {
  const spec = (pod.spec ?? {}) as Obj
  return {
    network: spec.hostNetwork ? 'NODE' : 'POD',
    pid: spec.hostPID ? 'NODE' : spec.shareProcessNamespace ? 'POD' : 'CONTAINER',
    ipc: spec.hostIPC ? 'NODE' : 'POD',
  }
}

/** Pod hostname: spec.hostname or the pod name, cut to 63 characters without a trailing dash or dot. */
export const podHostname = (pod: KubeObject): string => {
  const spec = (pod.spec ?? {}) as Obj
  if (spec.hostNetwork) return ''
  const name = String(spec.hostname || pod.metadata.name || '')
  return name.length > 63 ? name.slice(0, 63).replace(/[-.]+$/, '') : name
}

export const podLabels = (pod: KubeObject, nodeName: string): Record<string, string> => ({
  ...(pod.metadata.labels ?? {}),
  [POD_NAME]: pod.metadata.name!,
  [POD_NAMESPACE]: pod.metadata.namespace!,
  [POD_UID]: pod.metadata.uid!,
  [NODE_NAME]: nodeName,
})

export interface SandboxConfigOptions {
  dataDir: string
  nodeName: string
  attempt: number
  cgroupParent?: string
}

export const buildSandboxConfig = (pod: KubeObject, opts: SandboxConfigOptions): PodSandboxConfig => {
  const spec = (pod.spec ?? {}) as Obj
  const sc: Obj = spec.securityContext ?? {}
  const ports = (spec.containers ?? []).flatMap((c: Obj) => c.ports ?? []).filter((p: Obj) => p.hostPort)
  const { resources, overhead } = sandboxResources(pod)
  return {
    metadata: { name: pod.metadata.name!, uid: pod.metadata.uid!, namespace: pod.metadata.namespace!, attempt: opts.attempt },
    hostname: podHostname(pod),
    log_directory: podLogDir(opts.dataDir, pod),
    labels: podLabels(pod, opts.nodeName),
    annotations: { ...(pod.metadata.annotations ?? {}) },
    ...(ports.length
      ? { port_mappings: ports.map((p: Obj) => ({ protocol: p.protocol ?? 'TCP', container_port: p.containerPort, host_port: p.hostPort, host_ip: p.hostIP ?? '' })) }
      : {}),
    linux: {
      ...(opts.cgroupParent ? { cgroup_parent: opts.cgroupParent } : {}),
      security_context: {
        namespace_options: namespaceOptions(pod),
        ...(sc.runAsUser !== undefined ? { run_as_user: { value: String(sc.runAsUser) } } : {}),
      },
      sysctls: Object.fromEntries((sc.sysctls ?? []).map((s: Obj) => [s.name, s.value])),
      resources,
      ...(overhead ? { overhead } : {}),
    },
  }
}
