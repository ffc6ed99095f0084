import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fieldErrorText } from '../errors.ts'
import { validateNamespace, validateNamespaceUpdate } from './namespace.ts'

const cases: { name: string; input: Parameters<typeof validateNamespace>[0]; want: string[] }[] = [
  { name: 'valid', input: { metadata: { name: 'team-a' }, spec: { finalizers: ['kubernetes'] } }, want: [] },
  { name: 'name must not contain dots', input: { metadata: { name: 'team.a' } }, want: ['metadata.name: Invalid value: "team.a": must not contain dots'] },
  {
    name: 'spec finalizer not standard',
    input: { metadata: { name: 'a' }, spec: { finalizers: ['custom'] } },
    want: ['spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'],
  },
]
for (const { name, input, want } of cases) {
  test(`validateNamespace: ${name}`, () => assert.deepEqual(validateNamespace(input).map(fieldErrorText), want))
}

test('validateNamespaceUpdate: name is immutable', () => {
  assert.deepEqual(
    validateNamespaceUpdate({ metadata: { name: 'b', resourceVersion: '2' } }, { metadata: { name: 'a', resourceVersion: '1' } }).map(fieldErrorText),
    ['metadata.name: Invalid value: "b": field is immutable'],
  )
})
