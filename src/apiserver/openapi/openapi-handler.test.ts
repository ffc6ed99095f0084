import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isStatusError } from '../../api/errors.ts'
import type { ResourceDef } from '../../api/resources/index.ts'
import { definitions } from '../../api/schema/index.ts'
import type { ApiRequest } from '../request.ts'
import { PROTO_V2_TYPE, openApiHandler } from './openapi-handler.ts'
import { DocumentType } from './v2-proto.ts'

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

/** Only the fields the OpenAPI handler reads; the registry strategy is irrelevant here. */
const resource = (r: Pick<ResourceDef, 'group' | 'kind' | 'plural' | 'namespaced' | 'versions' | 'subresources'>): ResourceDef =>
  ({ listKind: `${r.kind}List`, singular: r.plural.slice(0, -1), verbs: ALL, ...r }) as unknown as ResourceDef

const core = (kind: string) => `io.k8s.api.core.v1.${kind}`
const node = (v: string, kind: string) => `io.k8s.api.node.${v}.${kind}`

const RESOURCES: ResourceDef[] = [
  resource({
    group: '', kind: 'Pod', plural: 'pods', namespaced: true,
    versions: [{ version: 'v1', definition: core('Pod'), listDefinition: core('PodList') }],
    subresources: [
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'eviction', kind: 'Eviction', verbs: ['create'], group: 'policy', version: 'v1' },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'status', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    ],
  }),
  resource({
    group: 'node.k8s.io', kind: 'RuntimeClass', plural: 'runtimeclasses', namespaced: false, subresources: [],
    versions: ['v1', 'v1beta1', 'v1alpha1'].map((v) => ({ version: v, definition: node(v, 'RuntimeClass'), listDefinition: node(v, 'RuntimeClassList') })),
  }),
]

const serveOpenApi = openApiHandler(RESOURCES, definitions)

const get = (url: string, headers: Record<string, string> = {}) => {
  const u = new URL(url, 'https://x')
  const req: ApiRequest = { method: 'GET', url, headers }
  return serveOpenApi(req, u.pathname, u.searchParams)
}

describe('serveOpenApi', () => {
  it('serves the v3 index with a hashed URL per served group-version', () => {
    const r = get('/openapi/v3')
    assert.equal(r.headers['cache-control'], 'no-cache, private')
    const root = JSON.parse(r.body as string)
    assert.deepEqual(Object.keys(root.paths), ['api/v1', 'apis/node.k8s.io/v1', 'apis/node.k8s.io/v1beta1', 'apis/node.k8s.io/v1alpha1'])
    assert.match(root.paths['apis/node.k8s.io/v1'].serverRelativeURL, /^\/openapi\/v3\/apis\/node\.k8s\.io\/v1\?hash=[0-9A-F]{128}$/)
  })

  it('serves a hashed document as immutable, and redirects a stale hash', () => {
    const url = JSON.parse(get('/openapi/v3').body as string).paths['apis/node.k8s.io/v1alpha1'].serverRelativeURL as string
    const r = get(url)
    assert.equal(r.status, 200)
    assert.equal(r.headers['cache-control'], 'public, immutable')
    const doc = JSON.parse(r.body as string)
    assert.deepEqual(doc.components.schemas['io.k8s.api.node.v1alpha1.RuntimeClass'].required, ['spec'])
    assert.equal(get(url, { 'if-none-match': r.headers.etag as string }).status, 304)
    const stale = get('/openapi/v3/apis/node.k8s.io/v1alpha1?hash=ABC')
    assert.deepEqual([stale.status, stale.headers.location], [301, url])
  })

  it('serves /openapi/v2 as gnostic protobuf when asked, JSON otherwise', () => {
    const proto = get('/openapi/v2', { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' })
    assert.equal(proto.headers['content-type'], PROTO_V2_TYPE)
    const decoded = DocumentType.toObject(DocumentType.decode(proto.body as Buffer)) as { swagger: string; paths: { path: { name: string }[] } }
    assert.equal(decoded.swagger, '2.0')
    assert.ok(decoded.paths.path.some((p) => p.name === '/api/v1/namespaces/{namespace}/pods/{name}/eviction'))
    const json = JSON.parse(get('/openapi/v2').body as string)
    assert.equal(json.paths['/api/v1/namespaces/{namespace}/pods/{name}/eviction'].post['x-kubernetes-group-version-kind'].group, 'policy')
    assert.equal(get('/swagger-2.0.0.pb-v1', { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' }).headers['content-type'], PROTO_V2_TYPE)
  })

  it('resolves subresource bodies: binding and eviction by kind, status as the parent, log as text', () => {
    const doc = JSON.parse(get('/openapi/v3/api/v1').body as string)
    const base = '/api/v1/namespaces/{namespace}/pods/{name}'
    assert.deepEqual(doc.paths[`${base}/binding`].post.requestBody.content['*/*'].schema, { $ref: '#/components/schemas/io.k8s.api.core.v1.Binding' })
    assert.deepEqual(doc.paths[`${base}/eviction`].post.requestBody.content['*/*'].schema, { $ref: '#/components/schemas/io.k8s.api.policy.v1.Eviction' })
    assert.deepEqual(doc.paths[`${base}/status`].put.requestBody.content['*/*'].schema, { $ref: '#/components/schemas/io.k8s.api.core.v1.Pod' })
    assert.deepEqual(doc.paths[`${base}/log`].get.responses['200'].content['*/*'].schema, { type: 'string' })
  })

  it('answers 404 for an unknown group-version', () => {
    assert.throws(() => get('/openapi/v3/apis/apps/v1'), (e) => isStatusError(e) && e.status.code === 404)
  })
})
