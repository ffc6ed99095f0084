import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fieldErrorText } from '../errors.ts'
import type { NodeObject } from './node.ts'
import { validateNode, validateNodeUpdate } from './node.ts'

const node = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): NodeObject => ({
  metadata: { name: 'node-1', resourceVersion: '1' },
  spec,
  status,
})

const createCases: { name: string; node: NodeObject; want: string[] }[] = [
  { name: 'valid', node: node({ taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }, { capacity: { cpu: '4', pods: '110' } }), want: [] },
  {
    name: 'taints (reported under metadata.taints, as upstream)',
    node: node({ taints: [{ key: 'k', effect: '' }, { key: 'k', value: 'bad value!', effect: 'Bad' }, { key: 'd', effect: 'NoSchedule' }, { key: 'd', effect: 'NoSchedule' }] }),
    want: [
      'metadata.taints[0].effect: Required value',
      "metadata.taints[1].value: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      'metadata.taints[1].effect: Unsupported value: "Bad": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'metadata.taints[3]: Duplicate value: {"Key":"d","Value":"","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair',
    ],
  },
  {
    name: 'status quantities',
    node: node({}, { capacity: { cpu: '-1' }, allocatable: { pods: '1500m' } }),
    want: [
      'status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0',
      'status.allocatable.pods: Invalid value: "1500m": must be an integer',
    ],
  },
  { name: 'namespace not allowed', node: { metadata: { name: 'n', namespace: 'x' } }, want: ['metadata.namespace: Forbidden: not allowed on this type'] },
]
for (const { name, node: input, want } of createCases) {
  test(`validateNode: ${name}`, () => assert.deepEqual(validateNode(input).map(fieldErrorText), want))
}

const old = node({ podCIDRs: ['10.0.0.0/24'], providerID: 'p1' })
const updateCases: { name: string; node: NodeObject; want: string[] }[] = [
  { name: 'unchanged', node: old, want: [] },
  { name: 'unschedulable may change', node: node({ podCIDRs: ['10.0.0.0/24'], providerID: 'p1', unschedulable: true }), want: [] },
  {
    name: 'podCIDRs and providerID are fixed once set',
    node: node({ podCIDRs: ['10.1.0.0/24'], providerID: 'p2' }),
    want: [
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
      'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
    ],
  },
  {
    name: 'duplicate addresses',
    node: node({ podCIDRs: ['10.0.0.0/24'], providerID: 'p1' }, { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'InternalIP', address: '10.0.0.1' }] }),
    want: ['status.addresses[1]: Duplicate value: {"type":"InternalIP","address":"10.0.0.1"}'],
  },
]
for (const { name, node: input, want } of updateCases) {
  test(`validateNodeUpdate: ${name}`, () => assert.deepEqual(validateNodeUpdate(input, old).map(fieldErrorText), want))
}
