/**
 * HTTP endpoints of the OpenAPI documents, built once from a resource table
 * and the schema model (serve.ts binds them to the served resources):
 *
 * - `/openapi/v2` (and `/swagger-2.0.0.pb-v1`): gnostic protobuf when the client
 *   asks for it (kubectl always does), JSON otherwise.
 * - `/openapi/v3`: the index, `no-cache`.
 * - `/openapi/v3/<api/v1 | apis/g/v>`: one document; with the current `hash` it is
 *   immutable and cacheable, with a stale one it redirects (301) to the current.
 * Every document carries an ETag; a matching If-None-Match answers 304.
 */
import { pathNotFound } from '../../api/errors.ts'
import type { ResourceDef } from '../../api/resources/index.ts'
import type { Definitions } from '../../api/schema/dsl.ts'
import { header, type ApiRequest, type ApiResponse } from '../request.ts'
import type { GroupVersionInput, ResourceDoc, SubresourceDoc } from './operations.ts'
import { buildV2Document } from './v2.ts'
import { encodeV2Proto } from './v2-proto.ts'
import { buildV3Document, buildV3Root, contentHash, v3PathOf } from './v3.ts'

export const PROTO_V2_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf'

/** The group-version inputs of the documents, in discovery order. */
export const groupVersionInputs = (resources: ResourceDef[], defs: Definitions): GroupVersionInput[] => {
  const byGv = new Map<string, GroupVersionInput>()
  for (const r of resources) {
    for (const v of r.versions) {
      const key = `${r.group}/${v.version}`
      const input = byGv.get(key) ?? { group: r.group, version: v.version, resources: [] }
      byGv.set(key, input)
      const doc: ResourceDoc = {
        kind: r.kind,
        plural: r.plural,
        namespaced: r.namespaced,
        verbs: r.verbs,
        definition: v.definition,
        listDefinition: v.listDefinition,
        // Subresources are served on the preferred version only, as upstream.
        subresources: v === r.versions[0] ? r.subresources.map((s) => subresourceDoc(defs, r.group, v.version, v.definition, r.kind, s)) : [],
      }
      input.resources.push(doc)
    }
  }
  return [...byGv.values()]
}

const subresourceDoc = (defs: Definitions, group: string, version: string, parentDefinition: string, parentKind: string, s: ResourceDef['subresources'][number]): SubresourceDoc => {
  const doc: SubresourceDoc = { name: s.name, kind: s.kind, verbs: s.verbs, ...(s.group !== undefined ? { group: s.group, version: s.version } : {}) }
  // Logs are plain text even though their kind is the parent's.
  if (s.name === 'log') return doc
  if (s.kind === parentKind) return { ...doc, definition: parentDefinition }
  const want = { group: s.group ?? group, version: s.version ?? version, kind: s.kind }
  const found = Object.entries(defs).find(([, d]) => d.type === 'object' && d.gvk?.some((g) => g.group === want.group && g.version === want.version && g.kind === want.kind))
  return found ? { ...doc, definition: found[0] } : doc
}

interface Built {
  v2Json: string
  v2Proto: Uint8Array
  v2Hash: string
  v3: Map<string, { body: string; hash: string }>
  v3Root: string
}

const build = (resources: ResourceDef[], definitions: Definitions): Built => {
  const inputs = groupVersionInputs(resources, definitions)
  const v2 = buildV2Document(inputs, definitions)
  const v2Json = JSON.stringify(v2)
  const v2Proto = encodeV2Proto(v2)
  const v3 = new Map<string, { body: string; hash: string }>()
  for (const input of inputs) {
    const body = JSON.stringify(buildV3Document(input, definitions))
    v3.set(v3PathOf(input.group, input.version), { body, hash: contentHash(body) })
  }
  const v3Root = JSON.stringify(buildV3Root([...v3].map(([path, { hash }]) => ({ path, hash }))))
  return { v2Json, v2Proto, v2Hash: contentHash(v2Proto), v3, v3Root }
}

const notModified = (req: ApiRequest, etag: string) => header(req, 'if-none-match') === etag

export type OpenApiHandler = (req: ApiRequest, path: string, query: URLSearchParams) => ApiResponse

/** A handler over a fixed resource table; documents are built on first use and then reused. */
export const openApiHandler = (resources: ResourceDef[], definitions: Definitions): OpenApiHandler => {
  let built: Built | undefined
  return (req, path, query) => respond((built ??= build(resources, definitions)), req, path, query)
}

const respond = (built: Built, req: ApiRequest, path: string, query: URLSearchParams): ApiResponse => {
  if (path === '/openapi/v2' || path === '/swagger-2.0.0.pb-v1') {
    const etag = `"${built.v2Hash}"`
    if (notModified(req, etag)) return { status: 304, headers: { etag } }
    if (header(req, 'accept').includes('protobuf')) {
      return { status: 200, headers: { 'content-type': PROTO_V2_TYPE, etag }, body: Buffer.from(built.v2Proto) }
    }
    return { status: 200, headers: { 'content-type': 'application/json', etag }, body: built.v2Json }
  }
  if (path === '/openapi/v3') {
    return { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-cache, private' }, body: built.v3Root }
  }
  const doc = path.startsWith('/openapi/v3/') ? built.v3.get(path.slice('/openapi/v3/'.length)) : undefined
  if (!doc) throw pathNotFound()
  const etag = `"${doc.hash}"`
  const requested = query.get('hash')
  if (requested !== null && requested !== doc.hash) {
    return { status: 301, headers: { location: `${path}?hash=${doc.hash}`, 'cache-control': 'no-cache, private' } }
  }
  const cacheControl = requested ? 'public, immutable' : 'no-cache, private'
  if (notModified(req, etag)) return { status: 304, headers: { etag, 'cache-control': cacheControl } }
  return { status: 200, headers: { 'content-type': 'application/json', etag, 'cache-control': cacheControl }, body: doc.body }
}
