/**
 * ApiClient over any Transport: builds Kubernetes REST paths and query strings,
 * turns non-2xx answers back into StatusError, and parses watch streams.
 */
import { StatusError, type Status } from '../api/errors.ts'
import type { KubeList, KubeObject } from '../api/meta.ts'
import type {
  ApiClient,
  DeleteOptions,
  ListOptions,
  PatchType,
  ResourceRef,
  WatchEvent,
  WatchOptions,
  WriteOptions,
} from './interface.ts'
import { readBody, type Transport } from './transport.ts'
import type { ApiResponse } from '../apiserver/request.ts'

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
}

export const resourcePath = (r: ResourceRef, namespace?: string, name?: string, subresource?: string): string => {
  let path = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`
  if (r.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`
  path += `/${r.plural}`
  if (name) path += `/${encodeURIComponent(name)}`
  if (subresource) path += `/${subresource}`
  return path
}

const queryString = (params: Record<string, string | number | boolean | undefined>) => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}

const toStatusError = (code: number, body: Buffer): StatusError => {
  try {
    const s = JSON.parse(body.toString()) as Status
    if (s.kind === 'Status') return new StatusError(s.code || code, s.reason ?? 'InternalError', s.message ?? '', s.details)
  } catch {
    // not a Status: fall through
  }
  return new StatusError(code, 'InternalError', `an error on the server ("${body.toString().slice(0, 200)}") has prevented the request from succeeding`)
}

export class RestClient implements ApiClient {
  constructor(private readonly transport: Transport) {}

  private async call(method: string, url: string, body?: unknown, contentType = 'application/json', signal?: AbortSignal): Promise<ApiResponse> {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
    const headers: Record<string, string> = { accept: 'application/json' }
    if (payload) headers['content-type'] = contentType
    return this.transport({ method, url, headers, body: payload, signal })
  }

  private async json<T>(method: string, url: string, body?: unknown, contentType?: string): Promise<T> {
    const res = await this.call(method, url, body, contentType)
    const data = await readBody(res)
    if (res.status < 200 || res.status > 299) throw toStatusError(res.status, data)
    return JSON.parse(data.toString()) as T
  }

  get<T extends KubeObject>(r: ResourceRef, name: string, namespace?: string): Promise<T> {
    return this.json('GET', resourcePath(r, namespace, name))
  }

  list<T extends KubeObject>(r: ResourceRef, opts: ListOptions = {}): Promise<KubeList<T>> {
    const { namespace, ...params } = opts
    return this.json('GET', resourcePath(r, namespace) + queryString({ ...params }))
  }

  create<T extends KubeObject>(r: ResourceRef, obj: KubeObject, opts: WriteOptions & { name?: string } = {}): Promise<T> {
    const namespace = opts.namespace ?? obj.metadata?.namespace
    const path = resourcePath(r, namespace, opts.subresource ? (opts.name ?? obj.metadata?.name) : undefined, opts.subresource)
    return this.json('POST', path + writeQuery(opts), obj)
  }

  update<T extends KubeObject>(r: ResourceRef, obj: KubeObject, opts: WriteOptions = {}): Promise<T> {
    const path = resourcePath(r, opts.namespace ?? obj.metadata?.namespace, obj.metadata?.name, opts.subresource)
    return this.json('PUT', path + writeQuery(opts), obj)
  }

  patch<T extends KubeObject>(r: ResourceRef, name: string, type: PatchType, patch: unknown, opts: WriteOptions & { force?: boolean } = {}): Promise<T> {
    const path = resourcePath(r, opts.namespace, name, opts.subresource)
    return this.json('PATCH', path + writeQuery({ ...opts, fieldManager: opts.fieldManager ?? (type === 'apply' ? 'runclass' : undefined) }, opts.force), patch, PATCH_CONTENT_TYPES[type])
  }

  delete(r: ResourceRef, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    const { namespace, dryRun, ...body } = opts
    return this.json('DELETE', resourcePath(r, namespace, name) + queryString({ dryRun: dryRun ? 'All' : undefined }), { kind: 'DeleteOptions', apiVersion: 'v1', ...body })
  }

  version(): Promise<Record<string, string>> {
    return this.json('GET', '/version')
  }

  async *watch<T extends KubeObject>(r: ResourceRef, opts: WatchOptions): AsyncIterable<WatchEvent<T>> {
    const { namespace, signal, ...params } = opts
    const res = await this.call('GET', resourcePath(r, namespace) + queryString({ ...params, watch: true }), undefined, undefined, signal)
    if (res.status !== 200) throw toStatusError(res.status, await readBody(res))
    let buffered = ''
    const source = res.stream ?? [res.body ?? '']
    try {
      for await (const chunk of source) {
        buffered += chunk.toString()
        let newline: number
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline)
          buffered = buffered.slice(newline + 1)
          if (!line.trim()) continue
          const event = JSON.parse(line) as WatchEvent<T>
          if (event.type === 'ERROR') {
            const s = event.object as unknown as Status
            throw new StatusError(s.code, s.reason ?? 'InternalError', s.message ?? '', s.details)
          }
          yield event
        }
      }
    } catch (err) {
      if (signal?.aborted) return
      throw err
    }
  }
}

const writeQuery = (opts: WriteOptions, force?: boolean) =>
  queryString({ dryRun: opts.dryRun ? 'All' : undefined, fieldManager: opts.fieldManager, fieldValidation: opts.fieldValidation, force })
