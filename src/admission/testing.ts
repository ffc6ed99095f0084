/**
 * Test fixtures for admission: attributes for a Pod request, a small Pod
 * builder, and a real in-process apiserver (memory store) running the real
 * admission chain, reached through the same client everyone uses.
 */
import type { KubeObject } from '../api/meta.ts'
import { pods, namespaces, type ResourceDef } from '../api/resources/index.ts'
import { ApiServer } from '../apiserver/server.ts'
import { inProcessClient, NAMESPACES, type ApiClient } from '../client/index.ts'
import { MemoryStore } from '../store/memory/memory-store.ts'
import type { AdmissionAttributes, Operation } from './interface.ts'
import { newAdmissionChain } from './plugins.ts'

export const attrsFor = (object: KubeObject | undefined, opts: Partial<AdmissionAttributes> & { resource?: ResourceDef } = {}): AdmissionAttributes => ({
  operation: 'CREATE' as Operation,
  resource: pods,
  subresource: '',
  namespace: object?.metadata.namespace ?? 'test',
  name: object?.metadata.name || object?.metadata.generateName || '',
  user: 'tester',
  dryRun: false,
  object,
  ...opts,
})

export const namespaceAttrs = (name: string, operation: Operation): AdmissionAttributes =>
  attrsFor(undefined, { operation, resource: namespaces, namespace: '', name })

/** A valid Pod with one container; `spec` fields are merged in. */
export const pod = (name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { ...(name ? { name } : {}), namespace: 'test', ...meta },
  spec: { containers: [{ name: 'test', image: 'busybox', command: ['true'] }], restartPolicy: 'Never', ...spec },
})

export interface TestServer {
  server: ApiServer
  client: ApiClient
}

/** An apiserver with the production admission chain and the given namespaces. */
export const startServer = async (namespaceNames: string[] = ['test']): Promise<TestServer> => {
  const server = new ApiServer({ store: new MemoryStore() })
  const client = inProcessClient(server)
  server.setAdmission(newAdmissionChain({ client }))
  for (const name of namespaceNames) await client.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
  return { server, client }
}

/** Runs `fn` and returns the StatusError's Status it threw (fails if it did not throw). */
export const statusOf = async (fn: () => unknown): Promise<unknown> => {
  try {
    await fn()
  } catch (err) {
    if (err && typeof err === 'object' && 'status' in err) return (err as { status: unknown }).status
    throw err
  }
  throw new Error('expected a StatusError, got success')
}
