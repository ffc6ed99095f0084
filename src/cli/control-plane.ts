/**
 * Wires the control plane together: SQLite store, apiserver with token auth and
 * TLS, default namespaces, controllers; the HTTPS listener; the kubeconfig.
 * `runclass up` and the tests start it the same way.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { isAlreadyExists } from '../api/errors.ts'
import { ApiServer } from '../apiserver/server.ts'
import { adminToken, loadOrCreateTokens, tokenAuthenticator } from '../apiserver/auth.ts'
import { listen } from '../apiserver/https.ts'
import { loadOrCreateTls } from '../apiserver/tls.ts'
import { inProcessClient, NAMESPACES, RUNTIME_CLASSES, type ApiClient } from '../client/index.ts'
import { Informer } from '../client/informer.ts'
import { startNamespaceController } from '../controllers/namespace.ts'
import { newAdmissionChain } from '../admission/plugins.ts'
import { startScheduler } from '../scheduler/scheduler.ts'
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts'
import type { Store } from '../store/interface.ts'
import { writeKubeconfig } from './kubeconfig.ts'

export interface ControlPlaneOptions {
  dataDir: string
  port: number
  host?: string
  kubeconfig?: string
  log?: Logger
  /** Run the scheduler (default true). */
  scheduler?: boolean
  /** Use this store instead of SQLite in the data dir (tests). */
  store?: Store
}

export interface ControlPlane {
  url: string
  port: number
  kubeconfig: string
  token: string
  ca: string
  server: ApiServer
  /** An in-process client for components running in this process. */
  client: ApiClient
  close(): Promise<void>
}

export const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']

const ensureNamespaces = async (client: ApiClient) => {
  for (const name of DEFAULT_NAMESPACES) {
    try {
      await client.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { fieldManager: 'runclass' })
    } catch (err) {
      if (!isAlreadyExists(err)) throw err
    }
  }
}

export const startControlPlane = async (opts: ControlPlaneOptions): Promise<ControlPlane> => {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
  const store = opts.store ?? (await openSqliteStore({ file: join(opts.dataDir, 'state.db') }))
  const tokens = loadOrCreateTokens(opts.dataDir)
  const host = opts.host ?? '0.0.0.0'
  const tls = await loadOrCreateTls(opts.dataDir, host === '0.0.0.0' || host === '::' ? [] : [host])
  const log = opts.log
  const server = new ApiServer({
    store,
    authenticate: tokenAuthenticator(tokens),
    log: log ? { info: (o, m) => log.info(o, m), warn: (o, m) => log.warn(o, m), error: (o, m) => log.error(o, m), debug: (o, m) => log.debug(o, m) } : undefined,
  })
  const client = inProcessClient(server)
  const controllers = new AbortController()
  const namespaceInformer = new Informer(client, NAMESPACES, { signal: controllers.signal }).start()
  const classInformer = new Informer(client, RUNTIME_CLASSES, { signal: controllers.signal }).start()
  await Promise.all([namespaceInformer.synced, classInformer.synced])
  server.setAdmission(
    newAdmissionChain({ client, listers: { namespaces: (name) => namespaceInformer.get(name), runtimeClasses: (name) => classInformer.get(name) } }),
  )
  let listener
  try {
    await ensureNamespaces(client)
    listener = await listen(server, tls, opts.port, host)
  } catch (err) {
    // e.g. the port is taken: leave nothing running or locked behind.
    controllers.abort()
    await store.close()
    throw err
  }
  // Clients reach a wildcard listener on loopback, a specific address on itself.
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const url = `https://${reachable}:${listener.port}`
  server.setServerAddress(`${reachable}:${listener.port}`)
  const kubeconfig = opts.kubeconfig ?? join(opts.dataDir, 'kubeconfig')
  const token = adminToken(tokens)
  writeKubeconfig(kubeconfig, url, tls.ca, token)
  startNamespaceController(client, controllers.signal, log)
  if (opts.scheduler !== false) await startScheduler({ client, signal: controllers.signal, log }).ready
  return {
    url,
    port: listener.port,
    kubeconfig,
    token,
    ca: tls.ca,
    server,
    client,
    async close() {
      controllers.abort()
      server.shutdown()
      await listener.close()
      await store.close()
    },
  }
}
