import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fieldErrorText } from '../errors.ts'
import type { ObjectMeta } from '../meta.ts'
import { nameIsDNSSubdomain } from './names.ts'
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts'

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

const cluster = { requiresNamespace: false, nameFn: nameIsDNSSubdomain }
const namespaced = { requiresNamespace: true, nameFn: nameIsDNSSubdomain }
const core = { ...namespaced, kubeFinalizers: true }

const createCases: { name: string; meta: ObjectMeta; opts: typeof core | typeof cluster; want: string[] }[] = [
  { name: 'valid namespaced', meta: { name: 'a', namespace: 'ns' }, opts: namespaced, want: [] },
  { name: 'missing namespace', meta: { name: 'a' }, opts: namespaced, want: ['metadata.namespace: Required value'] },
  { name: 'bad namespace', meta: { name: 'a', namespace: 'a.b' }, opts: namespaced, want: ['metadata.namespace: Invalid value: "a.b": must not contain dots'] },
  { name: 'namespace on cluster kind', meta: { name: 'a', namespace: 'ns' }, opts: cluster, want: ['metadata.namespace: Forbidden: not allowed on this type'] },
  { name: 'no name', meta: {}, opts: cluster, want: ['metadata.name: Required value: name or generateName is required'] },
  { name: 'negative generation', meta: { name: 'a', generation: -1 }, opts: cluster, want: ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'] },
  {
    name: 'bad label key and value',
    meta: { name: 'a', labels: { 'bad key!': 'ok', ok: 'bad value!' } },
    opts: cluster,
    want: [
      `metadata.labels: Invalid value: "bad key!": ${NAME_PART}`,
      "metadata.labels: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  },
  { name: 'annotation keys ignore case', meta: { name: 'a', annotations: { 'Example.COM/Key': 'v' } }, opts: cluster, want: [] },
  { name: 'bad annotation key', meta: { name: 'a', annotations: { 'a b': 'v' } }, opts: cluster, want: [`metadata.annotations: Invalid value: "a b": ${NAME_PART}`] },
  {
    name: 'annotations too large',
    meta: { name: 'a', annotations: { k: 'x'.repeat(262144) } },
    opts: cluster,
    want: ['metadata.annotations: Too long: must have at most 262144 bytes'],
  },
  { name: 'annotations at the limit', meta: { name: 'a', annotations: { k: 'x'.repeat(262143) } }, opts: cluster, want: [] },
  {
    name: 'conflicting finalizers',
    meta: { name: 'a', finalizers: ['orphan', 'foregroundDeletion'] },
    opts: cluster,
    want: ['metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set'],
  },
  {
    name: 'core finalizer rule',
    meta: { name: 'a', namespace: 'ns', finalizers: ['custom', 'example.com/x', 'kubernetes'] },
    opts: core,
    want: ['metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'],
  },
  {
    name: 'owner references',
    meta: { name: 'a', ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }, { apiVersion: '', kind: '', name: '', uid: '' }] },
    opts: cluster,
    want: [
      'metadata.ownerReferences: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"u"}: /v1, Kind=Event is disallowed from being an owner',
      'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
    ],
  },
  {
    name: 'managed fields',
    meta: { name: 'a', managedFields: [{ manager: 'm', operation: 'Patch' as 'Apply', fieldsType: 'FieldsV2' as 'FieldsV1' }] },
    opts: cluster,
    want: [
      'metadata.managedFields[0].operation: Invalid value: "Patch": must be `Apply` or `Update`',
      'metadata.managedFields[0].fieldsType: Invalid value: "FieldsV2": must be `FieldsV1`',
    ],
  },
]

for (const { name, meta, opts, want } of createCases) {
  test(`validateObjectMeta: ${name}`, () => assert.deepEqual(validateObjectMeta(meta, opts).map(fieldErrorText), want))
}

test('validateObjectMeta: a bad generateName is reported before the name', () => {
  assert.deepEqual(validateObjectMeta({ generateName: 'x_' }, { requiresNamespace: false, nameFn: (n, p) => (p ? [] : [LABEL]) }).map(fieldErrorText), [
    'metadata.name: Required value: name or generateName is required',
  ])
})

const base: ObjectMeta = { name: 'a', namespace: 'ns', uid: 'u1', resourceVersion: '5', generation: 2, creationTimestamp: '2026-01-01T00:00:00Z' }
const updateCases: { name: string; meta: ObjectMeta; old?: ObjectMeta; want: string[] }[] = [
  { name: 'unchanged', meta: base, want: [] },
  { name: 'no resourceVersion', meta: { ...base, resourceVersion: '' }, want: ['metadata.resourceVersion: Invalid value: "": must be specified for an update'] },
  { name: 'generation decremented', meta: { ...base, generation: 1 }, want: ['metadata.generation: Invalid value: 1: must not be decremented'] },
  {
    name: 'immutable fields',
    meta: { ...base, uid: 'u2', creationTimestamp: '2026-02-01T00:00:00Z', deletionTimestamp: '2026-03-01T00:00:00Z', deletionGracePeriodSeconds: 30 },
    want: [
      'metadata.uid: Invalid value: "u2": field is immutable',
      'metadata.creationTimestamp: Invalid value: "2026-02-01T00:00:00Z": field is immutable',
      'metadata.deletionTimestamp: Invalid value: "2026-03-01T00:00:00Z": field is immutable',
      'metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable',
    ],
  },
  {
    name: 'no new finalizers while deleting',
    meta: { ...base, deletionTimestamp: '2026-03-01T00:00:00Z', finalizers: ['a/x', 'b/y', 'a/old'] },
    old: { ...base, deletionTimestamp: '2026-03-01T00:00:00Z', finalizers: ['a/old'] },
    want: ['metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"a/x", "b/y"}'],
  },
]

for (const { name, meta, old, want } of updateCases) {
  test(`validateObjectMetaUpdate: ${name}`, () => assert.deepEqual(validateObjectMetaUpdate(meta, old ?? base).map(fieldErrorText), want))
}
