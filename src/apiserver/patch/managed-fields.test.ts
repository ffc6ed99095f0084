import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { FieldSet } from './field-set.ts'
import { fieldSet, updateManagedFields } from './managed-fields.ts'
import { POD, RUNTIME_CLASS, testDefs } from './testing-defs.ts'

const LAST = 'kubectl.kubernetes.io/last-applied-configuration'
const T1 = '2026-01-01T00:00:00Z'
const T2 = '2026-01-01T00:05:00Z'
const AV = 'node.k8s.io/v1'

const rc = (extra: Record<string, unknown> = {}, labels: Record<string, string> = { tier: 'sandbox' }) => ({
  apiVersion: AV,
  kind: 'RuntimeClass',
  metadata: { name: 'gvisor', uid: 'u-1', resourceVersion: '5', creationTimestamp: T1, annotations: { [LAST]: '{}\n' }, labels },
  handler: 'runsc',
  scheduling: { nodeSelector: { runtime: 'gvisor' } },
  ...extra,
})

const csaFields = {
  'f:handler': {},
  'f:metadata': { 'f:annotations': { '.': {}, [`f:${LAST}`]: {} }, 'f:labels': { '.': {}, 'f:tier': {} } },
  'f:scheduling': { '.': {}, 'f:nodeSelector': { '.': {}, 'f:runtime': {} } },
}
const csa = (fieldsV1: object = csaFields, time = T1) => ({
  manager: 'kubectl-client-side-apply',
  operation: 'Update' as const,
  apiVersion: AV,
  time,
  fieldsType: 'FieldsV1' as const,
  fieldsV1,
})

describe('fieldSet', () => {
  it('encodes list maps by key, sets by value, map keys and struct leaves', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: { tier: 'web' }, finalizers: ['a'] },
      spec: { containers: [{ name: 'main', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }] },
    }
    assert.deepEqual(fieldSet(testDefs, POD, pod).toFieldsV1(), {
      'f:apiVersion': {},
      'f:kind': {},
      'f:metadata': { 'f:finalizers': { 'v:"a"': {} }, 'f:labels': { 'f:tier': {} }, 'f:name': {} },
      'f:spec': {
        'f:containers': {
          'k:{"name":"main"}': {
            '.': {},
            'f:image': {},
            'f:name': {},
            'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
            'f:resources': {},
          },
        },
      },
    })
  })

  it('round-trips FieldsV1', () => {
    assert.deepEqual(FieldSet.fromFieldsV1(csaFields).toFieldsV1(), csaFields)
  })
})

describe('updateManagedFields', () => {
  const base = { manager: 'kubectl-client-side-apply', operation: 'Update' as const, apiVersion: AV, time: T1 }

  it('records a create like kube-apiserver (no identity metadata, "." on added maps)', () => {
    assert.deepEqual(updateManagedFields(testDefs, RUNTIME_CLASS, { ...base, oldObj: undefined, newObj: rc() }), [csa()])
  })

  const live = () => ({ ...rc(), metadata: { ...rc().metadata, managedFields: [csa()] } })

  const table: { name: string; newObj: object; manager: string; want: unknown }[] = [
    {
      name: 'a label change moves the label to the new manager',
      newObj: rc({}, { tier: 'sandbox2' }),
      manager: 'kubectl-label',
      want: [
        csa({ ...csaFields, 'f:metadata': { 'f:annotations': { '.': {}, [`f:${LAST}`]: {} }, 'f:labels': {} } }),
        { manager: 'kubectl-label', operation: 'Update', apiVersion: AV, time: T2, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:tier': {} } } } },
      ],
    },
    {
      name: 'removing a field takes it from its owner',
      newObj: (({ scheduling: _s, ...rest }) => rest)(rc()),
      manager: 'kubectl-edit',
      want: [csa({ 'f:handler': {}, 'f:metadata': csaFields['f:metadata'] })],
    },
    {
      name: 'a no-op update changes nothing',
      newObj: rc(),
      manager: 'kubectl-edit',
      want: [csa()],
    },
    {
      name: 'the same manager keeps one entry and a new time',
      newObj: rc({ handler: 'kata' }),
      manager: 'kubectl-client-side-apply',
      want: [csa(csaFields, T2)],
    },
  ]
  for (const c of table) {
    it(c.name, () => {
      const got = updateManagedFields(testDefs, RUNTIME_CLASS, { ...base, manager: c.manager, time: T2, oldObj: live(), newObj: c.newObj })
      assert.deepEqual(got, c.want)
    })
  }

  it('leaves an existing untracked object untracked', () => {
    assert.equal(updateManagedFields(testDefs, RUNTIME_CLASS, { ...base, oldObj: rc(), newObj: rc({ handler: 'x' }) }), undefined)
  })

  it('a request with managedFields: [] clears them', () => {
    const newObj = { ...rc(), metadata: { ...rc().metadata, managedFields: [] } }
    const oldObj = { ...rc(), metadata: { ...rc().metadata, managedFields: [csa()] } }
    assert.equal(updateManagedFields(testDefs, RUNTIME_CLASS, { ...base, oldObj, newObj }), undefined)
  })

  it('does not record status on the main resource, nor spec on /status', () => {
    const pod = (phase: string, image: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'main', image }] },
      status: { phase },
    })
    const created = updateManagedFields(testDefs, POD, { ...base, apiVersion: 'v1', manager: 'kubectl-create', oldObj: undefined, newObj: pod('Pending', 'a') })
    assert.deepEqual(created?.[0].fieldsV1, { 'f:spec': { 'f:containers': { 'k:{"name":"main"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } })
    const old = { ...pod('Pending', 'a'), metadata: { name: 'web', uid: 'u', managedFields: created } }
    const status = updateManagedFields(testDefs, POD, {
      ...base,
      apiVersion: 'v1',
      manager: 'kubelet',
      subresource: 'status',
      time: T2,
      oldObj: old,
      newObj: { ...pod('Running', 'b'), metadata: old.metadata },
    })
    assert.deepEqual(status?.map((e) => [e.manager, e.subresource, e.fieldsV1]), [
      ['kubectl-create', undefined, { 'f:spec': { 'f:containers': { 'k:{"name":"main"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } }],
      ['kubelet', 'status', { 'f:status': { 'f:phase': {} } }],
    ])
  })
})
