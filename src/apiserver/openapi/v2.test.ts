import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { definitions } from '../../api/schema/index.ts'
import { buildV2Document } from './v2.ts'
import { DocumentType, encodeV2Proto } from './v2-proto.ts'
import type { GroupVersionInput } from './operations.ts'

type J = Record<string, any>

const INPUTS: GroupVersionInput[] = [
  { group: '', version: 'v1', resources: [{ kind: 'Pod', plural: 'pods', namespaced: true, verbs: ['create', 'get', 'list', 'patch', 'update', 'delete', 'watch'], definition: 'io.k8s.api.core.v1.Pod', listDefinition: 'io.k8s.api.core.v1.PodList' }] },
  { group: 'node.k8s.io', version: 'v1', resources: [{ kind: 'RuntimeClass', plural: 'runtimeclasses', namespaced: false, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], definition: 'io.k8s.api.node.v1.RuntimeClass', listDefinition: 'io.k8s.api.node.v1.RuntimeClassList' }] },
]

const doc = buildV2Document(INPUTS, definitions) as J

describe('buildV2Document', () => {
  it('covers every group-version with #/definitions references', () => {
    assert.equal(doc.swagger, '2.0')
    assert.ok('/api/v1/namespaces/{namespace}/pods/{name}' in doc.paths)
    assert.ok('/apis/node.k8s.io/v1/runtimeclasses/{name}' in doc.paths)
    const rc = doc.definitions['io.k8s.api.node.v1.RuntimeClass']
    assert.deepEqual(rc.required, ['handler'])
    assert.deepEqual(rc.properties.metadata.$ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')
    assert.deepEqual(doc.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'], { description: doc.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'].description, type: 'string' })
    assert.equal(doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].format, 'int-or-string')
  })

  it('gives patch a body parameter, fieldValidation and the kind', () => {
    const patch = doc.paths['/apis/node.k8s.io/v1/runtimeclasses/{name}'].patch
    assert.deepEqual(patch.parameters.map((p: J) => `${p.in}:${p.name}`), ['body:body', 'query:dryRun', 'query:fieldManager', 'query:fieldValidation', 'query:force'])
    assert.deepEqual(patch.consumes, ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'])
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'node.k8s.io', kind: 'RuntimeClass', version: 'v1' })
    assert.deepEqual(patch.responses['200'].schema, { $ref: '#/definitions/io.k8s.api.node.v1.RuntimeClass' })
  })
})

describe('encodeV2Proto', () => {
  const bytes = encodeV2Proto(doc)
  const decoded = DocumentType.toObject(DocumentType.decode(bytes), { defaults: false }) as J

  it('starts with field 1, swagger "2.0"', () => {
    assert.deepEqual([...bytes.subarray(0, 5)], [0x0a, 0x03, 0x32, 0x2e, 0x30])
  })

  it('keeps definitions, required lists and vendor extensions', () => {
    const defs = new Map((decoded.definitions.additional_properties as J[]).map((d) => [d.name, d.value]))
    assert.equal(defs.size, Object.keys(doc.definitions).length)
    const rc = defs.get('io.k8s.api.node.v1.RuntimeClass')
    assert.deepEqual(rc.required, ['handler'])
    assert.deepEqual(rc.type.value, ['object'])
    const ext = Object.fromEntries((rc.vendor_extension as J[]).map((e) => [e.name, JSON.parse(e.value.yaml)]))
    assert.deepEqual(ext, { 'x-kubernetes-group-version-kind': [{ group: 'node.k8s.io', kind: 'RuntimeClass', version: 'v1' }] })
    const props = new Map((rc.properties.additional_properties as J[]).map((p) => [p.name, p.value]))
    assert.equal(props.get('metadata')._ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')
    const spec = defs.get('io.k8s.api.core.v1.PodSpec')
    const containers = (spec.properties.additional_properties as J[]).find((p) => p.name === 'containers')!.value
    assert.deepEqual(containers.items.schema[0]._ref, '#/definitions/io.k8s.api.core.v1.Container')
    assert.deepEqual(Object.fromEntries((containers.vendor_extension as J[]).map((e) => [e.name, JSON.parse(e.value.yaml)])), {
      'x-kubernetes-list-map-keys': ['name'], 'x-kubernetes-list-type': 'map', 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge',
    })
    const nodeSelector = (spec.properties.additional_properties as J[]).find((p) => p.name === 'nodeSelector')!.value
    assert.deepEqual(nodeSelector.additional_properties.schema.type.value, ['string'])
  })

  it('keeps paths, operations and parameters', () => {
    const paths = new Map((decoded.paths.path as J[]).map((p) => [p.name, p.value]))
    assert.equal(paths.size, Object.keys(doc.paths).length)
    const patch = paths.get('/apis/node.k8s.io/v1/runtimeclasses/{name}').patch
    assert.equal(patch.operation_id, 'patchNodeV1RuntimeClass')
    const params = (patch.parameters as J[]).map((p) => p.parameter.body_parameter?.name ?? p.parameter.non_body_parameter.query_parameter_sub_schema.name)
    assert.deepEqual(params, ['body', 'dryRun', 'fieldManager', 'fieldValidation', 'force'])
    const gvk = (patch.vendor_extension as J[]).find((e) => e.name === 'x-kubernetes-group-version-kind')
    assert.deepEqual(JSON.parse(gvk!.value.yaml), { group: 'node.k8s.io', kind: 'RuntimeClass', version: 'v1' })
    const ok = (patch.responses.response_code as J[]).find((r) => r.name === '200')
    assert.equal(ok!.value.response.schema.schema._ref, '#/definitions/io.k8s.api.node.v1.RuntimeClass')
    const named = paths.get('/apis/node.k8s.io/v1/runtimeclasses/{name}').parameters[0].parameter.non_body_parameter.path_parameter_sub_schema
    assert.deepEqual({ name: named.name, in: named.in, required: named.required }, { name: 'name', in: 'path', required: true })
  })
})
