/**
 * The CRI (runtime.v1) as the node agent sees it: the RuntimeService and
 * ImageService calls it needs, with messages in the proto's own field names
 * (snake_case, as @grpc/proto-loader with keepCase yields them). Timestamps are
 * int64 nanoseconds carried as decimal strings. Every call takes a deadline.
 * Errors are `CriError` (cri/errors.ts) carrying the gRPC code and details.
 */

export interface KeyValue {
  key: string
  value: string
}

export interface PodSandboxMetadata {
  name: string
  uid: string
  namespace: string
  attempt: number
}

export type NamespaceMode = 'POD' | 'CONTAINER' | 'NODE' | 'TARGET'

export interface NamespaceOption {
  network?: NamespaceMode
  pid?: NamespaceMode
  ipc?: NamespaceMode
}

export interface LinuxContainerResources {
  cpu_period?: string
  cpu_quota?: string
  cpu_shares?: string
  memory_limit_in_bytes?: string
  oom_score_adj?: string
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata
  hostname?: string
  log_directory?: string
  dns_config?: { servers?: string[]; searches?: string[]; options?: string[] }
  port_mappings?: { protocol?: 'TCP' | 'UDP' | 'SCTP'; container_port?: number; host_port?: number; host_ip?: string }[]
  labels?: Record<string, string>
  annotations?: Record<string, string>
  linux?: {
    cgroup_parent?: string
    security_context?: { namespace_options?: NamespaceOption; privileged?: boolean; run_as_user?: { value: string } }
    sysctls?: Record<string, string>
    overhead?: LinuxContainerResources
    resources?: LinuxContainerResources
  }
}

export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY'
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN'

export interface PodSandbox {
  id: string
  metadata: PodSandboxMetadata
  state: SandboxState
  created_at: string
  labels: Record<string, string>
  annotations: Record<string, string>
  runtime_handler: string
}

export interface PodSandboxStatus extends PodSandbox {
  network?: { ip: string; additional_ips?: { ip: string }[] }
}

export interface Mount {
  container_path: string
  host_path: string
  readonly?: boolean
  propagation?: 'PROPAGATION_PRIVATE' | 'PROPAGATION_HOST_TO_CONTAINER' | 'PROPAGATION_BIDIRECTIONAL'
}

export interface ContainerConfig {
  metadata: { name: string; attempt: number }
  image: { image: string }
  command?: string[]
  args?: string[]
  working_dir?: string
  envs?: KeyValue[]
  mounts?: Mount[]
  labels?: Record<string, string>
  annotations?: Record<string, string>
  /** Relative to the sandbox's log_directory. */
  log_path?: string
  stdin?: boolean
  stdin_once?: boolean
  tty?: boolean
  linux?: {
    resources?: LinuxContainerResources
    security_context?: {
      privileged?: boolean
      run_as_user?: { value: string }
      run_as_group?: { value: string }
      readonly_rootfs?: boolean
      no_new_privs?: boolean
      namespace_options?: NamespaceOption
      capabilities?: { add_capabilities?: string[]; drop_capabilities?: string[] }
    }
  }
}

export interface Container {
  id: string
  pod_sandbox_id: string
  metadata: { name: string; attempt: number }
  image: { image: string }
  image_ref: string
  state: ContainerState
  created_at: string
  labels: Record<string, string>
  annotations: Record<string, string>
}

export interface ContainerStatus {
  id: string
  metadata: { name: string; attempt: number }
  state: ContainerState
  created_at: string
  started_at: string
  finished_at: string
  exit_code: number
  image: { image: string }
  image_ref: string
  reason: string
  message: string
  labels: Record<string, string>
  annotations: Record<string, string>
  log_path: string
}

export interface RuntimeCondition {
  type: string
  status: boolean
  reason: string
  message: string
}

export interface RuntimeStatus {
  conditions: RuntimeCondition[]
  /** Verbose info (containerd: `config` holds its CRI config as JSON). */
  info: Record<string, string>
  runtime_handlers: { name: string }[]
}

export interface VersionInfo {
  version: string
  runtime_name: string
  runtime_version: string
  runtime_api_version: string
}

export interface Image {
  id: string
  repo_tags: string[]
  repo_digests: string[]
  size: string
}

export interface CallOptions {
  /** Milliseconds; every CRI call has one (a wedged runtime must not hang the agent). */
  timeoutMs?: number
}

export interface RuntimeService {
  version(opts?: CallOptions): Promise<VersionInfo>
  status(verbose?: boolean, opts?: CallOptions): Promise<RuntimeStatus>
  runPodSandbox(config: PodSandboxConfig, runtimeHandler: string, opts?: CallOptions): Promise<string>
  stopPodSandbox(id: string, opts?: CallOptions): Promise<void>
  removePodSandbox(id: string, opts?: CallOptions): Promise<void>
  podSandboxStatus(id: string, opts?: CallOptions): Promise<PodSandboxStatus>
  listPodSandbox(filter?: { id?: string; state?: SandboxState; label_selector?: Record<string, string> }, opts?: CallOptions): Promise<PodSandbox[]>
  createContainer(sandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig, opts?: CallOptions): Promise<string>
  startContainer(id: string, opts?: CallOptions): Promise<void>
  stopContainer(id: string, timeoutSeconds: number, opts?: CallOptions): Promise<void>
  removeContainer(id: string, opts?: CallOptions): Promise<void>
  listContainers(filter?: { id?: string; state?: ContainerState; pod_sandbox_id?: string; label_selector?: Record<string, string> }, opts?: CallOptions): Promise<Container[]>
  containerStatus(id: string, opts?: CallOptions): Promise<ContainerStatus>
  execSync(id: string, cmd: string[], timeoutSeconds: number, opts?: CallOptions): Promise<{ stdout: Buffer; stderr: Buffer; exit_code: number }>
}

export interface ImageService {
  listImages(opts?: CallOptions): Promise<Image[]>
  /** undefined when the image is not present. */
  imageStatus(image: string, opts?: CallOptions): Promise<Image | undefined>
  pullImage(image: string, opts?: CallOptions): Promise<string>
}

export interface CriClient extends RuntimeService, ImageService {
  close(): void
}

/**
 * Calls beyond the node agent's core interface (added for the runtime side:
 * proving which runtime ran a pod, images, streaming URLs). Implemented by
 * GrpcCriClient and kept separate so fakes of CriClient need not grow.
 */
export interface VerboseStatus<T> {
  status: T
  /** Runtime-specific JSON strings (containerd: `info` with runtimeHandler, runtimeOptions, pid, ...). */
  info: Record<string, string>
}

export interface CriClientExtras {
  podSandboxStatusVerbose(id: string, opts?: CallOptions): Promise<VerboseStatus<PodSandboxStatus>>
  containerStatusVerbose(id: string, opts?: CallOptions): Promise<VerboseStatus<ContainerStatus>>
  reopenContainerLog(id: string, opts?: CallOptions): Promise<void>
  /** Streaming-server URL for an interactive exec (kubectl exec). */
  exec(req: { container_id: string; cmd: string[]; tty?: boolean; stdin?: boolean; stdout?: boolean; stderr?: boolean }, opts?: CallOptions): Promise<string>
  /** Streaming-server URL for attaching to a running container (kubectl attach). */
  attach(req: { container_id: string; tty?: boolean; stdin?: boolean; stdout?: boolean; stderr?: boolean }, opts?: CallOptions): Promise<string>
  removeImage(image: string, opts?: CallOptions): Promise<void>
}
