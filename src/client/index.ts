/** Building clients: in-process for components inside `runclass up`, HTTPS (from a kubeconfig) for the rest. */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { RestClient } from './rest-client.ts'
import { httpsTransport } from './transport.ts'
import { inProcessTransport, type RequestHandler } from './in-process.ts'
import type { ApiClient } from './interface.ts'

export type { ApiClient, ResourceRef, WatchEvent, ListOptions } from './interface.ts'
export * from './resources.ts'

export const inProcessClient = (server: RequestHandler, user?: string): ApiClient => new RestClient(inProcessTransport(server, user))

export const httpsClient = (opts: { server: string; token: string; ca?: string }): ApiClient & { close(): void } => {
  const transport = httpsTransport(opts)
  return Object.assign(new RestClient(transport), { close: () => transport.close() })
}

/** Reads the current context of a kubeconfig written by `runclass up` (token auth, inline CA). */
export const clientFromKubeconfig = (path: string) => {
  const cfg = parse(readFileSync(path, 'utf8')) as any
  const ctx = cfg.contexts.find((c: any) => c.name === cfg['current-context']).context
  const cluster = cfg.clusters.find((c: any) => c.name === ctx.cluster).cluster
  const user = cfg.users.find((u: any) => u.name === ctx.user).user
  const ca = cluster['certificate-authority-data'] ? Buffer.from(cluster['certificate-authority-data'], 'base64').toString() : undefined
  return httpsClient({ server: cluster.server, token: user.token, ca })
}
