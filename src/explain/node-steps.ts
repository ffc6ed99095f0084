/**
 * The steps of a Pod's chain on the node, from what its containerd told us:
 * the runtime entry for the handler, the runtime binary behind it, the
 * sandbox (found by its `io.kubernetes.pod.uid` label) and the proof of
 * isolation. Pure functions of NodeFacts.
 */
import { handlerFix } from './fixes.ts'
import { proofStep, runtimeKind } from './proof.ts'
import type { NodeFacts, RuntimeEntry, Step } from './types.ts'

type Reachable = Extract<NodeFacts, { reachable: true }>

export const effectiveHandler = (handler: string, n: Reachable): string => (handler === '' ? (n.runtimes?.defaultHandler ?? 'runc') : handler)

export const entryFor = (handler: string, n: Reachable): RuntimeEntry | undefined => n.runtimes?.entries[effectiveHandler(handler, n)]

export const runtimeEntryStep = (handler: string, n: Reachable, className?: string): Step => {
  const title = 'containerd runtime'
  const h = effectiveHandler(handler, n)
  if (!n.runtimes) return { title, mark: 'skip', summary: `cannot read containerd's runtimes: ${n.runtimesError ?? 'unknown error'}`, facts: [] }
  const e = n.runtimes.entries[h]
  const configured = Object.keys(n.runtimes.entries).sort()
  if (!e) {
    return {
      title, mark: 'fail', summary: `no runtimes.${h} in containerd`, facts: [`configured: ${configured.join(', ')} (${n.runtimes.source})`],
      cause: `containerd on this node has no runtime for handler "${h}"`, fix: handlerFix(h, className, configured),
    }
  }
  const facts = [`runtime_type ${e.runtimeType}`]
  if (e.binaryName) facts.push(`BinaryName ${e.binaryName}`)
  if (e.root) facts.push(`Root ${e.root}`)
  if (e.baseRuntimeSpec) facts.push(`base_runtime_spec ${e.baseRuntimeSpec}`)
  facts.push(`from ${n.runtimes.source}`)
  return { title, mark: 'ok', summary: `runtimes.${h}${handler === '' ? ' (default_runtime_name)' : ''}`, facts }
}

export const binaryStep = (n: Reachable): Step => {
  const title = 'Runtime binary'
  const b = n.binary
  if (!b) return { title, mark: 'skip', summary: 'no BinaryName (the shim picks its runtime itself)', facts: [] }
  if (!b.exists) return { title, mark: 'fail', summary: `${b.path} is missing`, facts: [], cause: `the runtime binary ${b.path} does not exist or is not executable`, fix: 'reinstall the runtime and restart runclass (it rewrites its wrappers)' }
  const facts: string[] = []
  if (b.runtime && b.runtime !== b.path) facts.push(`wrapper for ${b.runtime}`)
  if (b.version) facts.push(b.version)
  return { title, mark: 'ok', summary: b.path, facts }
}

export const sandboxStep = (handler: string, n: Reachable, podFailed: boolean): Step => {
  const title = 'Sandbox'
  const s = n.sandboxes[0]
  if (!s) {
    return podFailed
      ? { title, mark: 'fail', summary: 'none: RunPodSandbox failed', facts: [] }
      : { title, mark: 'wait', summary: 'none found on this containerd (not created yet, or the pod runs on another node: run explain there)', facts: [] }
  }
  const want = effectiveHandler(handler, n)
  const facts = [`id ${s.id}`, `runtime_handler ${s.runtimeHandler || '"" (default)'}`]
  if (s.ip) facts.push(`pod IP ${s.ip}`)
  for (const c of s.containers) facts.push(`container ${c.name} ${c.id.slice(0, 12)} ${c.state}`)
  if (n.sandboxes.length > 1) facts.push(`${n.sandboxes.length - 1} older sandbox(es) of this pod`)
  const got = s.runtimeHandler || n.runtimes?.defaultHandler || 'runc'
  if (got !== want) return { title, mark: 'fail', summary: `${s.state} under "${got}", expected "${want}"`, facts, cause: 'the sandbox was created with another handler' }
  return { title, mark: s.state === 'SANDBOX_READY' ? 'ok' : 'wait', summary: `${s.id.slice(0, 12)} ${s.state}`, facts }
}

export const isolationStep = (handler: string, n: Reachable): Step => {
  const title = 'Isolation proof'
  const e = entryFor(handler, n)
  const s = n.sandboxes[0]
  if (!e || !s || !n.proof) return { title, mark: 'skip', summary: 'nothing running to prove', facts: [] }
  return proofStep(runtimeKind(e, n.binary?.runtime), n.proof, { sandbox: s.id, container: n.proof.container })
}
