/**
 * Pod rows as upstream's printPod: Name, Ready ("1/1", sidecars counted),
 * Status (phase, overridden by init progress `Init:x/y`, container waiting or
 * terminated reasons, `Terminating`, `Unknown` for NodeLost), Restarts
 * ("2 (5m ago)"), Age, then wide IP, Node, Nominated Node, Readiness Gates.
 * Succeeded and Failed pods carry a `Completed` row condition.
 */
import type { KubeObject } from '../../api/meta.ts'
import * as d from './descriptions.ts'
import { humanDuration, parseTimestamp, timestampSince } from './human-duration.ts'
import { arr, column, num, obj, str } from './table-types.ts'
import type { PrintedRow, ResourcePrinter, TableRowCondition } from './table-types.ts'

export const podColumns = [
  column('Name', 'string', d.OBJECT_META_NAME, { format: 'name' }),
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  column('Age', 'string', d.OBJECT_META_CREATION_TIMESTAMP),
  column('IP', 'string', d.POD_STATUS_POD_IP, { priority: 1 }),
  column('Node', 'string', d.POD_SPEC_NODE_NAME, { priority: 1 }),
  column('Nominated Node', 'string', d.POD_STATUS_NOMINATED_NODE_NAME, { priority: 1 }),
  column('Readiness Gates', 'string', d.POD_SPEC_READINESS_GATES, { priority: 1 }),
]

const SUCCEEDED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]

// The node lifecycle controller's reason for pods on an unreachable node.
const NODE_UNREACHABLE_POD_REASON = 'NodeLost'

const conditionIs = (conditions: unknown[], type: string, status = 'True'): boolean => {
  const c = conditions.map(obj).find((x) => x.type === type)
  return c !== undefined && c.status === status
}

/** Tracks the latest `lastState.terminated.finishedAt` seen. */
const later = (current: number | undefined, status: Record<string, unknown>): number | undefined => {
  const finished = parseTimestamp(obj(obj(status.lastState).terminated).finishedAt)
  if (finished === undefined) return current
  return current === undefined || finished > current ? finished : current
}

const terminatedReason = (terminated: Record<string, unknown>, prefix: string): string => {
  if (str(terminated.reason)) return prefix + str(terminated.reason)
  const signal = num(terminated.signal)
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${num(terminated.exitCode)}`
}

export const printPod = (pod: KubeObject, now: Date): PrintedRow => {
  const spec = obj(pod.spec)
  const status = obj(pod.status)
  const conditions = arr(status.conditions)
  const initSpecs = arr(spec.initContainers).map(obj)
  const phase = str(status.phase)

  let reason = str(status.reason) || phase
  for (const c of conditions.map(obj)) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated'
  }

  // Sidecars (restartable init containers) count towards Ready like app containers.
  const restartable = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => str(c.name)))
  const totalContainers = arr(spec.containers).length + restartable.size
  let readyContainers = 0
  let restarts = 0
  let lastRestart: number | undefined
  let sidecarRestarts = 0
  let lastSidecarRestart: number | undefined

  let initializing = false
  const initStatuses = arr(status.initContainerStatuses).map(obj)
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]
    const state = obj(c.state)
    const terminated = state.terminated === undefined || state.terminated === null ? undefined : obj(state.terminated)
    const waiting = state.waiting === undefined || state.waiting === null ? undefined : obj(state.waiting)
    restarts += num(c.restartCount)
    lastRestart = later(lastRestart, c)
    const isSidecar = restartable.has(str(c.name))
    if (isSidecar) {
      sidecarRestarts += num(c.restartCount)
      lastSidecarRestart = later(lastSidecarRestart, c)
    }
    if (terminated && num(terminated.exitCode) === 0) continue
    if (isSidecar && c.started === true) {
      if (c.ready === true) readyContainers++
      continue
    }
    if (terminated) reason = terminatedReason(terminated, 'Init:')
    else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') reason = `Init:${str(waiting.reason)}`
    else reason = `Init:${i}/${initSpecs.length}`
    initializing = true
    break
  }

  if (!initializing || conditionIs(conditions, 'Initialized')) {
    // Once initialized, only sidecar restarts still count from the init containers.
    restarts = sidecarRestarts
    lastRestart = lastSidecarRestart
    let hasRunning = false
    const statuses = arr(status.containerStatuses).map(obj)
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]
      const state = obj(c.state)
      restarts += num(c.restartCount)
      lastRestart = later(lastRestart, c)
      const waiting = obj(state.waiting)
      const terminated = state.terminated === undefined || state.terminated === null ? undefined : obj(state.terminated)
      if (str(waiting.reason)) reason = str(waiting.reason)
      else if (terminated) reason = terminatedReason(terminated, '')
      else if (c.ready === true && state.running !== undefined && state.running !== null) {
        hasRunning = true
        readyContainers++
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionIs(conditions, 'Ready') ? 'Running' : 'NotReady'
  }

  const deleting = typeof pod.metadata.deletionTimestamp === 'string' && pod.metadata.deletionTimestamp !== ''
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown'
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating'

  const restartsText = restarts !== 0 && lastRestart !== undefined
    ? `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`
    : String(restarts)

  const podIPs = arr(status.podIPs).map(obj)
  const podIP = (podIPs.length > 0 ? str(podIPs[0].ip) : str(status.podIP)) || '<none>'
  const gates = arr(spec.readinessGates).map(obj)
  let readinessGates = '<none>'
  if (gates.length > 0) {
    const trueGates = gates.filter((g) => conditionIs(conditions, str(g.conditionType))).length
    readinessGates = `${trueGates}/${gates.length}`
  }

  const row: PrintedRow = {
    cells: [
      pod.metadata.name ?? '',
      `${readyContainers}/${totalContainers}`,
      reason,
      restartsText,
      timestampSince(pod.metadata.creationTimestamp, now),
      podIP,
      str(spec.nodeName) || '<none>',
      str(status.nominatedNodeName) || '<none>',
      readinessGates,
    ],
  }
  if (phase === 'Succeeded') row.conditions = SUCCEEDED
  else if (phase === 'Failed') row.conditions = FAILED
  return row
}

export const podPrinter: ResourcePrinter = { columns: podColumns, row: printPod }
