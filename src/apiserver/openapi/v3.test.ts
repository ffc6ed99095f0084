import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { definitions } from '../../api/schema/index.ts'
import { buildV3Document, buildV3Root, contentHash, v3PathOf, type GroupVersionInput } from './v3.ts'

type J = Record<string, any>

const NODE_V1: GroupVersionInput = {
  group: 'node.k8s.io',
  version: 'v1',
  resources: [{ kind: 'RuntimeClass', plural: 'runtimeclasses', namespaced: false, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], definition: 'io.k8s.api.node.v1.RuntimeClass', listDefinition: 'io.k8s.api.node.v1.RuntimeClassList' }],
}

const CORE_V1: GroupVersionInput = {
  group: '',
  version: 'v1',
  resources: [
    {
      kind: 'Pod', plural: 'pods', namespaced: true, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      definition: 'io.k8s.api.core.v1.Pod', listDefinition: 'io.k8s.api.core.v1.PodList',
      subresources: [
        { name: 'status', kind: 'Pod', definition: 'io.k8s.api.core.v1.Pod', verbs: ['get', 'patch', 'update'] },
        { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', definition: 'io.k8s.api.policy.v1.Eviction', verbs: ['create'] },
        { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      ],
    },
  ],
}

const names = (params: J[] | undefined) => (params ?? []).map((p) => `${p.in}:${p.name}`)

describe('buildV3Document', () => {
  const doc = buildV3Document(NODE_V1, definitions) as J
  const item = doc.paths['/apis/node.k8s.io/v1/runtimeclasses/{name}']
  const collection = doc.paths['/apis/node.k8s.io/v1/runtimeclasses']

  it('lays out collection, item and watch paths', () => {
    assert.deepEqual(Object.keys(doc.paths), [
      '/apis/node.k8s.io/v1/',
      '/apis/node.k8s.io/v1/runtimeclasses',
      '/apis/node.k8s.io/v1/runtimeclasses/{name}',
      '/apis/node.k8s.io/v1/watch/runtimeclasses',
      '/apis/node.k8s.io/v1/watch/runtimeclasses/{name}',
    ])
    assert.deepEqual(Object.keys(item).sort(), ['delete', 'get', 'parameters', 'patch', 'put'])
    assert.deepEqual(Object.keys(collection).sort(), ['delete', 'get', 'parameters', 'post'])
    assert.deepEqual(names(item.parameters), ['path:name', 'query:pretty'])
  })

  it('gives the patch operation fieldValidation and the kind (kubectl checks both)', () => {
    assert.deepEqual(names(item.patch.parameters), ['query:dryRun', 'query:fieldManager', 'query:fieldValidation', 'query:force'])
    assert.deepEqual(item.patch['x-kubernetes-group-version-kind'], { group: 'node.k8s.io', kind: 'RuntimeClass', version: 'v1' })
    assert.equal(item.patch['x-kubernetes-action'], 'patch')
    assert.equal(item.patch.operationId, 'patchNodeV1RuntimeClass')
    assert.deepEqual(Object.keys(item.patch.requestBody.content), ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'])
  })

  it('declares fieldValidation on post and put too', () => {
    assert.deepEqual(names(collection.post.parameters), ['query:dryRun', 'query:fieldManager', 'query:fieldValidation'])
    assert.deepEqual(names(item.put.parameters), ['query:dryRun', 'query:fieldManager', 'query:fieldValidation'])
    assert.deepEqual(collection.post.requestBody.content['*/*'].schema, { $ref: '#/components/schemas/io.k8s.api.node.v1.RuntimeClass' })
  })

  it('names actions as upstream', () => {
    const actions = Object.entries(doc.paths as J).flatMap(([p, it]) => ['get', 'put', 'post', 'patch', 'delete'].filter((m) => it[m]).map((m) => `${m} ${p} ${it[m]['x-kubernetes-action'] ?? '-'}`))
    assert.deepEqual(actions, [
      'get /apis/node.k8s.io/v1/ -',
      'get /apis/node.k8s.io/v1/runtimeclasses list',
      'post /apis/node.k8s.io/v1/runtimeclasses post',
      'delete /apis/node.k8s.io/v1/runtimeclasses deletecollection',
      'get /apis/node.k8s.io/v1/runtimeclasses/{name} get',
      'put /apis/node.k8s.io/v1/runtimeclasses/{name} put',
      'patch /apis/node.k8s.io/v1/runtimeclasses/{name} patch',
      'delete /apis/node.k8s.io/v1/runtimeclasses/{name} delete',
      'get /apis/node.k8s.io/v1/watch/runtimeclasses watchlist',
      'get /apis/node.k8s.io/v1/watch/runtimeclasses/{name} watch',
    ])
  })

  it('carries only reachable schemas, with required and descriptions for explain', () => {
    const schemas = doc.components.schemas as J
    assert.ok(!('io.k8s.api.core.v1.Pod' in schemas))
    for (const n of ['io.k8s.api.node.v1.RuntimeClass', 'io.k8s.api.node.v1.RuntimeClassList', 'io.k8s.api.core.v1.Toleration', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions']) assert.ok(n in schemas, n)
    const rc = schemas['io.k8s.api.node.v1.RuntimeClass']
    assert.deepEqual(rc.required, ['handler'])
    assert.match(rc.properties.handler.description, /DNS label/)
    assert.deepEqual(rc['x-kubernetes-group-version-kind'], [{ group: 'node.k8s.io', kind: 'RuntimeClass', version: 'v1' }])
    assert.deepEqual(rc.properties.scheduling.allOf, [{ $ref: '#/components/schemas/io.k8s.api.node.v1.Scheduling' }])
    const sched = schemas['io.k8s.api.node.v1.Scheduling']
    assert.equal(sched.properties.tolerations['x-kubernetes-list-type'], 'atomic')
    assert.equal(sched.properties.nodeSelector['x-kubernetes-map-type'], 'atomic')
    assert.deepEqual(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf, [{ type: 'string' }, { type: 'number' }])
  })

  it('documents core/v1 Pod with merge keys, subresources and kinds of other groups', () => {
    const core = buildV3Document(CORE_V1, definitions) as J
    const spec = core.components.schemas['io.k8s.api.core.v1.PodSpec']
    assert.deepEqual(
      { strategy: spec.properties.containers['x-kubernetes-patch-strategy'], key: spec.properties.containers['x-kubernetes-patch-merge-key'], listType: spec.properties.containers['x-kubernetes-list-type'], keys: spec.properties.containers['x-kubernetes-list-map-keys'] },
      { strategy: 'merge', key: 'name', listType: 'map', keys: ['name'] },
    )
    const pod = core.paths['/api/v1/namespaces/{namespace}/pods/{name}']
    assert.deepEqual(names(pod.parameters), ['path:name', 'path:namespace', 'query:pretty'])
    assert.equal(pod.patch.operationId, 'patchCoreV1NamespacedPod')
    assert.deepEqual(pod.patch['x-kubernetes-group-version-kind'], { group: '', kind: 'Pod', version: 'v1' })
    const eviction = core.paths['/api/v1/namespaces/{namespace}/pods/{name}/eviction'].post
    assert.deepEqual(eviction['x-kubernetes-group-version-kind'], { group: 'policy', kind: 'Eviction', version: 'v1' })
    assert.equal(eviction.operationId, 'createCoreV1NamespacedPodEviction')
    const exec = core.paths['/api/v1/namespaces/{namespace}/pods/{name}/exec']
    assert.deepEqual([exec.get['x-kubernetes-action'], exec.post.operationId], ['connect', 'connectCoreV1PostNamespacedPodExec'])
    assert.equal(core.paths['/api/v1/namespaces/{namespace}/pods/{name}/status'].patch.operationId, 'patchCoreV1NamespacedPodStatus')
    assert.equal(core.paths['/api/v1/pods'].get.operationId, 'listCoreV1PodForAllNamespaces')
    assert.ok('io.k8s.api.policy.v1.Eviction' in core.components.schemas)
  })

  it('is deterministic', () => {
    assert.equal(JSON.stringify(buildV3Document(NODE_V1, definitions)), JSON.stringify(doc))
  })
})

describe('buildV3Root', () => {
  it('points at each group-version by hash', () => {
    assert.deepEqual(buildV3Root([{ path: v3PathOf('', 'v1'), hash: 'AB' }, { path: v3PathOf('node.k8s.io', 'v1'), hash: 'CD' }]), {
      paths: { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=AB' }, 'apis/node.k8s.io/v1': { serverRelativeURL: '/openapi/v3/apis/node.k8s.io/v1?hash=CD' } },
    })
  })

  it('hashes as upper-case SHA-512 hex', () => {
    const h = contentHash('{}')
    assert.match(h, /^[0-9A-F]{128}$/)
    assert.equal(h, contentHash('{}'))
    assert.notEqual(h, contentHash('{ }'))
  })
})
