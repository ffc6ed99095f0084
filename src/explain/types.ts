/**
 * The shapes `runclass explain` works on: the facts fetched from the API and
 * from the node's containerd (plain data, so the explaining is pure and
 * testable with builders), and the result — an ordered list of steps, each
 * with a mark, its facts and, for a failure, the cause and the fix.
 */
import type { KubeObject } from '../api/meta.ts'
import type { Node } from '../scheduler/framework/node-info.ts'
import type { Pod, Toleration } from '../scheduler/framework/pod-info.ts'

export type { Node, Pod, Toleration }

/** ✔ done, ✖ failed here, … not yet / waiting, – not checked. */
export type Mark = 'ok' | 'fail' | 'wait' | 'skip'

export interface Step {
  title: string
  mark: Mark
  /** One line after the title. */
  summary: string
  facts: string[]
  cause?: string
  fix?: string
}

export interface Explanation {
  subject: string
  steps: Step[]
}

export interface RuntimeClass extends KubeObject {
  handler?: string
  overhead?: { podFixed?: Record<string, string> }
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] }
}

export interface KubeEvent extends KubeObject {
  involvedObject?: { uid?: string; name?: string; namespace?: string; kind?: string }
  type?: string
  reason?: string
  message?: string
  count?: number
  lastTimestamp?: string
  firstTimestamp?: string
  eventTime?: string
  source?: { component?: string; host?: string }
}

/** Everything the API side knows about one Pod. */
export interface ApiFacts {
  pod: Pod
  /** The Pod's class; 'NotFound' when it names one that does not exist; undefined when it names none. */
  runtimeClass?: RuntimeClass | 'NotFound'
  /** Events about this Pod (by uid), oldest first. */
  events: KubeEvent[]
  nodes: Node[]
  /** Every Pod in the cluster (the scheduler's view of what the nodes already hold). */
  pods: Pod[]
  classes: RuntimeClass[]
}

/** One `runtimes.<handler>` entry of containerd's CRI config. */
export interface RuntimeEntry {
  handler: string
  runtimeType: string
  binaryName?: string
  root?: string
  baseRuntimeSpec?: string
}

export interface RuntimeEntries {
  /** Where they were read from: the config.toml path or `CRI Status (verbose) config`. */
  source: string
  defaultHandler?: string
  entries: Record<string, RuntimeEntry>
}

export interface BinaryFacts {
  path: string
  exists: boolean
  /** The real runtime behind a wrapper script (or the binary itself). */
  runtime?: string
  /** First line of `<runtime> --version`. */
  version?: string
}

export interface SandboxFacts {
  id: string
  state: string
  runtimeHandler: string
  ip?: string
  nodeName?: string
  containers: { id: string; name: string; state: string }[]
}

export interface CommandResult {
  argv: string[]
  stdout: string
  exitCode: number
  error?: string
}

export interface ProofFacts {
  hostKernel: string
  /** The container the commands ran in. */
  container?: string
  /** Output of commands run inside the container (ExecSync), by purpose (`uname`, `dmesg`, `nofile`). */
  exec: Record<string, CommandResult>
  /** `<runtime> --root <Root>/k8s.io list` on the host. */
  runtimeList?: CommandResult
}

/** What the node's containerd told us; `reachable: false` for a remote cluster. */
export type NodeFacts =
  | { reachable: false; why: string }
  | {
      reachable: true
      socket: string
      runtimes?: RuntimeEntries
      runtimesError?: string
      binary?: BinaryFacts
      /** Sandboxes with label io.kubernetes.pod.uid=<uid>, newest first. */
      sandboxes: SandboxFacts[]
      proof?: ProofFacts
    }
