/**
 * GET of one object and LIST of a collection, with label and field selectors,
 * limit/continue paging, and server-side Table output when the client asks.
 */
import { badRequest, expired } from '../../api/errors.ts'
import { TooOldError } from '../../store/interface.ts'
import { isStorageError } from '../../store/errors.ts'
import type { KubeObject } from '../../api/meta.ts'
import { apiVersionOf } from '../../api/meta.ts'
import { parseLabelSelector, matches as labelsMatch } from '../../api/selectors/label-selector.ts'
import { fieldsOf, parseFieldSelector, validateFieldSelector, matchesFields } from '../../api/selectors/field-selector.ts'
import { printTable } from '../table/printers.ts'
import { encodeObject, listItemJson } from '../codec.ts'
import { decodeKv } from '../object-store.ts'
import type { KeyValue } from '../../store/interface.ts'
import { jsonResponse, type ApiResponse } from '../request.ts'
import type { Scope } from '../scope.ts'
import { warningHeaders } from './common.ts'

export type TableMode = false | 'Object' | 'Metadata' | 'None'

/** Whether the Accept header asks for a meta.k8s.io Table (kubectl's get). */
export const wantsTable = (s: Scope): TableMode => {
  const accept = s.req.headers['accept'] ?? ''
  if (!/as=Table/.test(accept)) return false
  const include = s.info.query.get('includeObject')
  return include === 'Object' || include === 'None' ? include : 'Metadata'
}

export type ObjectFilter = (obj: KubeObject) => boolean

export const selectorFilter = (s: Scope): ObjectFilter => {
  const ls = s.info.query.get('labelSelector') ?? ''
  const fs = s.info.query.get('fieldSelector') ?? ''
  const labelSel = ls ? parseLabelSelector(ls) : undefined
  const fieldSel = fs ? validateFieldSelector(s.def.plural, parseFieldSelector(fs)) : undefined
  return (obj) =>
    (!labelSel || labelsMatch(labelSel, obj.metadata.labels ?? {})) && (!fieldSel || matchesFields(fieldSel, fieldsOf(s.def.plural, obj)))
}

export const getHandler = async (s: Scope): Promise<ApiResponse> => {
  const obj = await s.objects.read(s.info.namespace, s.info.name)
  const table = wantsTable(s)
  if (table) return jsonResponse(200, printTable(s.def.plural, [obj], { now: s.ctx.now(), includeObject: table, listResourceVersion: obj.metadata.resourceVersion, withColumnDefinitions: true }), warningHeaders(s))
  return jsonResponse(200, encodeObject(s.def, s.version, obj), warningHeaders(s))
}

const INVALID_CONTINUE = 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)'
const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'

interface ContinueToken {
  rv: number
  start: string
}

const decodeContinue = (token: string): ContinueToken => {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as ContinueToken
    if (typeof parsed.rv === 'number' && typeof parsed.start === 'string') return parsed
  } catch {
    // fall through
  }
  throw badRequest(INVALID_CONTINUE)
}

export const listHandler = async (s: Scope): Promise<ApiResponse> => {
  const filter = selectorFilter(s)
  const limit = Number(s.info.query.get('limit') ?? 0)
  const cont = s.info.query.get('continue')
  const token = cont ? decodeContinue(cont) : undefined
  // Every page of a paged list shows the store as it was at the first page's revision.
  let listed: { items: KeyValue[]; revision: number }
  try {
    listed = await s.objects.listKv(s.info.namespace, token?.rv)
  } catch (err) {
    if (err instanceof TooOldError) throw expired(CONTINUE_EXPIRED)
    // A token naming a revision the store never had was not made by us.
    if (token && isStorageError(err)) throw badRequest(INVALID_CONTINUE)
    throw err
  }
  const { items } = listed
  const listRevision = token?.rv ?? listed.revision
  let start = 0
  if (token) {
    start = items.findIndex((kv) => kv.key > token.start)
    if (start < 0) start = items.length
  }
  const page: { kv: KeyValue; obj: KubeObject }[] = []
  let next: string | undefined
  for (let i = start; i < items.length; i++) {
    const obj = decodeKv(items[i])
    if (!filter(obj)) continue
    if (limit > 0 && page.length === limit) {
      next = Buffer.from(JSON.stringify({ rv: listRevision, start: page[page.length - 1].kv.key })).toString('base64url')
      break
    }
    page.push({ kv: items[i], obj })
  }
  const metadata = { resourceVersion: String(listRevision), ...(next ? { continue: next } : {}) }
  const table = wantsTable(s)
  if (table) {
    const t = printTable(s.def.plural, page.map((p) => p.obj), { now: s.ctx.now(), includeObject: table, listResourceVersion: String(listRevision), withColumnDefinitions: true }) as Record<string, any>
    if (next) t.metadata = { ...t.metadata, continue: next }
    return jsonResponse(200, t, warningHeaders(s))
  }
  // Assembled from cached per-object JSON rather than stringified whole.
  const head = JSON.stringify({ kind: s.def.listKind, apiVersion: apiVersionOf(s.def.group, s.version.version), metadata }).slice(0, -1)
  const body = `${head},"items":[${page.map((p) => listItemJson(s.def, s.version, p.kv.value, p.obj)).join(',')}]}`
  return { status: 200, headers: { 'content-type': 'application/json', ...warningHeaders(s) }, body }
}

