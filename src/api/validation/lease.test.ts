import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fieldErrorText } from '../errors.ts'
import type { LeaseObject } from './lease.ts'
import { validateLease, validateLeaseUpdate } from './lease.ts'

const lease = (spec: Record<string, unknown>): LeaseObject => ({ metadata: { name: 'node-1', namespace: 'kube-node-lease', resourceVersion: '1' }, spec })

const cases: { name: string; input: LeaseObject; want: string[] }[] = [
  { name: 'valid', input: lease({ holderIdentity: 'node-1', leaseDurationSeconds: 40, leaseTransitions: 0 }), want: [] },
  {
    name: 'bad durations',
    input: lease({ leaseDurationSeconds: 0, leaseTransitions: -1 }),
    want: ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0', 'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'],
  },
  { name: 'namespace required', input: { metadata: { name: 'x' }, spec: {} }, want: ['metadata.namespace: Required value'] },
]
for (const { name, input, want } of cases) {
  test(`validateLease: ${name}`, () => assert.deepEqual(validateLease(input).map(fieldErrorText), want))
}

test('validateLeaseUpdate checks metadata and spec', () => {
  const next = { ...lease({ leaseDurationSeconds: -5 }), metadata: { name: 'node-1', namespace: 'kube-node-lease' } }
  assert.deepEqual(validateLeaseUpdate(next, lease({})).map(fieldErrorText), [
    'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    'spec.leaseDurationSeconds: Invalid value: -5: must be greater than 0',
  ])
})
