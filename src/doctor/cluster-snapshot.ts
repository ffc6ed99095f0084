/**
 * Everything the cluster checks read, fetched once through the ApiClient:
 * /version, Nodes, node Leases and RuntimeClasses, under one deadline so an
 * unreachable API server turns into a skip note instead of a hang.
 */
import { existsSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { clientFromKubeconfig, LEASES, NODES, RUNTIME_CLASSES, type ApiClient } from '../client/index.ts'
import { LEASE_NAMESPACE } from '../kubelet/node-lease.ts'
import type { ClusterSnapshot } from './interface.ts'

export const SNAPSHOT_TIMEOUT_MS = 5_000

const withDeadline = <T>(p: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer))
}

export const fetchSnapshot = async (client: ApiClient, server: string, timeoutMs = SNAPSHOT_TIMEOUT_MS, now = () => new Date()): Promise<ClusterSnapshot> => {
  const [version, nodes, leases, runtimeClasses] = await withDeadline(
    Promise.all([client.version(), client.list(NODES), client.list(LEASES, { namespace: LEASE_NAMESPACE }), client.list(RUNTIME_CLASSES)]),
    timeoutMs,
    `the API server at ${server}`,
  )
  return { server, version, nodes: nodes.items, leases: leases.items, runtimeClasses: runtimeClasses.items, now: now() }
}

/** The server URL of a kubeconfig's current context (for the report). */
export const kubeconfigServer = (path: string): string => {
  const cfg = parse(readFileSync(path, 'utf8')) as any
  const ctx = cfg.contexts?.find((c: any) => c.name === cfg['current-context'])?.context
  return cfg.clusters?.find((c: any) => c.name === ctx?.cluster)?.cluster?.server ?? 'unknown server'
}

export type SnapshotResult = { snapshot: ClusterSnapshot } | { skipped: string }

/** Connects with the kubeconfig and takes the snapshot; every failure becomes a reason to skip. */
export const snapshotFromKubeconfig = async (kubeconfig: string, timeoutMs = SNAPSHOT_TIMEOUT_MS): Promise<SnapshotResult> => {
  if (!existsSync(kubeconfig)) return { skipped: `no kubeconfig at ${kubeconfig}` }
  let client: ReturnType<typeof clientFromKubeconfig>
  let server: string
  try {
    server = kubeconfigServer(kubeconfig)
    client = clientFromKubeconfig(kubeconfig)
  } catch (err) {
    return { skipped: `cannot use kubeconfig ${kubeconfig}: ${(err as Error).message}` }
  }
  try {
    return { snapshot: await fetchSnapshot(client, server, timeoutMs) }
  } catch (err) {
    return { skipped: `cannot reach ${server}: ${(err as Error).message}` }
  } finally {
    client.close()
  }
}
