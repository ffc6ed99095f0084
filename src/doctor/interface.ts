/**
 * What `runclass doctor` is made of: a check is a small function over injected
 * inputs that returns one or more rows `{ name, result, detail, fix? }`.
 * Host checks read a HostContext (a filesystem root, a binary search path, the
 * data dir, the uid) so tests point them at a fake tree; cluster checks read a
 * ClusterSnapshot fetched once through the ApiClient, so they are pure.
 */
import type { KubeObject } from '../api/meta.ts'

/** `FAIL` blocks Pods (exit code 1); `warn` is worth knowing but nothing stops. */
export type Result = 'ok' | 'warn' | 'FAIL'

export interface CheckResult {
  name: string
  result: Result
  /** What was found, e.g. `1.6.20~ds1 (/usr/bin/containerd)`. */
  detail: string
  /** The command or step that fixes a non-ok row. */
  fix?: string
}

export interface HostContext {
  /** Prefix for every absolute host path read (`/` on a real host; a temp tree in tests). */
  root: string
  /** Colon-separated dirs where binaries are looked up (like PATH). */
  searchPath: string
  /** The effective uid runclass would run with. */
  uid: number
  /** runclass data dir; the embedded containerd keeps its config in `<dataDir>/containerd`. */
  dataDir: string
  /** CNI plugin dir the embedded containerd uses. */
  cniBinDir: string
}

export interface ClusterSnapshot {
  /** The kubeconfig's server URL, for the report. */
  server: string
  version: Record<string, string>
  nodes: KubeObject[]
  /** Node leases from `kube-node-lease`. */
  leases: KubeObject[]
  runtimeClasses: KubeObject[]
  /** When the snapshot was taken; heartbeat ages are measured against it. */
  now: Date
}

export interface DoctorContext {
  host: HostContext
  /** Absent when the cluster could not be reached; `clusterSkipped` says why. */
  cluster?: ClusterSnapshot
  clusterSkipped?: string
}

export type Scope = 'host' | 'cluster'

export interface Check {
  id: string
  scope: Scope
  /** Cluster checks run only with a snapshot. */
  run(ctx: DoctorContext): CheckResult | CheckResult[] | Promise<CheckResult | CheckResult[]>
}
