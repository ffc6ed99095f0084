/**
 * `explain pod`: the whole chain for one Pod, in order — RuntimeClass →
 * handler → admission → scheduling → node agent → containerd runtime entry →
 * runtime binary → sandbox → proof of isolation. Steps after the first
 * failure that blocks them are marked as not checked; without a reachable CRI
 * socket (a remote cluster) the chain stops at the node agent and says why.
 */
import { admissionStep } from './admission-check.ts'
import { handlerStep, nodeAgentStep, resolvedHandler, runtimeClassStep, schedulingStep } from './api-steps.ts'
import { binaryStep, isolationStep, runtimeEntryStep, sandboxStep } from './node-steps.ts'
import type { ApiFacts, Explanation, NodeFacts, Step } from './types.ts'

const NODE_STEPS = ['containerd runtime', 'Runtime binary', 'Sandbox', 'Isolation proof']

const skipped = (titles: string[], why: string): Step[] => titles.map((title, i) => ({ title, mark: 'skip', summary: i === 0 ? why : '', facts: [] }))

const chain = (f: ApiFacts, node: NodeFacts | undefined): Explanation => {
  const { pod } = f
  const subject = `Pod ${pod.metadata.namespace}/${pod.metadata.name} (uid ${pod.metadata.uid})`
  const steps: Step[] = [runtimeClassStep(f), handlerStep(f), admissionStep(pod, f.runtimeClass), schedulingStep(f), nodeAgentStep(f)]
  const handler = resolvedHandler(f)
  if (handler === undefined) return { subject, steps: [...steps, ...skipped(NODE_STEPS, 'no handler to look up')] }
  if (!pod.spec.nodeName) return { subject, steps: [...steps, ...skipped(NODE_STEPS, 'the pod is not on a node')] }
  if (!node || !node.reachable) {
    return { subject, steps: [...steps, ...skipped(NODE_STEPS, `no CRI socket reachable${node ? ` (${node.why})` : ''}: stopping at the node agent step`)] }
  }
  const podFailed = pod.status?.phase === 'Failed'
  const entry = runtimeEntryStep(handler, node, pod.spec.runtimeClassName)
  if (entry.mark === 'fail') return { subject, steps: [...steps, entry, ...skipped(NODE_STEPS.slice(1), 'no runtime entry')] }
  steps.push(entry, binaryStep(node), sandboxStep(handler, node, podFailed), isolationStep(handler, node))
  return { subject, steps }
}

/** A fix already given by an earlier step is not repeated. */
const dedupeFixes = (steps: Step[]): Step[] => {
  const seen = new Set<string>()
  return steps.map((s) => {
    if (!s.fix) return s
    if (seen.has(s.fix)) {
      const { fix: _fix, ...rest } = s
      return rest
    }
    seen.add(s.fix)
    return s
  })
}

export const explainPod = (f: ApiFacts, node: NodeFacts | undefined): Explanation => {
  const e = chain(f, node)
  return { subject: e.subject, steps: dedupeFixes(e.steps) }
}
