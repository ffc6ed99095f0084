/**
 * Pod container → CRI ContainerConfig (upstream kuberuntime generateContainerConfig):
 * command and args with `$(VAR)` expansion, env (values, fieldRef basics,
 * later duplicates win), workingDir, emptyDir/hostPath mounts, labels and
 * annotations, log path `<container>/<restartCount>.log` under the sandbox's
 * log directory, resources (its own, no overhead), basic securityContext, and
 * no_new_privs always for the runc-hardened handler (containerd takes that
 * flag from the CRI config, not from the base spec: runtimes-debian.md §6).
 */
import { join } from 'node:path'
import type { KubeObject } from '../api/meta.ts'
import type { ContainerConfig, KeyValue, Mount } from '../cri/interface.ts'
import { CONTAINER_NAME, NODE_NAME, POD_NAME, POD_NAMESPACE, POD_UID, RESTART_COUNT_ANNOTATION, TERMINATION_GRACE_ANNOTATION } from './labels.ts'
import { containerResources } from './pod-resources.ts'
import { namespaceOptions } from './sandbox-config.ts'

type Obj = Record<string, any>

/** Handlers whose containers always run with no_new_privs. */
export const NO_NEW_PRIVS_HANDLERS = new Set(['runc-hardened'])

export interface ContainerContext {
  dataDir: string
  nodeName: string
  handler: string
  podIP: string
  hostIP: string
  memoryCapacity: number
  restartCount: number
  /** The image reference to run (resolved by the image step). */
  image: string
}

/** Expands `$(NAME)` from `env`; `$$` escapes a dollar; unknown names stay as written (upstream expansion). */
export const expand = (s: string, env: Map<string, string>): string =>
  s.replace(/\$\$|\$\(([^)]*)\)/g, (whole, name: string | undefined) => (name === undefined ? '$' : (env.get(name) ?? whole)))

/** metadata.labels['a'] / metadata.annotations['a'] */
const mapKey = /^metadata\.(labels|annotations)\['(.*)'\]$/

export const fieldRefValue = (pod: KubeObject, path: string, ctx: { podIP: string; hostIP: string; nodeName: string }): string => {
  const spec = (pod.spec ?? {}) as Obj
  const m = mapKey.exec(path)
  if (m) return (pod.metadata[m[1] as 'labels' | 'annotations'] ?? {})[m[2]] ?? ''
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? ''
    case 'metadata.namespace':
      return pod.metadata.namespace ?? ''
    case 'metadata.uid':
      return pod.metadata.uid ?? ''
    case 'spec.nodeName':
      return spec.nodeName ?? ctx.nodeName
    case 'spec.serviceAccountName':
      return spec.serviceAccountName ?? ''
    case 'status.podIP':
      return ctx.podIP
    case 'status.podIPs':
      return ctx.podIP
    case 'status.hostIP':
    case 'status.hostIPs':
      return ctx.hostIP
    default:
      throw new Error(`unsupported fieldRef ${JSON.stringify(path)}`)
  }
}

export const containerEnv = (pod: KubeObject, container: Obj, ctx: ContainerContext): KeyValue[] => {
  const env = new Map<string, string>()
  for (const e of container.env ?? []) {
    if (e.valueFrom?.fieldRef) env.set(e.name, fieldRefValue(pod, e.valueFrom.fieldRef.fieldPath, ctx))
    else if (e.valueFrom) continue // configMap/secret/resource refs: not supported by this agent
    else env.set(e.name, expand(String(e.value ?? ''), env))
  }
  return [...env].map(([key, value]) => ({ key, value }))
}

export const emptyDirPath = (dataDir: string, pod: KubeObject, volume: string) =>
  join(dataDir, 'pods', pod.metadata.uid!, 'volumes', 'kubernetes.io~empty-dir', volume)

export const containerMounts = (pod: KubeObject, container: Obj, dataDir: string): Mount[] => {
  const volumes = new Map<string, Obj>(((pod.spec as Obj)?.volumes ?? []).map((v: Obj) => [v.name, v]))
  const mounts: Mount[] = []
  for (const vm of container.volumeMounts ?? []) {
    const v = volumes.get(vm.name)
    const base = v?.emptyDir ? emptyDirPath(dataDir, pod, v.name) : v?.hostPath ? String(v.hostPath.path) : undefined
    if (!base) continue
    mounts.push({ container_path: vm.mountPath, host_path: vm.subPath ? join(base, vm.subPath) : base, readonly: !!vm.readOnly })
  }
  return mounts
}

export const buildContainerConfig = (pod: KubeObject, container: Obj, ctx: ContainerContext): ContainerConfig => {
  const podSc: Obj = (pod.spec as Obj)?.securityContext ?? {}
  const sc: Obj = container.securityContext ?? {}
  const envs = containerEnv(pod, container, ctx)
  const envMap = new Map(envs.map((e) => [e.key, e.value]))
  const runAsUser = sc.runAsUser ?? podSc.runAsUser
  const runAsGroup = sc.runAsGroup ?? podSc.runAsGroup
  const caps = sc.capabilities ?? {}
  const noNewPrivs = NO_NEW_PRIVS_HANDLERS.has(ctx.handler) || sc.allowPrivilegeEscalation === false
  return {
    metadata: { name: container.name, attempt: ctx.restartCount },
    image: { image: ctx.image },
    ...(container.command ? { command: container.command.map((s: string) => expand(s, envMap)) } : {}),
    ...(container.args ? { args: container.args.map((s: string) => expand(s, envMap)) } : {}),
    ...(container.workingDir ? { working_dir: container.workingDir } : {}),
    envs,
    mounts: containerMounts(pod, container, ctx.dataDir),
    labels: {
      [POD_NAME]: pod.metadata.name!,
      [POD_NAMESPACE]: pod.metadata.namespace!,
      [POD_UID]: pod.metadata.uid!,
      [CONTAINER_NAME]: container.name,
      [NODE_NAME]: ctx.nodeName,
    },
    annotations: {
      [RESTART_COUNT_ANNOTATION]: String(ctx.restartCount),
      [TERMINATION_GRACE_ANNOTATION]: String((pod.spec as Obj)?.terminationGracePeriodSeconds ?? 30),
      'io.kubernetes.container.terminationMessagePath': container.terminationMessagePath ?? '/dev/termination-log',
    },
    log_path: `${container.name}/${ctx.restartCount}.log`,
    stdin: !!container.stdin,
    stdin_once: !!container.stdinOnce,
    tty: !!container.tty,
    linux: {
      resources: containerResources(pod, container, ctx.memoryCapacity),
      security_context: {
        ...(sc.privileged ? { privileged: true } : {}),
        ...(runAsUser !== undefined ? { run_as_user: { value: String(runAsUser) } } : {}),
        ...(runAsGroup !== undefined ? { run_as_group: { value: String(runAsGroup) } } : {}),
        ...(sc.readOnlyRootFilesystem ? { readonly_rootfs: true } : {}),
        ...(noNewPrivs ? { no_new_privs: true } : {}),
        ...(caps.add || caps.drop ? { capabilities: { add_capabilities: caps.add ?? [], drop_capabilities: caps.drop ?? [] } } : {}),
        namespace_options: namespaceOptions(pod),
      },
    },
  }
}
