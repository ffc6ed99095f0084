/**
 * WATCH: a chunked stream of `{"type","object"}` lines. RV unset or "0" starts
 * with a synthetic ADDED per current object; RV N replays every change after N
 * (410 Expired when N left the window). Objects moving into or out of the
 * selector appear as ADDED / DELETED, as upstream's cacher does. Bookmarks on
 * request; the stream ends at timeoutSeconds, on client disconnect or shutdown.
 */
import { expired } from '../../api/errors.ts'
import type { KubeObject } from '../../api/meta.ts'
import { printTable } from '../table/printers.ts'
import { encodeObject } from '../codec.ts'
import { decodeKv, keyPrefix, mapTooOld, parseResourceVersion } from '../object-store.ts'
import { AsyncQueue } from '../../streaming/async-queue.ts'
import { TooOldError, type WatchEvent as StoreEvent } from '../../store/interface.ts'
import { JSON_TYPE, type ApiResponse } from '../request.ts'
import type { Scope } from '../scope.ts'
import { selectorFilter, wantsTable } from './read.ts'
import { warningHeaders } from './common.ts'
import { apiVersionOf } from '../../api/meta.ts'

const BOOKMARK_INTERVAL_MS = 10_000
/** Upstream picks a random timeout in [minRequestTimeout, 2×minRequestTimeout) = 30–60 min. */
const defaultTimeoutSeconds = () => 1800 + Math.floor(Math.random() * 1800)

export const watchHandler = async (s: Scope): Promise<ApiResponse> => {
  const filter = selectorFilter(s)
  const rvParam = s.info.query.get('resourceVersion') ?? ''
  const rv = parseResourceVersion(rvParam)
  if (rv !== undefined && Number.isNaN(rv)) throw expired(`Timeout: Too large resource version: ${rvParam}`)
  const table = wantsTable(s)
  const bookmarks = s.info.query.get('allowWatchBookmarks') === 'true'
  const timeout = Number(s.info.query.get('timeoutSeconds') ?? 0) || defaultTimeoutSeconds()

  const queue = new AsyncQueue<string>()
  let firstTable = true
  const encode = (type: string, obj: KubeObject) => {
    let object: unknown
    if (table) {
      object = printTable(s.def.plural, [obj], { now: s.ctx.now(), includeObject: table, withColumnDefinitions: firstTable })
      firstTable = false
    } else object = encodeObject(s.def, s.version, obj)
    return `${JSON.stringify({ type, object })}\n`
  }

  let fromRevision: number
  if (rv === undefined || rv === 0) {
    const { items, revision } = await s.objects.list(s.info.namespace)
    for (const obj of items) if (filter(obj)) queue.push(encode('ADDED', obj))
    fromRevision = revision
  } else {
    fromRevision = rv
    if (fromRevision < s.ctx.store.oldestRevision() - 1) {
      throw mapTooOld(new TooOldError(fromRevision, s.ctx.store.oldestRevision()))
    }
  }

  let lastRevision = fromRevision
  const onEvent = (event: StoreEvent) => {
    if (event.type === 'put') {
      lastRevision = event.kv.modRevision
      const obj = decodeKv(event.kv)
      const now = filter(obj)
      const before = event.prev ? filter(decodeKv(event.prev)) : false
      if (now) queue.push(encode(before ? 'MODIFIED' : 'ADDED', obj))
      else if (before) queue.push(encode('DELETED', obj))
    } else {
      lastRevision = event.revision
      const obj = decodeKv(event.prev)
      obj.metadata.resourceVersion = String(event.revision)
      if (filter(obj)) queue.push(encode('DELETED', obj))
    }
  }
  const watcher = s.ctx.store.watch({
    prefix: keyPrefix(s.def, s.info.namespace),
    fromRevision,
    onEvent,
    onClose: (err) => {
      if (err) {
        const status = err instanceof TooOldError ? expired(`too old resource version: ${err.requested} (${err.oldest})`).status : { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: err.message, reason: 'InternalError', code: 500 }
        queue.push(`${JSON.stringify({ type: 'ERROR', object: status })}\n`)
      }
      queue.end()
    },
  })

  const timers: NodeJS.Timeout[] = [setTimeout(() => queue.end(), timeout * 1000)]
  if (bookmarks) {
    timers.push(setInterval(() => {
      const object = { kind: s.def.kind, apiVersion: apiVersionOf(s.def.group, s.version.version), metadata: { resourceVersion: String(lastRevision) } }
      queue.push(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`)
    }, BOOKMARK_INTERVAL_MS))
  }
  const stop = () => queue.end()
  s.req.signal?.addEventListener('abort', stop, { once: true })
  s.ctx.shutdown.addEventListener('abort', stop, { once: true })
  queue.finally(() => {
    watcher.close()
    for (const t of timers) clearTimeout(t)
    s.req.signal?.removeEventListener('abort', stop)
    s.ctx.shutdown.removeEventListener('abort', stop)
  })
  return { status: 200, headers: { 'content-type': JSON_TYPE, 'transfer-encoding': 'chunked', ...warningHeaders(s) }, stream: queue }
}
