/**
 * The steps of a Pod's chain that the API alone can tell: RuntimeClass →
 * handler → (admission, in admission-check.ts) → scheduling decision → node
 * agent. Each is a pure function of the fetched ApiFacts.
 */
import { handlerFix, reasonFix } from './fixes.ts'
import { nodeVerdicts } from './node-reasons.ts'
import type { ApiFacts, KubeEvent, Node, Pod, Step } from './types.ts'

/** The handler the node agent will ask CRI for: '' = the runtime's default; undefined = the class is missing. */
export const resolvedHandler = (f: ApiFacts): string | undefined => {
  if (!f.pod.spec.runtimeClassName) return ''
  if (f.runtimeClass === 'NotFound' || !f.runtimeClass) return undefined
  return f.runtimeClass.handler ?? ''
}

export const eventsWithReason = (events: readonly KubeEvent[], reason: string) => events.filter((e) => e.reason === reason)

const eventLine = (e: KubeEvent) => `${e.type ?? 'Normal'} ${e.reason}: ${e.message ?? ''}${(e.count ?? 1) > 1 ? ` (×${e.count})` : ''}`

const reportedHandlers = (n: Node) => (n.status?.runtimeHandlers ?? []).map((h) => h.name).filter(Boolean)

export const runtimeClassStep = (f: ApiFacts): Step => {
  const title = 'RuntimeClass'
  const name = f.pod.spec.runtimeClassName
  if (!name) return { title, mark: 'ok', summary: 'none: default handler', facts: ['spec.runtimeClassName is not set'] }
  if (f.runtimeClass === 'NotFound' || !f.runtimeClass) {
    return {
      title, mark: 'fail', summary: `${name} (not found)`, facts: [],
      cause: `runtimeclass.node.k8s.io "${name}" not found: it was deleted after the pod was admitted`,
      fix: `create RuntimeClass "${name}" again, or recreate the pod with an existing runtimeClassName (kubectl get runtimeclasses)`,
    }
  }
  const managed = f.runtimeClass.metadata.labels?.['app.kubernetes.io/managed-by']
  return { title, mark: 'ok', summary: name, facts: managed ? [`managed by ${managed}`] : [] }
}

export const handlerStep = (f: ApiFacts): Step => {
  const title = 'Handler'
  const h = resolvedHandler(f)
  if (h === undefined) return { title, mark: 'skip', summary: 'unknown: no RuntimeClass to resolve', facts: [] }
  const summary = h === '' ? '"" (the runtime\'s default handler)' : h
  const reporting = f.nodes.filter((n) => h === '' || reportedHandlers(n).includes(h)).map((n) => n.metadata.name!)
  const facts = h === '' ? [] : [`nodes reporting "${h}": ${reporting.join(', ') || 'none'}`]
  if (h !== '' && f.nodes.some((n) => reportedHandlers(n).length) && !reporting.length) {
    const all = [...new Set(f.nodes.flatMap(reportedHandlers))].sort()
    return { title, mark: 'fail', summary, facts, cause: `no node reports runtime handler "${h}"`, fix: handlerFix(h, f.pod.spec.runtimeClassName, all) }
  }
  return { title, mark: 'ok', summary, facts }
}

const condition = (pod: Pod, type: string) => pod.status?.conditions?.find((c) => c.type === type)

export const schedulingStep = (f: ApiFacts): Step => {
  const title = 'Scheduling'
  const { pod } = f
  const notReported = eventsWithReason(f.events, 'RuntimeHandlerNotReported').map(eventLine)
  if (pod.spec.nodeName) {
    const scheduled = eventsWithReason(f.events, 'Scheduled').map(eventLine)
    return { title, mark: 'ok', summary: `node ${pod.spec.nodeName}`, facts: [...(scheduled.length ? scheduled : ['(no Scheduled event: the pod named its node itself or the event expired)']), ...notReported] }
  }
  const cond = condition(pod, 'PodScheduled')
  const failed = eventsWithReason(f.events, 'FailedScheduling')
  if (!cond || cond.status !== 'False') {
    if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') return { title, mark: 'skip', summary: `never scheduled (phase ${pod.status.phase})`, facts: [] }
    return { title, mark: 'wait', summary: 'not scheduled yet', facts: failed.map(eventLine) }
  }
  const verdicts = nodeVerdicts(pod, f.nodes, f.pods, f.classes)
  const facts = [`PodScheduled=False ${cond.reason ?? ''}: ${cond.message ?? ''}`.replace('  ', ' ')]
  if (failed.length) facts.push(`FailedScheduling events: ${failed.reduce((n, e) => n + (e.count ?? 1), 0)}`)
  facts.push(...notReported)
  facts.push(`nodes now (${verdicts.length}):`)
  for (const v of verdicts) {
    facts.push(v.reasons.length ? `  ✖ ${v.node}: ${v.reasons.join('; ')}` : `  ✔ ${v.node}: fits now (the scheduler will retry)`)
    for (const d of v.details) facts.push(`      ${d}`)
  }
  const reasons = [...new Set(verdicts.flatMap((v) => v.reasons))]
  const fix = reasons.map((r) => reasonFix(r, pod.spec.nodeSelector, pod.spec.runtimeClassName)).join('; ') || undefined
  return { title, mark: 'fail', summary: `unschedulable: ${f.nodes.length ? 'no node fits' : 'no nodes'}`, facts, cause: cond.message, fix }
}

type ContainerStatus = { name: string; ready?: boolean; restartCount?: number; state?: Record<string, { reason?: string; message?: string; exitCode?: number; startedAt?: string }> }

export const containerLine = (c: ContainerStatus): string => {
  const [state, detail] = Object.entries(c.state ?? {})[0] ?? ['unknown', {}]
  const bits = [detail.reason, detail.exitCode !== undefined ? `exit ${detail.exitCode}` : undefined, detail.startedAt ? `since ${detail.startedAt}` : undefined, detail.message]
  return `container ${c.name}: ${state}${bits.some(Boolean) ? ` (${bits.filter(Boolean).join(', ')})` : ''}${c.restartCount ? `, ${c.restartCount} restarts` : ''}`
}

export const nodeAgentStep = (f: ApiFacts): Step => {
  const title = 'Node agent'
  const { pod } = f
  if (!pod.spec.nodeName) return { title, mark: 'skip', summary: 'not on a node', facts: [] }
  const phase = pod.status?.phase ?? 'Pending'
  const reason = pod.status?.reason as string | undefined
  const message = pod.status?.message as string | undefined
  const facts = [`phase ${phase}${reason ? `, reason ${reason}` : ''}${message ? `: ${message}` : ''}`]
  for (const c of (pod.status?.containerStatuses ?? []) as ContainerStatus[]) facts.push(containerLine(c))
  const sandboxFailures = eventsWithReason(f.events, 'FailedCreatePodSandBox')
  facts.push(...sandboxFailures.map(eventLine))
  const node = f.nodes.find((n) => n.metadata.name === pod.spec.nodeName)
  const summary = `${pod.spec.nodeName}: ${phase}${reason ? ` (${reason})` : ''}`
  if (reason === 'RuntimeHandlerUnavailable') {
    const h = resolvedHandler(f) ?? ''
    return { title, mark: 'fail', summary, facts, cause: `the node's runtime has no handler "${h}": ${message?.replace(/^Pod was rejected: /, '') ?? ''}`, fix: handlerFix(h, pod.spec.runtimeClassName, node ? reportedHandlers(node) : []) }
  }
  if (reason === 'RuntimeClassNotFound') {
    return { title, mark: 'fail', summary, facts, cause: message, fix: `create RuntimeClass "${pod.spec.runtimeClassName}" again, then recreate the pod` }
  }
  if (phase === 'Failed') return { title, mark: 'fail', summary, facts, cause: message ?? 'a container failed' }
  if (phase === 'Running' || phase === 'Succeeded') return { title, mark: 'ok', summary, facts }
  if (sandboxFailures.length) {
    return { title, mark: 'fail', summary: `${summary}, sandbox creation failing`, facts, cause: sandboxFailures.at(-1)!.message, fix: 'see the runtime steps below; the node agent retries with backoff' }
  }
  return { title, mark: 'wait', summary, facts }
}
