/**
 * The I/O of `explain pod` on the node: finds the node's containerd (an
 * explicit socket, a data dir, the data dir the kubeconfig lives in, or the
 * default data dir), reads its runtime entries (config.toml, else the verbose
 * CRI Status), looks at the runtime binary, finds the Pod's sandboxes by the
 * `io.kubernetes.pod.uid` label and runs the proof commands (ExecSync inside
 * a running container, the runtime's `list` on the host). Every call is
 * bounded; anything unreachable becomes a fact, never a hang.
 */
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, openSync, readFileSync, readSync, closeSync } from 'node:fs'
import { release } from 'node:os'
import { dirname, join } from 'node:path'
import { connectCri, type InstrumentedCriClient } from '../cri/instrumented.ts'
import { containerdPaths } from '../cri/paths.ts'
import { POD_UID } from '../kubelet/labels.ts'
import { entriesFromCriConfig, entriesFromToml, runtimeInWrapper } from './runtime-entries.ts'
import { execCommands, listCommand, runtimeKind } from './proof.ts'
import { effectiveHandler } from './node-steps.ts'
import type { BinaryFacts, CommandResult, NodeFacts, ProofFacts, RuntimeEntries, SandboxFacts } from './types.ts'

const CALL = { timeoutMs: 5_000 }
const EXEC_TIMEOUT_S = 10

export interface ContainerdLocation {
  socket: string
  /** The generated config.toml next to it, when runclass started this containerd. */
  configToml?: string
}

/** First candidate whose socket exists; an explicit socket is taken as given. */
export const locateContainerd = (o: { containerdSocket?: string; dataDir?: string; kubeconfig?: string; defaultDataDir: string }): ContainerdLocation | { why: string } => {
  if (o.containerdSocket) return { socket: o.containerdSocket }
  const dirs = o.dataDir ? [o.dataDir] : [...(o.kubeconfig ? [dirname(o.kubeconfig)] : []), o.defaultDataDir]
  for (const dir of dirs) {
    const p = containerdPaths(join(dir, 'containerd'))
    if (existsSync(p.socket)) return { socket: p.socket, ...(existsSync(p.config) ? { configToml: p.config } : {}) }
  }
  return { why: `no containerd socket at ${dirs.map((d) => containerdPaths(join(d, 'containerd')).socket).join(' or ')}; pass --containerd-socket or --data-dir on the pod's node` }
}

const run = (argv: string[]): CommandResult => {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 10_000 })
  if (r.error) return { argv, stdout: '', exitCode: -1, error: r.error.message }
  return { argv, stdout: r.stdout, exitCode: r.status ?? -1, ...(r.status !== 0 ? { error: (r.stderr || `exit ${r.status}`).trim().split('\n')[0] } : {}) }
}

const head = (path: string, bytes = 4096): string => {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0)).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

export const binaryFacts = (path: string): BinaryFacts => {
  try {
    accessSync(path, constants.X_OK)
  } catch {
    return { path, exists: false }
  }
  const runtime = runtimeInWrapper(head(path)) ?? path
  const v = run([runtime, '--version'])
  return { path, exists: true, runtime, ...(v.exitCode === 0 ? { version: v.stdout.trim().split('\n')[0] } : {}) }
}

const readRuntimes = async (cri: InstrumentedCriClient, loc: ContainerdLocation): Promise<RuntimeEntries> => {
  if (loc.configToml) return entriesFromToml(readFileSync(loc.configToml, 'utf8'), loc.configToml)
  const status = await cri.status(true, CALL)
  if (!status.info.config) throw new Error('the runtime does not return its config in a verbose Status')
  return entriesFromCriConfig(status.info.config)
}

const sandboxesOf = async (cri: InstrumentedCriClient, uid: string): Promise<SandboxFacts[]> => {
  const list = await cri.listPodSandbox({ label_selector: { [POD_UID]: uid } }, CALL)
  list.sort((a, b) => (BigInt(b.created_at || '0') > BigInt(a.created_at || '0') ? 1 : -1))
  const out: SandboxFacts[] = []
  for (const [i, s] of list.entries()) {
    const facts: SandboxFacts = { id: s.id, state: s.state, runtimeHandler: s.runtime_handler, containers: [] }
    if (i === 0) {
      const status = await cri.podSandboxStatus(s.id, CALL).catch(() => undefined)
      if (status?.network?.ip) facts.ip = status.network.ip
      const containers = await cri.listContainers({ pod_sandbox_id: s.id }, CALL)
      facts.containers = containers.map((c) => ({ id: c.id, name: c.metadata.name, state: c.state }))
    }
    out.push(facts)
  }
  return out
}

const execIn = async (cri: InstrumentedCriClient, id: string, argv: string[]): Promise<CommandResult> => {
  try {
    const r = await cri.execSync(id, argv, EXEC_TIMEOUT_S, { timeoutMs: (EXEC_TIMEOUT_S + 5) * 1000 })
    return { argv, stdout: r.stdout.toString('utf8'), exitCode: r.exit_code, ...(r.exit_code !== 0 ? { error: r.stderr.toString('utf8').trim() || `exit ${r.exit_code}` } : {}) }
  } catch (err) {
    return { argv, stdout: '', exitCode: -1, error: err instanceof Error ? err.message : String(err) }
  }
}

const quiet = { info: () => {}, debug: () => {} }

export const collectNodeFacts = async (loc: ContainerdLocation, podUid: string, handler: string): Promise<NodeFacts> => {
  const cri = connectCri(loc.socket, quiet)
  try {
    try {
      await cri.version(CALL)
    } catch (err) {
      return { reachable: false, why: `containerd at ${loc.socket} does not answer: ${err instanceof Error ? err.message : String(err)}` }
    }
    const facts: Extract<NodeFacts, { reachable: true }> = { reachable: true, socket: loc.socket, sandboxes: [] }
    try {
      facts.runtimes = await readRuntimes(cri, loc)
    } catch (err) {
      facts.runtimesError = err instanceof Error ? err.message : String(err)
    }
    const entry = facts.runtimes?.entries[effectiveHandler(handler, facts)]
    if (entry?.binaryName) facts.binary = binaryFacts(entry.binaryName)
    facts.sandboxes = await sandboxesOf(cri, podUid)
    const sandbox = facts.sandboxes[0]
    const running = sandbox?.state === 'SANDBOX_READY' ? sandbox.containers.find((c) => c.state === 'CONTAINER_RUNNING') : undefined
    if (entry && sandbox) {
      const kind = runtimeKind(entry, facts.binary?.runtime)
      const proof: ProofFacts = { hostKernel: release(), exec: {} }
      if (running) {
        proof.container = running.id
        for (const [purpose, argv] of Object.entries(execCommands(kind))) proof.exec[purpose] = await execIn(cri, running.id, argv)
      }
      const list = listCommand(entry, facts.binary?.runtime)
      if (list) proof.runtimeList = run(list)
      facts.proof = proof
    }
    return facts
  } finally {
    cri.close()
  }
}
