/**
 * The API server: authenticates, routes a request to discovery, OpenAPI or a
 * REST handler, and turns every failure into a Kubernetes Status. It never
 * answers 500 for bad input and never leaves a partial write: handlers validate
 * fully before the single store write.
 */
import { internalError, isStatusError, pathNotFound, StatusError, unauthorized } from '../api/errors.ts'
import { RESOURCES, type ResourceDef } from '../api/resources/index.ts'
import { AdmissionChain } from '../admission/interface.ts'
import type { Store } from '../store/interface.ts'
import { apiGroupDocument, apiGroupList, apiResourceList, apiVersions } from './discovery.ts'
import { execHandler } from './exec/handler.ts'
import { deleteCollectionHandler, deleteHandler } from './handlers/delete.ts'
import { patchHandler } from './handlers/patch.ts'
import { finalizeHandler } from './handlers/namespace-finalize.ts'
import { bindingHandler, evictionHandler, logHandler } from './handlers/pod-subresources.ts'
import { getHandler, listHandler } from './handlers/read.ts'
import { watchHandler } from './handlers/watch.ts'
import { createHandler, updateHandler } from './handlers/write.ts'
import { ObjectStore } from './object-store.ts'
import { serveOpenApi } from './openapi/serve.ts'
import { parseRequestInfo, type ResourceRequestInfo } from './request-info.ts'
import { jsonResponse, statusResponse, type ApiRequest, type ApiResponse } from './request.ts'
import type { Scope, ServerContext } from './scope.ts'
import { versionInfo } from './version.ts'

export interface ApiServerOptions {
  store: Store
  admission?: AdmissionChain
  /** Maps a bearer token to a user name; undefined rejects. Omit to trust every caller (in-process use). */
  authenticate?: (token: string) => string | undefined
  log?: ServerContext['log']
  now?: () => Date
  /** host:port clients use, reported in /api. */
  serverAddress?: string
}

type Handler = (s: Scope) => Promise<ApiResponse>

const silentLog: ServerContext['log'] = { info() {}, warn() {}, error() {}, debug() {} }

export class ApiServer {
  readonly ctx: ServerContext
  private readonly shutdownController = new AbortController()
  private readonly objectStores = new Map<ResourceDef, ObjectStore>()
  private serverAddress: string

  constructor(private readonly opts: ApiServerOptions) {
    this.serverAddress = opts.serverAddress ?? '127.0.0.1:6443'
    this.ctx = {
      store: opts.store,
      admission: opts.admission ?? new AdmissionChain(),
      objects: (def) => this.objectStore(def),
      now: opts.now ?? (() => new Date()),
      resources: RESOURCES,
      log: opts.log ?? silentLog,
      shutdown: this.shutdownController.signal,
    }
  }

  setServerAddress(address: string) {
    this.serverAddress = address
  }

  setAdmission(chain: AdmissionChain) {
    this.ctx.admission = chain
  }

  /** Ends watches and log streams (before the listener closes). */
  shutdown() {
    this.shutdownController.abort()
  }

  objectStore(def: ResourceDef): ObjectStore {
    let s = this.objectStores.get(def)
    if (!s) this.objectStores.set(def, (s = new ObjectStore(this.opts.store, def)))
    return s
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    const warnings: string[] = []
    try {
      const user = req.user ?? this.authenticate(req)
      return await this.route(req, user, warnings)
    } catch (err) {
      if (isStatusError(err)) return statusResponse(err.status, [...warnings, ...err.warnings])
      this.ctx.log.error({ err, method: req.method, url: req.url }, 'request failed')
      return statusResponse(internalError((err as Error)?.message ?? String(err)).status)
    }
  }

  private authenticate(req: ApiRequest): string {
    if (!this.opts.authenticate) return 'system:admin'
    const auth = req.headers['authorization'] ?? ''
    const match = /^Bearer\s+(.+)$/i.exec(auth)
    const user = match ? this.opts.authenticate(match[1].trim()) : undefined
    if (!user) throw unauthorized()
    return user
  }

  private async route(req: ApiRequest, user: string, warnings: string[]): Promise<ApiResponse> {
    const parsed = parseRequestInfo(req.method, req.url)
    if (parsed.kind === 'nonresource') return this.nonResource(req, parsed.path, parsed.query)
    const info = parsed.info
    const def = RESOURCES.find((r) => r.group === info.group && r.plural === info.resource)
    const version = def?.versions.find((v) => v.version === info.version)
    if (!def || !version) throw pathNotFound()
    if (info.subresource && !def.subresources.some((s) => s.name === info.subresource)) throw pathNotFound()
    if (!def.namespaced && info.namespace) throw pathNotFound()
    const scope: Scope = { ctx: this.ctx, def, version, info, req, objects: this.objectStore(def), user, warnings }
    return this.handler(info)(scope)
  }

  private handler(info: ResourceRequestInfo): Handler {
    const notAllowed: Handler = () => {
      throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
    }
    switch (info.subresource) {
      case '':
        return (
          { get: getHandler, list: listHandler, watch: watchHandler, create: createHandler, update: updateHandler, patch: patchHandler, delete: deleteHandler, deletecollection: deleteCollectionHandler } as Record<string, Handler>
        )[info.verb] ?? notAllowed
      case 'status':
        return ({ get: getHandler, update: updateHandler, patch: patchHandler } as Record<string, Handler>)[info.verb] ?? notAllowed
      case 'binding':
        return info.verb === 'create' ? bindingHandler : notAllowed
      case 'eviction':
        return info.verb === 'create' ? evictionHandler : notAllowed
      case 'log':
        return info.verb === 'get' ? logHandler : notAllowed
      case 'exec':
      case 'attach':
        // GET for WebSocket, POST for SPDY.
        return info.verb === 'get' || info.verb === 'create' ? execHandler(info.subresource) : notAllowed
      case 'finalize':
        return info.verb === 'update' ? finalizeHandler : notAllowed
      default:
        return notAllowed
    }
  }

  private nonResource(req: ApiRequest, path: string, query: URLSearchParams): ApiResponse | Promise<ApiResponse> {
    const trimmed = path.replace(/\/+$/, '') || '/'
    if (trimmed === '/version') return jsonResponse(200, versionInfo())
    if (trimmed === '/healthz' || trimmed === '/livez' || trimmed === '/readyz') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'ok' }
    if (trimmed === '/api') return jsonResponse(200, apiVersions(this.serverAddress))
    if (trimmed === '/apis') return jsonResponse(200, apiGroupList(RESOURCES))
    if (trimmed.startsWith('/openapi/') || trimmed === '/swagger-2.0.0.pb-v1') return serveOpenApi(req, trimmed, query)
    const parts = trimmed.split('/').filter(Boolean)
    let doc: unknown
    if (parts[0] === 'api' && parts.length === 2) doc = apiResourceList(RESOURCES, '', parts[1])
    else if (parts[0] === 'apis' && parts.length === 2) doc = apiGroupDocument(RESOURCES, parts[1])
    else if (parts[0] === 'apis' && parts.length === 3) doc = apiResourceList(RESOURCES, parts[1], parts[2])
    if (doc) return jsonResponse(200, doc)
    throw pathNotFound()
  }
}
