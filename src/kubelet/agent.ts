/**
 * The node agent (kubelet role): `startAgent` registers the Node, keeps its
 * Lease and status fresh, follows RuntimeClasses and the Pods bound to the
 * node, and runs each Pod through CRI under its handler (pod workers +
 * syncPod), adopting what already runs after a restart and removing what
 * belongs to deleted Pods. `podLogs` serves `pods/log` and `podExec`
 * `pods/exec`/`pods/attach` for the apiserver.
 * Everything stops when `signal` aborts; `stopped` resolves after that.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { KubeObject } from '../api/meta.ts'
import type { ExecOptions, ExecSession } from '../streaming/exec-io.ts'
import { EventRecorder } from '../client/event-recorder.ts'
import { Informer } from '../client/informer.ts'
import type { ApiClient } from '../client/interface.ts'
import { PODS } from '../client/resources.ts'
import type { CriClient, VersionInfo } from '../cri/interface.ts'
import { Backoff } from './backoff.ts'
import { readHostInfo } from './host-info.ts'
import { podExec } from './exec.ts'
import { killPod } from './kill-pod.ts'
import { runLeaseLoop } from './node-lease.ts'
import type { NodeFacts } from './node-status.ts'
import { removeOrphans } from './orphans.ts'
import { runPleg } from './pleg.ts'
import { PodCgroups } from './pod-cgroups.ts'
import { podEvents } from './pod-events.ts'
import { podLogs } from './pod-logs.ts'
import { PodWorkers } from './pod-workers.ts'
import { registerNode, runNodeStatusLoop } from './registration.ts'
import { RuntimeClassManager } from './runtimeclass-manager.ts'
import { StatusManager } from './status-manager.ts'
import type { AgentLog, SyncContext } from './sync-context.ts'
import { syncPod } from './sync-pod.ts'

export type { AgentLog } from './sync-context.ts'

export interface AgentTimings {
  leaseRenewMs?: number
  nodeStatusMs?: number
  plegMs?: number
  crashBackoffInitialMs?: number
  crashBackoffMaxMs?: number
  imageBackoffInitialMs?: number
  callTimeoutMs?: number
  sandboxTimeoutMs?: number
  logPollMs?: number
}

export interface AgentOptions {
  client: ApiClient
  cri: CriClient
  nodeName: string
  /** Handlers the runtime has (e.g. from discoverHandlers); reported sorted, after `""`. */
  handlers: string[]
  signal: AbortSignal
  log: AgentLog
  /** Pod log directories and volumes live under `<dataDir>/pods`. */
  dataDir: string
  /**
   * Root of the cgroup filesystem for pod cgroups; false disables them. Default: /sys/fs/cgroup
   * when running as root on a host with a memory controller.
   */
  cgroupRoot?: string | false
  kubeletPort?: number
  timings?: AgentTimings
}

export interface Agent {
  nodeName: string
  /** The apiserver's podLogs hook (ServerContext.podLogs). */
  podLogs(pod: KubeObject, query: URLSearchParams, signal?: AbortSignal): Promise<AsyncIterable<string>>
  /** The apiserver's podExec hook (ServerContext.podExec): pods/exec and pods/attach. */
  podExec(pod: KubeObject, options: ExecOptions, kind: 'exec' | 'attach'): Promise<ExecSession>
  /** Resolves once every loop has ended after the signal aborted. */
  stopped: Promise<void>
  /** Resolves when no pod sync is running (tests). */
  idle(): Promise<void>
  /** Flushes queued events (tests, shutdown). */
  flushEvents(): Promise<void>
}

/** Anything but status and bookkeeping metadata changed. */
export const specChanged = (a: KubeObject, b: KubeObject): boolean => {
  const essence = (o: KubeObject) => {
    const { resourceVersion: _rv, managedFields: _mf, ...meta } = o.metadata
    return JSON.stringify([meta, o.spec])
  }
  return essence(a) !== essence(b)
}

const defaultCgroupRoot = (): string | undefined => {
  if (process.getuid?.() !== 0) return undefined
  const root = '/sys/fs/cgroup'
  return existsSync(join(root, 'memory')) || existsSync(join(root, 'cgroup.controllers')) ? root : undefined
}

/** The kubelet refuses a runtime whose VersionResponse has an empty field. */
const checkVersion = (v: VersionInfo) => {
  const missing = Object.entries(v).filter(([, value]) => !value)
  if (missing.length) throw new Error(`not all fields are set in VersionResponse (${JSON.stringify(v)})`)
}

export const startAgent = async (opts: AgentOptions): Promise<Agent> => {
  const { client, cri, nodeName, signal, log, dataDir } = opts
  const t = opts.timings ?? {}
  const callTimeoutMs = t.callTimeoutMs ?? 30_000
  mkdirSync(join(dataDir, 'pods'), { recursive: true })
  const version = await cri.version({ timeoutMs: callTimeoutMs })
  checkVersion(version)

  const facts = async (): Promise<NodeFacts> => {
    const base = { nodeName, host: readHostInfo(dataDir), version, handlers: opts.handlers, kubeletPort: opts.kubeletPort }
    try {
      const [runtime, images] = await Promise.all([cri.status(false, { timeoutMs: callTimeoutMs }), cri.listImages({ timeoutMs: callTimeoutMs })])
      return { ...base, runtime, images }
    } catch (err) {
      return { ...base, runtimeError: (err as Error).message }
    }
  }
  const first = await facts()
  const node = await registerNode(client, first)
  const onError = (what: string) => (err: unknown) => log.warn({ err: (err as Error)?.message ?? String(err) }, what)

  const runtimeClasses = new RuntimeClassManager(client, signal, onError('RuntimeClass informer'))
  await runtimeClasses.start()

  const recorder = new EventRecorder(client, { component: 'kubelet', host: nodeName, onError: onError('event') })
  const cgroupRoot = opts.cgroupRoot === undefined ? defaultCgroupRoot() : opts.cgroupRoot || undefined
  const ctx: SyncContext = {
    client,
    cri,
    runtimeClasses,
    events: podEvents(recorder),
    status: new StatusManager(client),
    log,
    nodeName,
    dataDir,
    hostIP: () => first.host.internalIP,
    memoryCapacity: first.host.memoryBytes,
    runtimeName: version.runtime_name,
    cgroups: cgroupRoot ? new PodCgroups(cgroupRoot) : undefined,
    crashBackoff: new Backoff({ initialMs: t.crashBackoffInitialMs, maxMs: t.crashBackoffMaxMs }),
    imageBackoff: new Backoff({ initialMs: t.imageBackoffInitialMs }),
    sandboxBackoff: new Backoff({ initialMs: 1000, maxMs: 30_000 }),
    imageErrors: new Map(),
    memory: new Map(),
    callTimeoutMs,
    sandboxTimeoutMs: t.sandboxTimeoutMs ?? 240_000,
  }

  const workers = new PodWorkers({
    sync: (pod) => syncPod(ctx, pod),
    onGone: (pod) => killPod(ctx, pod, { graceSeconds: 2, remove: true }),
    log,
    signal,
  })
  const pods = new Informer(client, PODS, { signal, fieldSelector: `spec.nodeName=${nodeName}`, onError: onError('Pod informer') })
  pods.addHandlers({
    onAdd: (pod) => workers.update(pod),
    // Like the kubelet's config source, only changes outside status start a sync.
    onUpdate: (old, pod) => (specChanged(old, pod) ? workers.update(pod) : workers.refresh(pod)),
    onDelete: (pod) => workers.remove(pod),
  })
  pods.start()
  await pods.synced

  const cleaning = new Set<string>()
  const loops = [
    runLeaseLoop({ client, node: () => node, signal, renewMs: t.leaseRenewMs, onError: onError('lease') }),
    runNodeStatusLoop({ client, facts, signal, updateMs: t.nodeStatusMs, onError: onError('node status') }),
    // Started after the pod list is in: only then is "no such pod" a fact, not a lag.
    runPleg({
      cri,
      nodeName,
      signal,
      periodMs: t.plegMs,
      timeoutMs: callTimeoutMs,
      known: (uid) => workers.has(uid),
      wake: (uid) => workers.wake(uid),
      orphans: (uids) => {
        // One removal per uid at a time: PLEG keeps reporting an orphan until it is gone.
        const fresh = uids.filter((u) => !cleaning.has(u))
        for (const u of fresh) cleaning.add(u)
        if (fresh.length) void removeOrphans(ctx, fresh).catch(onError('orphan removal')).finally(() => fresh.forEach((u) => cleaning.delete(u)))
      },
      onError: onError('PLEG'),
    }),
  ]
  log.info({ node: nodeName, handlers: opts.handlers, runtime: `${version.runtime_name}://${version.runtime_version}`, podCgroups: !!ctx.cgroups }, 'node agent started')

  return {
    nodeName,
    podLogs: (pod, query, sig) => podLogs({ cri, dataDir, callTimeoutMs, pollMs: t.logPollMs }, pod, query, sig),
    podExec: (pod, options, kind) => podExec({ cri, callTimeoutMs }, pod, options, kind),
    stopped: Promise.all(loops).then(async () => {
      await workers.idle()
      await recorder.flush()
    }),
    idle: () => workers.idle(),
    flushEvents: () => recorder.flush(),
  }
}
