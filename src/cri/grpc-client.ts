/**
 * GrpcCriClient: CriClient over a unix socket with @grpc/grpc-js and our own
 * runtime.v1 proto. Every call carries a deadline (30 s by default,
 * RunPodSandbox 4 min like the kubelet, ExecSync its own timeout plus the
 * default). Errors are left as grpc-js ServiceErrors: cri/instrumented.ts maps
 * them to CriError in one place (use `connectCri` for the wrapped client).
 */
import * as grpc from '@grpc/grpc-js'
import * as protoLoader from '@grpc/proto-loader'
import { fileURLToPath } from 'node:url'
import type {
  CallOptions, Container, ContainerConfig, ContainerState, ContainerStatus, CriClient, CriClientExtras, Image,
  PodSandbox, PodSandboxConfig, PodSandboxStatus, RuntimeStatus, SandboxState, VerboseStatus, VersionInfo,
} from './interface.ts'

export const PROTO_PATH = fileURLToPath(new URL('./proto/runtime-v1.proto', import.meta.url))
export const DEFAULT_TIMEOUT_MS = 30_000
/** kubelet: twice the 2-minute runtime request timeout. */
export const RUN_POD_SANDBOX_TIMEOUT_MS = 240_000
export const PULL_IMAGE_TIMEOUT_MS = 300_000

let pkg: grpc.GrpcObject | undefined
const loadPackage = (): grpc.GrpcObject => {
  pkg ??= grpc.loadPackageDefinition(
    protoLoader.loadSync(PROTO_PATH, { keepCase: true, enums: String, longs: String, defaults: true, oneofs: true }),
  )
  return pkg
}

const service = (name: string): grpc.ServiceClientConstructor =>
  ((loadPackage().runtime as grpc.GrpcObject).v1 as grpc.GrpcObject)[name] as grpc.ServiceClientConstructor

/** proto-loader renders unset messages as null; the interface says undefined. */
const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v)

const sandboxStatus = (s: any): PodSandboxStatus => ({ ...s, network: orUndefined(s.network) })

export interface GrpcCriClientOptions {
  /** Default deadline for calls without their own, ms. */
  timeoutMs?: number
  /** Extra grpc-js channel options (e.g. a local subchannel pool for readiness probes). */
  channelOptions?: grpc.ChannelOptions
}

export class GrpcCriClient implements CriClient, CriClientExtras {
  readonly socket: string
  private readonly runtime: grpc.Client
  private readonly images: grpc.Client
  private readonly timeoutMs: number

  constructor(socket: string, opts: GrpcCriClientOptions = {}) {
    this.socket = socket
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const address = socket.startsWith('unix:') ? socket : `unix://${socket}`
    const channel: grpc.ChannelOptions = {
      // The kubelet allows 16 MiB messages: verbose Status and ListImages can be large.
      'grpc.max_receive_message_length': 16 * 1024 * 1024,
      'grpc.max_send_message_length': 16 * 1024 * 1024,
      // A restarted containerd is back within a second; grpc-js would otherwise back off up to 2 minutes.
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 2_000,
      ...opts.channelOptions,
    }
    this.runtime = new (service('RuntimeService'))(address, grpc.credentials.createInsecure(), channel)
    this.images = new (service('ImageService'))(address, grpc.credentials.createInsecure(), channel)
  }

  private call<T = any>(client: grpc.Client, method: string, req: object, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const fn = (client as any)[method] as (r: object, o: grpc.CallOptions, cb: (e: grpc.ServiceError | null, r: T) => void) => void
      fn.call(client, req, { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res)))
    })
  }

  private rt<T = any>(method: string, req: object, opts?: CallOptions, defaultMs = this.timeoutMs): Promise<T> {
    return this.call<T>(this.runtime, method, req, opts?.timeoutMs ?? defaultMs)
  }

  private img<T = any>(method: string, req: object, opts?: CallOptions, defaultMs = this.timeoutMs): Promise<T> {
    return this.call<T>(this.images, method, req, opts?.timeoutMs ?? defaultMs)
  }

  async version(opts?: CallOptions): Promise<VersionInfo> {
    return this.rt('Version', { version: 'v1' }, opts)
  }

  async status(verbose = false, opts?: CallOptions): Promise<RuntimeStatus> {
    const res = await this.rt('Status', { verbose }, opts)
    return {
      conditions: res.status?.conditions ?? [],
      info: res.info ?? {},
      runtime_handlers: (res.runtime_handlers ?? []).map((h: any) => ({ name: h.name })),
    }
  }

  async runPodSandbox(config: PodSandboxConfig, runtimeHandler: string, opts?: CallOptions): Promise<string> {
    const res = await this.rt('RunPodSandbox', { config, runtime_handler: runtimeHandler }, opts, RUN_POD_SANDBOX_TIMEOUT_MS)
    return res.pod_sandbox_id
  }

  async stopPodSandbox(id: string, opts?: CallOptions): Promise<void> {
    await this.rt('StopPodSandbox', { pod_sandbox_id: id }, opts)
  }

  async removePodSandbox(id: string, opts?: CallOptions): Promise<void> {
    await this.rt('RemovePodSandbox', { pod_sandbox_id: id }, opts)
  }

  async podSandboxStatus(id: string, opts?: CallOptions): Promise<PodSandboxStatus> {
    return (await this.podSandboxStatusVerbose(id, opts, false)).status
  }

  async podSandboxStatusVerbose(id: string, opts?: CallOptions, verbose = true): Promise<VerboseStatus<PodSandboxStatus>> {
    const res = await this.rt('PodSandboxStatus', { pod_sandbox_id: id, verbose }, opts)
    return { status: sandboxStatus(res.status), info: res.info ?? {} }
  }

  async listPodSandbox(
    filter?: { id?: string; state?: SandboxState; label_selector?: Record<string, string> },
    opts?: CallOptions,
  ): Promise<PodSandbox[]> {
    const f = filter && { ...filter, state: filter.state === undefined ? undefined : { state: filter.state } }
    return (await this.rt('ListPodSandbox', { filter: f }, opts)).items ?? []
  }

  async createContainer(sandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig, opts?: CallOptions): Promise<string> {
    const res = await this.rt('CreateContainer', { pod_sandbox_id: sandboxId, config, sandbox_config: sandboxConfig }, opts)
    return res.container_id
  }

  async startContainer(id: string, opts?: CallOptions): Promise<void> {
    await this.rt('StartContainer', { container_id: id }, opts)
  }

  async stopContainer(id: string, timeoutSeconds: number, opts?: CallOptions): Promise<void> {
    // The runtime waits up to the grace period before SIGKILL: the deadline must outlast it.
    await this.rt('StopContainer', { container_id: id, timeout: String(timeoutSeconds) }, opts, timeoutSeconds * 1000 + this.timeoutMs)
  }

  async removeContainer(id: string, opts?: CallOptions): Promise<void> {
    await this.rt('RemoveContainer', { container_id: id }, opts)
  }

  async listContainers(
    filter?: { id?: string; state?: ContainerState; pod_sandbox_id?: string; label_selector?: Record<string, string> },
    opts?: CallOptions,
  ): Promise<Container[]> {
    const f = filter && { ...filter, state: filter.state === undefined ? undefined : { state: filter.state } }
    return (await this.rt('ListContainers', { filter: f }, opts)).containers ?? []
  }

  async containerStatus(id: string, opts?: CallOptions): Promise<ContainerStatus> {
    return (await this.containerStatusVerbose(id, opts, false)).status
  }

  async containerStatusVerbose(id: string, opts?: CallOptions, verbose = true): Promise<VerboseStatus<ContainerStatus>> {
    const res = await this.rt('ContainerStatus', { container_id: id, verbose }, opts)
    return { status: res.status, info: res.info ?? {} }
  }

  async reopenContainerLog(id: string, opts?: CallOptions): Promise<void> {
    await this.rt('ReopenContainerLog', { container_id: id }, opts)
  }

  async execSync(id: string, cmd: string[], timeoutSeconds: number, opts?: CallOptions): Promise<{ stdout: Buffer; stderr: Buffer; exit_code: number }> {
    const res = await this.rt('ExecSync', { container_id: id, cmd, timeout: String(timeoutSeconds) }, opts, timeoutSeconds * 1000 + this.timeoutMs)
    return { stdout: Buffer.from(res.stdout ?? []), stderr: Buffer.from(res.stderr ?? []), exit_code: res.exit_code }
  }

  async exec(
    req: { container_id: string; cmd: string[]; tty?: boolean; stdin?: boolean; stdout?: boolean; stderr?: boolean },
    opts?: CallOptions,
  ): Promise<string> {
    return (await this.rt('Exec', req, opts)).url
  }

  async attach(req: { container_id: string; tty?: boolean; stdin?: boolean; stdout?: boolean; stderr?: boolean }, opts?: CallOptions): Promise<string> {
    return (await this.rt('Attach', req, opts)).url
  }

  async listImages(opts?: CallOptions): Promise<Image[]> {
    const res = await this.img('ListImages', {}, opts)
    return (res.images ?? []).map(image)
  }

  async imageStatus(ref: string, opts?: CallOptions): Promise<Image | undefined> {
    const res = await this.img('ImageStatus', { image: { image: ref } }, opts)
    // An absent image is `image` unset (CRI contract), which proto-loader gives as null.
    return res.image && res.image.id ? image(res.image) : undefined
  }

  async pullImage(ref: string, opts?: CallOptions): Promise<string> {
    return (await this.img('PullImage', { image: { image: ref } }, opts, PULL_IMAGE_TIMEOUT_MS)).image_ref
  }

  async removeImage(ref: string, opts?: CallOptions): Promise<void> {
    await this.img('RemoveImage', { image: { image: ref } }, opts)
  }

  close(): void {
    this.runtime.close()
    this.images.close()
  }
}

const image = (i: any): Image => ({ id: i.id, repo_tags: i.repo_tags ?? [], repo_digests: i.repo_digests ?? [], size: i.size })
