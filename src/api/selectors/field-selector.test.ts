import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isStatusError } from '../errors.ts'
import type { KubeObject } from '../meta.ts'
import { fieldsOf, formatFieldSelector, matchesFields, parseFieldSelector, validateFieldSelector } from './field-selector.ts'

const isBadRequest = (message: string) => (err: unknown) =>
  isStatusError(err) && err.code === 400 && err.reason === 'BadRequest' && err.message === message

const good: { input: string; want: unknown }[] = [
  { input: '', want: [] },
  { input: 'metadata.name=web', want: [{ field: 'metadata.name', operator: '=', value: 'web' }] },
  { input: 'metadata.name==web', want: [{ field: 'metadata.name', operator: '=', value: 'web' }] },
  {
    // Terms are sorted, whatever order the client sent them in.
    input: 'status.phase!=Succeeded,spec.nodeName=n,status.phase!=Failed',
    want: [
      { field: 'spec.nodeName', operator: '=', value: 'n' },
      { field: 'status.phase', operator: '!=', value: 'Failed' },
      { field: 'status.phase', operator: '!=', value: 'Succeeded' },
    ],
  },
  { input: 'involvedObject.namespace=', want: [{ field: 'involvedObject.namespace', operator: '=', value: '' }] },
  { input: 'a=x\\,y\\=z\\\\', want: [{ field: 'a', operator: '=', value: 'x,y=z\\' }] },
  { input: 'a=b,,', want: [{ field: 'a', operator: '=', value: 'b' }] },
]

for (const { input, want } of good) {
  test(`field selector ${JSON.stringify(input)} parses`, () => {
    assert.deepEqual(parseFieldSelector(input), want)
  })
}

test('formatFieldSelector escapes values again', () => {
  assert.equal(formatFieldSelector(parseFieldSelector('b!=2,a==x\\,y')), 'a=x\\,y,b!=2')
})

const bad: { input: string; error: string }[] = [
  { input: 'metadata.name', error: "invalid selector: 'metadata.name'; can't understand 'metadata.name'" },
  { input: 'a=b,c', error: "invalid selector: 'a=b,c'; can't understand 'c'" },
  { input: 'a=b=c', error: 'invalid field selector: unescaped character in value: 61' },
  { input: 'a=b\\x', error: 'invalid field selector: invalid escape sequence: \\x' },
  { input: 'a=b\\', error: 'invalid field selector: invalid escape sequence: \\' },
]

for (const { input, error } of bad) {
  test(`field selector ${JSON.stringify(input)} is rejected with upstream's message`, () => {
    assert.throws(() => parseFieldSelector(input), isBadRequest(error))
  })
}

const validation: { resource: string; input: string; error?: string; want?: string }[] = [
  { resource: 'pods', input: 'spec.foo=bar', error: 'field label not supported: spec.foo' },
  { resource: 'pods', input: 'spec.host=n1', want: 'spec.nodeName=n1' },
  { resource: 'pods', input: 'status.podIPs=1.2.3.4,spec.hostNetwork=true', want: 'spec.hostNetwork=true,status.podIPs=1.2.3.4' },
  { resource: 'nodes', input: 'metadata.namespace=x', error: 'field label not supported: metadata.namespace' },
  { resource: 'nodes', input: 'spec.unschedulable=false', want: 'spec.unschedulable=false' },
  { resource: 'namespaces', input: 'status.phase=Active', want: 'status.phase=Active' },
  { resource: 'events', input: 'involvedObject.kind=RuntimeClass,involvedObject.namespace=', want: 'involvedObject.kind=RuntimeClass,involvedObject.namespace=' },
  { resource: 'events', input: 'count=1', error: 'field label not supported: count' },
  { resource: 'runtimeclasses', input: 'metadata.name=runc', want: 'metadata.name=runc' },
  { resource: 'runtimeclasses', input: 'handler=runc', error: '"handler" is not a known field selector: only "metadata.name", "metadata.namespace"' },
  { resource: 'leases', input: 'spec.foo=bar', error: '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"' },
  // The first bad term in sorted order is the one reported.
  { resource: 'pods', input: 'z=1,b=2', error: 'field label not supported: b' },
]

for (const { resource, input, error, want } of validation) {
  test(`validateFieldSelector(${resource}, ${JSON.stringify(input)})`, () => {
    const sel = parseFieldSelector(input)
    if (error) assert.throws(() => validateFieldSelector(resource, sel), isBadRequest(error))
    else assert.equal(formatFieldSelector(validateFieldSelector(resource, sel)), want)
  })
}

const pod: KubeObject = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'web', namespace: 'default' },
  spec: { nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
  status: { phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }] },
}
const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { unschedulable: true } }
const event: KubeObject = {
  apiVersion: 'v1', kind: 'Event',
  metadata: { name: 'runc.1', namespace: 'default' },
  involvedObject: { kind: 'RuntimeClass', name: 'runc', uid: 'u1', apiVersion: 'node.k8s.io/v1' },
  reason: 'Created', type: 'Normal', reportingComponent: 'runclass-scheduler', source: {},
}

test('fieldsOf gives upstream selectable fields per resource', () => {
  assert.deepEqual(fieldsOf('pods', pod), {
    'spec.nodeName': 'n1', 'spec.restartPolicy': 'Always', 'spec.schedulerName': 'default-scheduler',
    'spec.serviceAccountName': 'default', 'spec.hostNetwork': 'false', 'status.phase': 'Running',
    'status.podIP': '10.0.0.5', 'status.nominatedNodeName': '', 'metadata.name': 'web', 'metadata.namespace': 'default',
  })
  assert.deepEqual(fieldsOf('nodes', node), { 'metadata.name': 'n1', 'spec.unschedulable': 'true' })
  assert.deepEqual(fieldsOf('namespaces', { metadata: { name: 'ns' }, status: { phase: 'Active' } }), {
    'metadata.name': 'ns', 'status.phase': 'Active', name: 'ns',
  })
  assert.deepEqual(fieldsOf('runtimeclasses', { metadata: { name: 'runc' } }), { 'metadata.name': 'runc', 'metadata.namespace': '' })
  assert.deepEqual(fieldsOf('events', event), {
    'involvedObject.kind': 'RuntimeClass', 'involvedObject.namespace': '', 'involvedObject.name': 'runc',
    'involvedObject.uid': 'u1', 'involvedObject.apiVersion': 'node.k8s.io/v1', 'involvedObject.resourceVersion': '',
    'involvedObject.fieldPath': '', reason: 'Created', reportingComponent: 'runclass-scheduler',
    source: 'runclass-scheduler', type: 'Normal', 'metadata.name': 'runc.1', 'metadata.namespace': 'default',
  })
})

const matching: { resource: string; o: KubeObject; selector: string; want: boolean }[] = [
  { resource: 'pods', o: pod, selector: 'spec.nodeName=n1,status.phase!=Succeeded,status.phase!=Failed', want: true },
  { resource: 'pods', o: pod, selector: 'spec.nodeName=n2', want: false },
  { resource: 'pods', o: pod, selector: 'status.podIPs=', want: true },
  { resource: 'events', o: event, selector: 'involvedObject.kind=RuntimeClass,involvedObject.name=runc,involvedObject.namespace=,involvedObject.uid=u1', want: true },
  { resource: 'events', o: event, selector: 'involvedObject.namespace=default', want: false },
  { resource: 'runtimeclasses', o: { metadata: { name: 'runc' } }, selector: 'metadata.name=runc', want: true },
  { resource: 'runtimeclasses', o: { metadata: { name: 'runc' } }, selector: 'metadata.namespace=', want: true },
]

for (const { resource, o, selector, want } of matching) {
  test(`${resource} ${o.metadata.name} ${want ? 'matches' : 'does not match'} ${selector}`, () => {
    const sel = validateFieldSelector(resource, parseFieldSelector(selector))
    assert.equal(matchesFields(sel, fieldsOf(resource, o)), want)
  })
}
