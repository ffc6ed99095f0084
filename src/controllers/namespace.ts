/**
 * The namespace controller: a namespace being deleted (phase Terminating) has
 * its contents deleted, then its `kubernetes` finalizer removed through
 * namespaces/<name>/finalize, after which the apiserver removes it. Works only
 * through the API client, like every controller.
 */
import type { Logger } from 'pino'
import { isNotFound } from '../api/errors.ts'
import type { KubeObject } from '../api/meta.ts'
import { EVENTS, LEASES, NAMESPACES, PODS, type ApiClient, type ResourceRef } from '../client/index.ts'

const NAMESPACED: ResourceRef[] = [PODS, EVENTS, LEASES]
const RESYNC_MS = 1000

const drain = async (client: ApiClient, ns: string): Promise<boolean> => {
  let remaining = 0
  for (const r of NAMESPACED) {
    const list = await client.list(r, { namespace: ns })
    remaining += list.items.length
    for (const obj of list.items) {
      if (obj.metadata.deletionTimestamp) continue
      try {
        await client.delete(r, obj.metadata.name!, { namespace: ns })
      } catch (err) {
        if (!isNotFound(err)) throw err
      }
    }
  }
  return remaining === 0
}

const finalize = async (client: ApiClient, ns: KubeObject) => {
  const spec = { ...(ns.spec as object), finalizers: [] }
  await client.update(NAMESPACES, { ...ns, spec }, { subresource: 'finalize' })
}

export const startNamespaceController = (client: ApiClient, signal: AbortSignal, log?: Logger) => {
  const loop = async () => {
    while (!signal.aborted) {
      try {
        const list = await client.list(NAMESPACES)
        for (const ns of list.items) {
          if (!ns.metadata.deletionTimestamp) continue
          if (await drain(client, ns.metadata.name!)) await finalize(client, ns)
        }
      } catch (err) {
        if (!isNotFound(err)) log?.warn({ err }, 'namespace controller: sync failed; retrying')
      }
      await new Promise((r) => setTimeout(r, RESYNC_MS).unref())
    }
  }
  void loop()
}
