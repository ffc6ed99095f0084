import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isStatusError } from '../../api/errors.ts'
import type { KubeObject } from '../../api/meta.ts'
import { OBJECT_META_CREATION_TIMESTAMP, OBJECT_META_NAME } from './descriptions.ts'
import { parseIncludeObject, printTable } from './printers.ts'

const now = new Date('2026-11-22T17:11:33Z')

const runc: KubeObject = {
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: {
    managedFields: [{ manager: 'kubectl-create', operation: 'Update', apiVersion: 'node.k8s.io/v1' }],
    creationTimestamp: '2026-11-22T16:11:33Z',
    resourceVersion: '1006',
    uid: 'u-runc',
    name: 'runc',
  },
  handler: 'runc',
}

test('RuntimeClass list as a Table with PartialObjectMetadata rows (the default)', () => {
  const table = printTable('runtimeclasses', [runc], { now, includeObject: 'Metadata', listResourceVersion: '1009', withColumnDefinitions: true })
  assert.deepEqual(table, {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1009' },
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: OBJECT_META_NAME, priority: 0 },
      { name: 'Handler', type: 'string', format: '', description: '', priority: 0 },
      { name: 'Age', type: 'string', format: '', description: OBJECT_META_CREATION_TIMESTAMP, priority: 0 },
    ],
    rows: [{
      cells: ['runc', 'runc', '60m'],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: { name: 'runc', uid: 'u-runc', resourceVersion: '1006', creationTimestamp: '2026-11-22T16:11:33Z' },
      },
    }],
  })
  // Serialized metadata follows ObjectMeta's field order, as upstream's JSON.
  assert.equal(
    JSON.stringify(table.rows[0].object),
    '{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"runc","uid":"u-runc","resourceVersion":"1006","creationTimestamp":"2026-11-22T16:11:33Z"}}',
  )
})

test('includeObject=Object carries the full object, None carries null', () => {
  const full = printTable('runtimeclasses', [runc], { now, includeObject: 'Object', withColumnDefinitions: true })
  assert.equal(full.rows[0].object, runc)
  assert.deepEqual(full.metadata, {})
  const none = printTable('runtimeclasses', [runc], { now, includeObject: 'None', withColumnDefinitions: true })
  assert.equal(none.rows[0].object, null)
})

test('watch events after the first have null columnDefinitions', () => {
  const t = printTable('runtimeclasses', [runc], { now, includeObject: 'Metadata', listResourceVersion: '1006', withColumnDefinitions: false })
  assert.equal(t.columnDefinitions, null)
  assert.deepEqual(t.rows[0].cells, ['runc', 'runc', '60m'])
})

test('an empty list still has columns and an empty rows array', () => {
  const t = printTable('pods', [], { now, includeObject: 'Metadata', listResourceVersion: '5', withColumnDefinitions: true })
  assert.deepEqual(t.rows, [])
  assert.deepEqual(t.columnDefinitions?.map((c) => [c.name, c.type, c.priority]), [
    ['Name', 'string', 0], ['Ready', 'string', 0], ['Status', 'string', 0], ['Restarts', 'string', 0], ['Age', 'string', 0],
    ['IP', 'string', 1], ['Node', 'string', 1], ['Nominated Node', 'string', 1], ['Readiness Gates', 'string', 1],
  ])
})

const columnNames: [string, string[]][] = [
  ['nodes', ['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']],
  ['events', ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']],
  ['namespaces', ['Name', 'Status', 'Age']],
  ['leases', ['Name', 'Holder', 'Age']],
  ['widgets', ['Name', 'Age']],
]

for (const [resource, names] of columnNames) {
  test(`${resource} columns`, () => {
    const t = printTable(resource, [], { now, includeObject: 'None', withColumnDefinitions: true })
    assert.deepEqual(t.columnDefinitions?.map((c) => c.name), names)
  })
}

test('namespace, lease and fallback rows', () => {
  const opts = { now, includeObject: 'None' as const, withColumnDefinitions: false }
  const ns = { metadata: { name: 'default', creationTimestamp: '2026-11-20T17:11:33Z' }, status: { phase: 'Active' } }
  assert.deepEqual(printTable('namespaces', [ns], opts).rows[0].cells, ['default', 'Active', '2d'])
  const lease = { metadata: { name: 'n1', namespace: 'kube-node-lease', creationTimestamp: '2026-11-22T17:10:33Z' }, spec: { holderIdentity: 'n1' } }
  assert.deepEqual(printTable('leases', [lease], opts).rows[0].cells, ['n1', 'n1', '60s'])
  assert.deepEqual(printTable('leases', [{ metadata: { name: 'free' } }], opts).rows[0].cells, ['free', '', '<unknown>'])
  assert.deepEqual(printTable('widgets', [{ metadata: { name: 'w' } }], opts).rows[0].cells, ['w', '<unknown>'])
})

test('Succeeded pods carry the Completed row condition before the object', () => {
  const done = { metadata: { name: 'job', namespace: 'default' }, spec: { containers: [{ name: 'main' }] }, status: { phase: 'Succeeded' } }
  const row = printTable('pods', [done], { now, includeObject: 'Metadata', withColumnDefinitions: false }).rows[0]
  assert.deepEqual(Object.keys(row), ['cells', 'conditions', 'object'])
  assert.deepEqual(row.object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'job', namespace: 'default', creationTimestamp: null } })
})

test('parseIncludeObject', () => {
  assert.equal(parseIncludeObject(null), 'Metadata')
  assert.equal(parseIncludeObject(''), 'Metadata')
  assert.equal(parseIncludeObject('Object'), 'Object')
  assert.equal(parseIncludeObject('None'), 'None')
  assert.throws(
    () => parseIncludeObject('All'),
    (err: unknown) => isStatusError(err) && err.code === 400 && err.message === 'unrecognized includeObject value: "All"',
  )
})
