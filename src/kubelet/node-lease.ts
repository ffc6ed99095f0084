/**
 * The node heartbeat: a coordination.k8s.io/v1 Lease named after the node in
 * `kube-node-lease`, holderIdentity = node name, leaseDurationSeconds 40,
 * renewTime refreshed every 10 s (upstream's node lease controller), owned by
 * the Node so it goes away with it.
 */
import { isConflict, isNotFound } from '../api/errors.ts'
import { rfc3339Micro, type KubeObject } from '../api/meta.ts'
import type { ApiClient } from '../client/interface.ts'
import { LEASES } from '../client/resources.ts'
import { sleep } from './sleep.ts'

export const LEASE_NAMESPACE = 'kube-node-lease'
export const LEASE_DURATION_SECONDS = 40
export const LEASE_RENEW_MS = 10_000

type Obj = Record<string, any>

export const newLease = (node: KubeObject, now: Date): KubeObject => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: {
    name: node.metadata.name,
    namespace: LEASE_NAMESPACE,
    ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid! }],
  },
  spec: { holderIdentity: node.metadata.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: rfc3339Micro(now) },
})

/** Creates the Lease or renews it; returns it as written. */
export const renewLease = async (client: ApiClient, node: KubeObject, now = new Date()): Promise<KubeObject> => {
  const name = node.metadata.name!
  for (let attempt = 0; ; attempt++) {
    let lease: KubeObject
    try {
      lease = await client.get(LEASES, name, LEASE_NAMESPACE)
    } catch (err) {
      if (!isNotFound(err)) throw err
      return client.create(LEASES, newLease(node, now), { namespace: LEASE_NAMESPACE, fieldManager: 'kubelet' })
    }
    const spec = (lease.spec ?? {}) as Obj
    lease.spec = { ...spec, holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: rfc3339Micro(now) }
    try {
      return await client.update(LEASES, lease, { namespace: LEASE_NAMESPACE, fieldManager: 'kubelet' })
    } catch (err) {
      if (!isConflict(err) || attempt >= 4) throw err
    }
  }
}

/** Renews every `renewMs` until the signal aborts; `node()` gives the current Node (its uid may change on re-registration). */
export const runLeaseLoop = async (opts: {
  client: ApiClient
  node: () => KubeObject
  signal: AbortSignal
  renewMs?: number
  onError?(err: unknown): void
}): Promise<void> => {
  while (!opts.signal.aborted) {
    try {
      await renewLease(opts.client, opts.node())
    } catch (err) {
      if (!opts.signal.aborted) opts.onError?.(err)
    }
    await sleep(opts.renewMs ?? LEASE_RENEW_MS, opts.signal)
  }
}
