/**
 * Node registration and status refresh. `registerNode` creates the Node (or
 * brings an existing one's labels up to date) and posts its first status;
 * `runNodeStatusLoop` recomputes the status every 10 s (upstream
 * nodeStatusUpdateFrequency) and writes it through `nodes/status` when it
 * changed or 5 min passed (nodeStatusReportFrequency; the Lease is the
 * heartbeat in between).
 */
import { isAlreadyExists, isConflict, isNotFound } from '../api/errors.ts'
import { rfc3339, type KubeObject } from '../api/meta.ts'
import type { ApiClient } from '../client/interface.ts'
import { NODES } from '../client/resources.ts'
import { mergeNodeLabels, newNode, nodeStatus, sameNodeStatus, type NodeFacts } from './node-status.ts'
import { sleep } from './sleep.ts'

type Obj = Record<string, any>

export const NODE_STATUS_UPDATE_MS = 10_000
export const NODE_STATUS_REPORT_MS = 5 * 60_000

const FIELD_MANAGER = 'kubelet'

/** Creates or updates the Node and posts its status; returns the Node as written. */
export const registerNode = async (client: ApiClient, facts: NodeFacts, now = new Date()): Promise<KubeObject> => {
  let node: KubeObject
  try {
    node = await client.create(NODES, newNode(facts), { fieldManager: FIELD_MANAGER })
  } catch (err) {
    if (!isAlreadyExists(err)) throw err
    node = await updateWithRetry(client, facts.nodeName, (n) => {
      n.metadata.labels = mergeNodeLabels(n.metadata.labels, facts)
    })
  }
  return writeNodeStatus(client, node, facts, now)
}

const updateWithRetry = async (client: ApiClient, name: string, mutate: (n: KubeObject) => void, subresource?: string): Promise<KubeObject> => {
  for (let attempt = 0; ; attempt++) {
    const n = await client.get(NODES, name)
    mutate(n)
    try {
      return await client.update(NODES, n, { fieldManager: FIELD_MANAGER, ...(subresource ? { subresource } : {}) })
    } catch (err) {
      if (!isConflict(err) || attempt >= 4) throw err
    }
  }
}

export const writeNodeStatus = (client: ApiClient, node: KubeObject, facts: NodeFacts, now = new Date()): Promise<KubeObject> =>
  updateWithRetry(
    client,
    node.metadata.name!,
    (n) => {
      n.status = nodeStatus(facts, n.status as Obj | undefined, rfc3339(now))
    },
    'status',
  )

export interface NodeStatusLoopOptions {
  client: ApiClient
  /** Gathers fresh facts (host, runtime status, images) each round. */
  facts: () => Promise<NodeFacts>
  signal: AbortSignal
  onError?(err: unknown): void
  updateMs?: number
  reportMs?: number
}

/** Runs until the signal aborts; a deleted Node is registered again, as the kubelet does. */
export const runNodeStatusLoop = async (opts: NodeStatusLoopOptions): Promise<void> => {
  const { client, signal } = opts
  let lastWrite = Date.now()
  while (!signal.aborted) {
    await sleep(opts.updateMs ?? NODE_STATUS_UPDATE_MS, signal)
    if (signal.aborted) return
    try {
      const facts = await opts.facts()
      let node: KubeObject
      try {
        node = await client.get(NODES, facts.nodeName)
      } catch (err) {
        if (!isNotFound(err)) throw err
        await registerNode(client, facts)
        lastWrite = Date.now()
        continue
      }
      const now = new Date()
      const next = nodeStatus(facts, node.status as Obj | undefined, rfc3339(now))
      if (sameNodeStatus(next, node.status as Obj | undefined) && Date.now() - lastWrite < (opts.reportMs ?? NODE_STATUS_REPORT_MS)) continue
      await writeNodeStatus(client, node, facts, now)
      lastWrite = Date.now()
    } catch (err) {
      if (!signal.aborted) opts.onError?.(err)
    }
  }
}
