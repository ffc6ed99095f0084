/**
 * OpenAPI v3 documents, one per group-version (`/openapi/v3/apis/<g>/<v>`), and
 * the root index (`/openapi/v3`) pointing at them by content hash.
 *
 * kubectl reads these for `explain` (components.schemas with gvk, required,
 * $ref), for client-side apply (patch metadata) and to decide that the server
 * validates fields: it looks for a `patch` operation with the kind's
 * x-kubernetes-group-version-kind and a `fieldValidation` query parameter.
 */
import { createHash } from 'node:crypto'
import type { Definitions } from '../../api/schema/dsl.ts'
import { buildOperations, DELETE_OPTIONS, PATCH, STATUS, WATCH_EVENT, type GroupVersionInput, type Operation, type PathItem, type Response } from './operations.ts'
import { PATCH_CONTENT_TYPES, RESPONSE_CONTENT_TYPES, WATCH_CONTENT_TYPES, type ParameterSpec } from './parameters.ts'
import { definitionsToJson, reachable, refTo, type Json } from './schema-json.ts'

export type { GroupVersionInput, ResourceDoc, SubresourceDoc } from './operations.ts'

const parameterJson = (p: ParameterSpec): Json => ({
  description: p.description,
  in: p.in,
  name: p.name,
  ...(p.required ? { required: true } : {}),
  schema: { type: p.type, uniqueItems: true },
})

const schemaFor = (name: string): Json => (name === 'string' ? { type: 'string' } : refTo('v3', name))

const responseJson = (r: Response, streams: boolean): Json => {
  const types = r.schema === 'string' ? ['*/*'] : streams ? WATCH_CONTENT_TYPES : RESPONSE_CONTENT_TYPES
  const content: Json = {}
  for (const t of [...types].sort()) content[t] = { schema: schemaFor(r.schema) }
  return { content, description: r.description }
}

const operationJson = (op: Operation): Json => {
  const out: Json = { description: op.description, operationId: op.operationId }
  if (op.parameters.length) out.parameters = op.parameters.map(parameterJson)
  if (op.body === 'patch') {
    const content: Json = {}
    for (const t of PATCH_CONTENT_TYPES) content[t] = { schema: refTo('v3', PATCH) }
    out.requestBody = { content, required: true }
  } else if (op.body) {
    out.requestBody = { content: { '*/*': { schema: refTo('v3', op.body) } }, ...(op.body === DELETE_OPTIONS ? {} : { required: true }) }
  }
  const responses: Json = {}
  for (const r of op.responses) responses[r.code] = responseJson(r, op.streams ?? false)
  out.responses = responses
  out.tags = [op.tag]
  if (op.action) {
    out['x-kubernetes-action'] = op.action
    out['x-kubernetes-group-version-kind'] = { group: op.gvk.group, kind: op.gvk.kind, version: op.gvk.version }
  }
  return out
}

const pathItemJson = (item: PathItem): Json => {
  const out: Json = {}
  for (const op of item.operations) out[op.method] = operationJson(op)
  if (item.parameters.length) out.parameters = item.parameters.map(parameterJson)
  return out
}

/** Definitions a set of paths uses, plus the generic ones every group-version document carries. */
export const rootsOf = (items: PathItem[]): Set<string> => {
  const roots = new Set<string>([STATUS, DELETE_OPTIONS, WATCH_EVENT, PATCH])
  for (const item of items) {
    for (const op of item.operations) {
      if (op.body && op.body !== 'patch') roots.add(op.body)
      for (const r of op.responses) if (r.schema !== 'string') roots.add(r.schema)
    }
  }
  return roots
}

export const buildV3Document = (input: GroupVersionInput, defs: Definitions): Json => {
  const items = buildOperations(input)
  const paths: Json = {}
  for (const item of [...items].sort((a, b) => (a.path < b.path ? -1 : 1))) paths[item.path] = pathItemJson(item)
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths,
    components: {
      schemas: definitionsToJson(defs, reachable(defs, rootsOf(items)), 'v3'),
      securitySchemes: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    },
  }
}

/** `api/v1` or `apis/<group>/<version>`: the key of a group-version in the v3 root index. */
export const v3PathOf = (group: string, version: string) => (group === '' ? `api/${version}` : `apis/${group}/${version}`)

export const buildV3Root = (paths: { path: string; hash: string }[]): Json => {
  const out: Json = {}
  for (const { path, hash } of paths) out[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` }
  return { paths: out }
}

/** Content hash of a document as upstream prints it: SHA-512, upper-case hex. */
export const contentHash = (body: string | Uint8Array): string => createHash('sha512').update(body).digest('hex').toUpperCase()
