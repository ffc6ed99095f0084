/**
 * The OpenAPI v2 (Swagger 2.0) document of every served group-version at once,
 * as `/openapi/v2` serves it (JSON here; v2-proto.ts encodes it as the protobuf
 * kubectl 1.27/1.28 fetch before every create/apply/replace).
 */
import type { Definitions } from '../../api/schema/dsl.ts'
import { buildOperations, DELETE_OPTIONS, type GroupVersionInput, type Operation, type PathItem } from './operations.ts'
import { PATCH_CONTENT_TYPES, RESPONSE_CONTENT_TYPES, WATCH_CONTENT_TYPES, type ParameterSpec } from './parameters.ts'
import { definitionsToJson, reachable, refTo, type Json } from './schema-json.ts'
import { rootsOf } from './v3.ts'

const parameterJson = (p: ParameterSpec): Json => ({
  description: p.description,
  in: p.in,
  name: p.name,
  ...(p.required ? { required: true } : {}),
  type: p.type,
  uniqueItems: true,
})

const schemaFor = (name: string): Json => (name === 'string' ? { type: 'string' } : refTo('v2', name))

const operationJson = (op: Operation): Json => {
  const out: Json = { description: op.description }
  if (op.body === 'patch') out.consumes = [...PATCH_CONTENT_TYPES]
  else if (op.body || op.action === 'connect') out.consumes = ['*/*']
  const streamed = op.responses.some((r) => r.schema === 'string')
  out.produces = streamed ? ['*/*'] : [...(op.streams ? WATCH_CONTENT_TYPES : RESPONSE_CONTENT_TYPES)]
  out.schemes = ['https']
  out.tags = [op.tag]
  out.operationId = op.operationId
  const parameters: Json[] = []
  if (op.body) {
    const body: Json = { in: 'body', name: 'body', schema: schemaFor(op.body === 'patch' ? 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch' : op.body) }
    if (op.body !== DELETE_OPTIONS) body.required = true
    parameters.push(body)
  }
  parameters.push(...op.parameters.map(parameterJson))
  if (parameters.length) out.parameters = parameters
  const responses: Json = {}
  for (const r of op.responses) responses[r.code] = { description: r.description, schema: schemaFor(r.schema) }
  responses['401'] = { description: 'Unauthorized' }
  out.responses = responses
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

export const buildV2Document = (inputs: GroupVersionInput[], defs: Definitions, version = 'v1.33.0'): Json => {
  const all: PathItem[] = inputs.flatMap((input) => buildOperations(input))
  const paths: Json = {}
  for (const item of [...all].sort((a, b) => (a.path < b.path ? -1 : 1))) paths[item.path] = pathItemJson(item)
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version },
    paths,
    definitions: definitionsToJson(defs, reachable(defs, rootsOf(all)), 'v2'),
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    security: [{ BearerToken: [] }],
  }
}
