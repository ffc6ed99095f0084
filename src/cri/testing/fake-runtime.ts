/**
 * An in-memory CriClient for unit tests of the node agent: sandboxes and
 * containers with the CRI state machine (ready/notready, created/running/exited),
 * label filters, images, configured handlers, and hooks to make containers exit
 * or calls fail. It complements the real containerd in tests; it never proves a
 * feature on its own. Its errors are the real client's CriError.
 */
import type {
  Container,
  ContainerConfig,
  ContainerState,
  ContainerStatus,
  CriClient,
  Image,
  PodSandbox,
  PodSandboxConfig,
  PodSandboxStatus,
  RuntimeStatus,
  SandboxState,
  VersionInfo,
} from '../interface.ts'
import { CriError } from '../errors.ts'

/** gRPC status codes used here (grpc-go numbering). */
export const GRPC_UNKNOWN = 2
export const GRPC_NOT_FOUND = 5

/** A CriError as the real client raises it, for `failNext` and the fake's own failures. */
export const criError = (grpcCode: number, details: string, method = 'Test') => new CriError(grpcCode, details, method)

interface FakeSandbox {
  sandbox: PodSandbox
  config: PodSandboxConfig
  ip: string
}

interface FakeContainer {
  container: Container
  config: ContainerConfig
  startedAt: string
  finishedAt: string
  exitCode: number
  reason: string
}

export interface FakeRuntimeOptions {
  /** Handlers the runtime has; "" (the default) always works. */
  handlers?: string[]
  images?: string[]
  version?: string
}

const nowNs = () => (BigInt(Date.now()) * 1_000_000n).toString()
const matches = (labels: Record<string, string>, selector?: Record<string, string>) =>
  !selector || Object.entries(selector).every(([k, v]) => labels[k] === v)

export class FakeRuntime implements CriClient {
  readonly sandboxes = new Map<string, FakeSandbox>()
  readonly containers = new Map<string, FakeContainer>()
  readonly images = new Map<string, Image>()
  readonly handlers: Set<string>
  /** Every call in order, e.g. `runPodSandbox runc`, `stopContainer c3 30`. */
  readonly calls: string[] = []
  /** Throw this from the next call of the named method (once). */
  readonly failNext = new Map<string, Error>()
  /** Called when a container starts, e.g. to make it exit at once. */
  onStart?: (id: string, config: ContainerConfig) => void
  private nextId = 1
  private nextIp = 2

  constructor(private readonly opts: FakeRuntimeOptions = {}) {
    this.handlers = new Set(['', ...(opts.handlers ?? ['runc'])])
    for (const image of opts.images ?? []) this.addImage(image)
  }

  addImage(name: string): void {
    this.images.set(name, { id: `sha256:${(this.nextId++).toString(16).padStart(64, '0')}`, repo_tags: [name], repo_digests: [], size: '1000' })
  }

  /** Makes a running container exit with `code` (as if its process ended). */
  exit(id: string, code: number): void {
    const c = this.containers.get(id)
    if (!c || c.container.state !== 'CONTAINER_RUNNING') return
    c.container.state = 'CONTAINER_EXITED'
    c.exitCode = code
    c.reason = code === 0 ? 'Completed' : 'Error'
    c.finishedAt = nowNs()
  }

  /** Running containers by pod container name, for assertions. */
  byName(name: string, state?: ContainerState): FakeContainer[] {
    return [...this.containers.values()].filter((c) => c.config.metadata.name === name && (!state || c.container.state === state))
  }

  close(): void {}

  private call(what: string, method: string) {
    this.calls.push(what)
    const err = this.failNext.get(method)
    if (err) {
      this.failNext.delete(method)
      throw err
    }
  }

  async version(): Promise<VersionInfo> {
    return { version: '0.1.0', runtime_name: 'containerd', runtime_version: this.opts.version ?? '1.6.20~ds1', runtime_api_version: 'v1' }
  }

  async status(verbose?: boolean): Promise<RuntimeStatus> {
    const runtimes = Object.fromEntries([...this.handlers].filter(Boolean).map((h) => [h, {}]))
    return {
      conditions: [
        { type: 'RuntimeReady', status: true, reason: '', message: '' },
        { type: 'NetworkReady', status: true, reason: '', message: '' },
      ],
      info: verbose ? { config: JSON.stringify({ containerd: { defaultRuntimeName: 'runc', runtimes } }) } : {},
      runtime_handlers: [],
    }
  }

  async runPodSandbox(config: PodSandboxConfig, runtimeHandler: string): Promise<string> {
    this.call(`runPodSandbox ${runtimeHandler}`, 'runPodSandbox')
    if (!this.handlers.has(runtimeHandler)) {
      throw criError(GRPC_UNKNOWN, `failed to get sandbox runtime: no runtime for "${runtimeHandler}" is configured`)
    }
    const id = `s${this.nextId++}`
    this.sandboxes.set(id, {
      config,
      ip: config.linux?.security_context?.namespace_options?.network === 'NODE' ? '' : `10.88.0.${this.nextIp++}`,
      sandbox: {
        id,
        metadata: config.metadata,
        state: 'SANDBOX_READY',
        created_at: nowNs(),
        labels: config.labels ?? {},
        annotations: config.annotations ?? {},
        runtime_handler: runtimeHandler,
      },
    })
    return id
  }

  async stopPodSandbox(id: string): Promise<void> {
    this.call(`stopPodSandbox ${id}`, 'stopPodSandbox')
    const s = this.sandboxes.get(id)
    if (!s) return
    for (const c of this.containers.values()) if (c.container.pod_sandbox_id === id) this.exit(c.container.id, 137)
    s.sandbox.state = 'SANDBOX_NOTREADY'
  }

  async removePodSandbox(id: string): Promise<void> {
    this.call(`removePodSandbox ${id}`, 'removePodSandbox')
    for (const c of [...this.containers.values()]) if (c.container.pod_sandbox_id === id) this.containers.delete(c.container.id)
    this.sandboxes.delete(id)
  }

  async podSandboxStatus(id: string): Promise<PodSandboxStatus> {
    const s = this.sandboxes.get(id)
    if (!s) throw criError(GRPC_NOT_FOUND, `an error occurred when try to find sandbox: not found`)
    return { ...s.sandbox, network: { ip: s.ip } }
  }

  async listPodSandbox(filter?: { id?: string; state?: SandboxState; label_selector?: Record<string, string> }): Promise<PodSandbox[]> {
    return [...this.sandboxes.values()]
      .map((s) => s.sandbox)
      .filter((s) => (!filter?.id || s.id === filter.id) && (!filter?.state || s.state === filter.state) && matches(s.labels, filter?.label_selector))
      .map((s) => ({ ...s }))
  }

  async createContainer(sandboxId: string, config: ContainerConfig): Promise<string> {
    this.call(`createContainer ${config.metadata.name} ${config.metadata.attempt}`, 'createContainer')
    const s = this.sandboxes.get(sandboxId)
    if (!s || s.sandbox.state !== 'SANDBOX_READY') throw criError(GRPC_UNKNOWN, `sandbox ${sandboxId} is not ready`)
    const image = this.images.get(config.image.image)
    if (!image) throw criError(GRPC_NOT_FOUND, `failed to get image "${config.image.image}": not found`)
    const id = `c${this.nextId++}`
    this.containers.set(id, {
      config,
      startedAt: '0',
      finishedAt: '0',
      exitCode: 0,
      reason: '',
      container: {
        id,
        pod_sandbox_id: sandboxId,
        metadata: config.metadata,
        image: { image: config.image.image },
        image_ref: image.id,
        state: 'CONTAINER_CREATED',
        created_at: nowNs(),
        labels: config.labels ?? {},
        annotations: config.annotations ?? {},
      },
    })
    return id
  }

  async startContainer(id: string): Promise<void> {
    this.call(`startContainer ${id}`, 'startContainer')
    const c = this.containers.get(id)
    if (!c) throw criError(GRPC_NOT_FOUND, `container "${id}" not found`)
    c.container.state = 'CONTAINER_RUNNING'
    c.startedAt = nowNs()
    this.onStart?.(id, c.config)
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    this.call(`stopContainer ${id} ${timeoutSeconds}`, 'stopContainer')
    this.exit(id, 137)
  }

  async removeContainer(id: string): Promise<void> {
    this.call(`removeContainer ${id}`, 'removeContainer')
    this.containers.delete(id)
  }

  async listContainers(filter?: { id?: string; state?: ContainerState; pod_sandbox_id?: string; label_selector?: Record<string, string> }): Promise<Container[]> {
    return [...this.containers.values()]
      .map((c) => c.container)
      .filter(
        (c) =>
          (!filter?.id || c.id === filter.id) &&
          (!filter?.state || c.state === filter.state) &&
          (!filter?.pod_sandbox_id || c.pod_sandbox_id === filter.pod_sandbox_id) &&
          matches(c.labels, filter?.label_selector),
      )
      .map((c) => ({ ...c }))
  }

  async containerStatus(id: string): Promise<ContainerStatus> {
    const c = this.containers.get(id)
    if (!c) throw criError(GRPC_NOT_FOUND, `an error occurred when try to find container "${id}": not found`)
    const s = this.sandboxes.get(c.container.pod_sandbox_id)
    return {
      id,
      metadata: c.container.metadata,
      state: c.container.state,
      created_at: c.container.created_at,
      started_at: c.startedAt,
      finished_at: c.finishedAt,
      exit_code: c.exitCode,
      image: c.container.image,
      image_ref: c.container.image_ref,
      reason: c.reason,
      message: '',
      labels: c.container.labels,
      annotations: c.container.annotations,
      log_path: s?.config.log_directory && c.config.log_path ? `${s.config.log_directory}/${c.config.log_path}` : '',
    }
  }

  async execSync(): Promise<{ stdout: Buffer; stderr: Buffer; exit_code: number }> {
    return { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exit_code: 0 }
  }

  async listImages(): Promise<Image[]> {
    return [...this.images.values()]
  }

  async imageStatus(image: string): Promise<Image | undefined> {
    return this.images.get(image)
  }

  async pullImage(image: string): Promise<string> {
    this.call(`pullImage ${image}`, 'pullImage')
    const found = this.images.get(image)
    if (!found) throw criError(GRPC_NOT_FOUND, `image "${image}" is not available offline: no registry access`)
    return found.id
  }
}
