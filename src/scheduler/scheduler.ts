/**
 * The scheduler: watches Pods, Nodes and RuntimeClasses through the API client
 * into its cache and queue, runs one synchronous scheduling cycle per Pod
 * (no API calls), assumes the Pod on the chosen node and binds it in the
 * background through pods/binding (bounded concurrency). Failures write
 * PodScheduled=False and a FailedScheduling event and park the Pod until the
 * cluster changes. Handles only Pods for `default-scheduler` (or no
 * schedulerName) without nodeName that are not being deleted.
 */
import type { Logger } from 'pino'
import type { ApiClient } from '../client/index.ts'
import { NODES, PODS, RUNTIME_CLASSES } from '../client/resources.ts'
import { Informer } from '../client/informer.ts'
import { EventRecorder } from '../client/event-recorder.ts'
import type { KubeObject } from '../api/meta.ts'
import type { Handle, Registry, Status } from './framework/interface.ts'
import type { Node } from './framework/node-info.ts'
import { newPodInfo, podKey, type Pod, type PodInfo } from './framework/pod-info.ts'
import { Framework } from './framework/runtime.ts'
import { asError } from './framework/status.ts'
import { truncateEventMessage } from './framework/fit-error.ts'
import { defaultProfile, inTreeRegistry, type Profile } from './registry.ts'
import { SchedulerCache } from './cache.ts'
import { SchedulingQueue, type QueueOptions, type QueuedPodInfo } from './queue.ts'
import { Algorithm } from './schedule-one.ts'
import { patchPodScheduled, podScheduledCondition, scheduledMessage, type FailureReason } from './failure.ts'
import { nodeSchedulingPropertiesChanged } from './node-events.ts'

export interface SchedulerOptions {
  client: ApiClient
  signal: AbortSignal
  log?: Logger
  profile?: Profile
  registry?: Registry
  queue?: QueueOptions
  /** Bindings in flight at once (default 64). */
  maxInFlightBinds?: number
}

export interface SchedulerStats {
  attempts: number
  /** Nodes run through the filters, summed over all cycles. */
  nodesEvaluated: number
  /** Time spent in scheduling cycles (filter, score, assume), ms. */
  cycleMs: number
  scheduled: number
  unschedulable: number
  errors: number
}

export interface Scheduler {
  /** Resolves once the initial lists are synced. */
  ready: Promise<void>
  stats: SchedulerStats
  /** Waits for queued event writes (tests). */
  flushEvents(): Promise<void>
}

type RuntimeClass = KubeObject & { handler?: string }

const CYCLES_PER_YIELD = 32

export const startScheduler = (opts: SchedulerOptions): Scheduler => {
  const { client, signal, log } = opts
  const profile = opts.profile ?? defaultProfile
  const stats: SchedulerStats = { attempts: 0, nodesEvaluated: 0, cycleMs: 0, scheduled: 0, unschedulable: 0, errors: 0 }
  const onError = (err: unknown) => log?.warn({ err }, 'scheduler')
  const recorder = new EventRecorder(client, { component: profile.schedulerName, onError })
  const cache = new SchedulerCache()
  const queue = new SchedulingQueue(opts.queue)
  const informer = <T extends KubeObject>(r: typeof PODS, fieldSelector?: string) => new Informer<T>(client, r, { signal, fieldSelector, onError })
  // Finished pods hold no resources; upstream's scheduler watches the same selector.
  const pods = informer<Pod>(PODS, 'status.phase!=Succeeded,status.phase!=Failed')
  const nodes = informer<Node>(NODES)
  const classes = informer<RuntimeClass>(RUNTIME_CLASSES)

  const handle: Handle = {
    nodes: () => cache.nodeList(),
    runtimeClassHandler: (name) => classes.get(name)?.handler,
    nodesReportingHandler: (h) => cache.nodesReportingHandler(h),
    runFilters: (state, pod, node) => framework.runFilters(state, pod, node),
    recordEvent: (obj, type, reason, message, action) => recorder.record({ apiVersion: 'v1', kind: 'Pod', ...obj }, type, reason, message, action),
    bindPod: async (pi, nodeName) => {
      const { name, namespace, uid } = pi.pod.metadata
      const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace, uid }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } }
      try {
        await client.create(PODS, binding, { namespace, subresource: 'binding', name })
        return undefined
      } catch (err) {
        return asError(err)
      }
    },
  }
  const framework = new Framework(opts.registry ?? inTreeRegistry, profile, handle)
  const algorithm = new Algorithm(framework, profile.percentageOfNodesToScore)

  const responsible = (pod: Pod) =>
    (pod.spec?.schedulerName || 'default-scheduler') === profile.schedulerName && !pod.spec?.nodeName && !pod.metadata.deletionTimestamp

  pods.addHandlers({
    onAdd: (pod) => {
      if (pod.spec?.nodeName) cache.addPod(newPodInfo(pod), pod.spec.nodeName)
      else if (responsible(pod)) queue.add(newPodInfo(pod))
    },
    onUpdate: (_old, pod) => {
      const key = podKey(pod)
      if (pod.spec?.nodeName) {
        queue.delete(key)
        cache.addPod(newPodInfo(pod), pod.spec.nodeName)
      } else if (responsible(pod)) queue.update(newPodInfo(pod))
      else queue.delete(key)
    },
    onDelete: (pod) => {
      const key = podKey(pod)
      queue.delete(key)
      if (cache.nodeOf(key) !== undefined) {
        cache.removePod(key)
        queue.moveAllToActiveOrBackoff()
      }
    },
  })
  nodes.addHandlers({
    onAdd: (node) => {
      cache.upsertNode(node)
      queue.moveAllToActiveOrBackoff()
    },
    onUpdate: (old, node) => {
      cache.upsertNode(node)
      if (nodeSchedulingPropertiesChanged(old, node)) queue.moveAllToActiveOrBackoff()
    },
    onDelete: (node) => cache.removeNode(node.metadata.name!),
  })
  const classChanged = () => queue.moveAllToActiveOrBackoff()
  classes.addHandlers({ onAdd: classChanged, onUpdate: classChanged, onDelete: classChanged })

  const failed = (q: QueuedPodInfo, cycle: number, reason: FailureReason, message: string) => {
    const key = q.podInfo.key
    const current = pods.get(key)
    // Deleted or bound elsewhere meanwhile: nothing to report, nothing to retry.
    if (!current || current.spec?.nodeName || current.metadata.deletionTimestamp) return queue.done(key)
    if (reason === 'Unschedulable') {
      stats.unschedulable++
      queue.addUnschedulable(q, cycle)
    } else {
      stats.errors++
      queue.addBackoff(q)
    }
    handle.recordEvent(current, 'Warning', 'FailedScheduling', truncateEventMessage(message), 'Scheduling')
    const condition = podScheduledCondition(current, reason, message, new Date())
    if (condition) patchPodScheduled(client, current, condition).catch(onError)
  }

  let inFlight = 0
  let bindDone: (() => void) | undefined
  const bindingCycle = async (q: QueuedPodInfo, cycle: number, nodeName: string, state: Map<string, unknown>) => {
    const pi = q.podInfo
    let status: Status | undefined
    try {
      status = await framework.runBind(pi, nodeName)
    } catch (err) {
      status = asError(err)
    }
    if (!status) {
      stats.scheduled++
      queue.done(pi.key)
      handle.recordEvent(pi.pod, 'Normal', 'Scheduled', scheduledMessage(pi.pod, nodeName), 'Binding')
      return
    }
    cache.forgetPod(pi.key)
    framework.runUnreserve(state, pi, nodeName)
    failed(q, cycle, 'SchedulerError', `binding rejected: ${status.reasons.join(', ')}`)
  }

  const scheduleOne = (q: QueuedPodInfo) => {
    const pi: PodInfo = q.podInfo
    const current = pods.get(pi.key)
    if (!current || !responsible(current)) return queue.done(pi.key)
    stats.attempts++
    const cycle = queue.cycle
    const state = new Map<string, unknown>()
    const t0 = performance.now()
    const outcome = algorithm.schedule(state, pi, cache.nodeList())
    stats.cycleMs += performance.now() - t0
    if (!outcome.ok) return failed(q, cycle, 'Unschedulable', outcome.message)
    stats.nodesEvaluated += outcome.evaluated
    cache.assumePod(pi, outcome.nodeName)
    const reserve = framework.runReserve(state, pi, outcome.nodeName)
    if (reserve) {
      cache.forgetPod(pi.key)
      return failed(q, cycle, 'Unschedulable', reserve.reasons.join(', '))
    }
    inFlight++
    bindingCycle(q, cycle, outcome.nodeName, state)
      .catch(onError)
      .finally(() => {
        inFlight--
        bindDone?.()
      })
  }

  const maxInFlight = opts.maxInFlightBinds ?? 64
  const loop = async () => {
    let sinceYield = 0
    while (!signal.aborted) {
      const q = await queue.pop()
      if (!q) return
      try {
        scheduleOne(q)
      } catch (err) {
        onError(err)
        queue.addBackoff(q)
      }
      while (inFlight >= maxInFlight && !signal.aborted) await new Promise<void>((r) => (bindDone = r))
      // Let informer events and timers in between cycles, so the cache stays fresh.
      if (++sinceYield >= CYCLES_PER_YIELD) {
        sinceYield = 0
        await new Promise((r) => setImmediate(r))
      }
    }
  }

  signal.addEventListener('abort', () => {
    queue.close()
    bindDone?.()
  })
  for (const inf of [classes, nodes, pods]) inf.start()
  const ready = Promise.all([pods.synced, nodes.synced, classes.synced]).then(() => {
    loop().catch(onError)
  })
  return { ready, stats, flushEvents: () => recorder.flush() }
}
