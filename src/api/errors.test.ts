import { test } from 'node:test'
import assert from 'node:assert/strict'
import { invalid, invalidObject, notFound, fieldErrorText } from './errors.ts'

test('notFound uses the qualified resource and plural kind', () => {
  const err = notFound({ group: 'node.k8s.io', resource: 'runtimeclasses' }, 'x')
  assert.deepEqual(err.status, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: 'runtimeclasses.node.k8s.io "x" not found', reason: 'NotFound',
    details: { name: 'x', group: 'node.k8s.io', kind: 'runtimeclasses' }, code: 404,
  })
})

test('invalidObject lists several distinct texts in brackets and keeps every cause', () => {
  const e1 = invalid('handler', 'Foo', 'bad')
  const err = invalidObject({ group: 'node.k8s.io', kind: 'RuntimeClass' }, 'x', [e1, e1, invalid('metadata.name', 'x', 'worse')])
  assert.equal(err.message, 'RuntimeClass.node.k8s.io "x" is invalid: [handler: Invalid value: "Foo": bad, metadata.name: Invalid value: "x": worse]')
  assert.equal(err.status.details?.causes?.length, 3)
  assert.equal(fieldErrorText(e1), 'handler: Invalid value: "Foo": bad')
})
