import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fieldErrorText, invalidObject } from '../errors.ts'
import type { RuntimeClassObject } from './runtimeclass.ts'
import { runtimeClassUpdateChecks, runtimeClassWarnings, validateRuntimeClass, validateRuntimeClassUpdate } from './runtimeclass.ts'

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

const rc = (name: string, handler: string, extra: Partial<RuntimeClassObject> = {}): RuntimeClassObject => ({
  metadata: { name },
  handler,
  ...extra,
})
const texts = (errs: ReturnType<typeof validateRuntimeClass>) => errs.map(fieldErrorText)

test('§2 complete Invalid message for a bad handler', () => {
  const err = invalidObject({ group: 'node.k8s.io', kind: 'RuntimeClass' }, 'x', validateRuntimeClass(rc('x', 'Foo')))
  assert.equal(
    err.message,
    `RuntimeClass.node.k8s.io "x" is invalid: handler: Invalid value: "Foo": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  )
  assert.deepEqual(err.status.details?.causes, [
    { reason: 'FieldValueInvalid', message: `Invalid value: "Foo": ${LABEL_MSG}`, field: 'handler' },
  ])
})

const createCases: { name: string; input: RuntimeClassObject; want: string[] }[] = [
  // TestValidateRuntimeClass
  { name: 'invalid name', input: rc('&!@#', 'foo'), want: [`metadata.name: Invalid value: "&!@#": ${SUBDOMAIN_MSG}`] },
  { name: 'invalid handler', input: rc('foo', '&@#$'), want: [`handler: Invalid value: "&@#$": ${LABEL_MSG}`] },
  { name: 'empty handler', input: rc('empty', ''), want: [`handler: Invalid value: "": ${LABEL_MSG}`] },
  { name: 'valid', input: rc('foo', 'bar-baz'), want: [] },
  { name: 'missing handler reads as empty', input: { metadata: { name: 'foo' } }, want: [`handler: Invalid value: "": ${LABEL_MSG}`] },
  // derived handler cases
  { name: 'handler with dots', input: rc('foo', 'a.b'), want: ['handler: Invalid value: "a.b": must not contain dots'] },
  ...['Runc', 'run_c', '-a', 'a-'].map((h) => ({ name: `handler ${h}`, input: rc('foo', h), want: [`handler: Invalid value: "${h}": ${LABEL_MSG}`] })),
  { name: '63-character handler', input: rc('foo', 'a'.repeat(63)), want: [] },
  {
    name: '64-character handler',
    input: rc('foo', 'a'.repeat(64)),
    want: [`handler: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
  },
  {
    name: '64 characters with an underscore give both messages',
    input: rc('foo', `${'a'.repeat(63)}_`),
    want: [
      `handler: Invalid value: "${'a'.repeat(63)}_": must be no more than 63 characters`,
      `handler: Invalid value: "${'a'.repeat(63)}_": ${LABEL_MSG}`,
    ],
  },
  // metadata
  { name: 'no name', input: rc('', 'bar'), want: ['metadata.name: Required value: name or generateName is required'] },
  {
    name: 'namespace on a cluster-scoped kind',
    input: { metadata: { name: 'foo', namespace: 'default' }, handler: 'bar' },
    want: ['metadata.namespace: Forbidden: not allowed on this type'],
  },
  {
    name: 'generateName is a prefix: trailing dash allowed',
    input: { metadata: { name: 'foo-abcde', generateName: 'foo-' }, handler: 'bar' },
    want: [],
  },
  {
    name: 'bad generateName',
    input: { metadata: { name: 'foo', generateName: 'Foo-' }, handler: 'bar' },
    want: [`metadata.generateName: Invalid value: "Foo-": ${SUBDOMAIN_MSG}`],
  },
  // TestValidateOverhead
  { name: 'valid overhead', input: rc('foo', 'bar', { overhead: { podFixed: { cpu: '10', memory: '10G' } } }), want: [] },
  {
    name: 'non-standard overhead resource',
    input: rc('foo', 'bar', { overhead: { podFixed: { 'my.org': '10m' } } }),
    want: [
      'overhead.limits[my.org]: Invalid value: "my.org": must be a standard resource type or fully qualified',
      'overhead.limits[my.org]: Invalid value: "my.org": must be a standard resource for containers',
    ],
  },
  // derived overhead cases
  {
    name: 'negative overhead',
    input: rc('foo', 'bar', { overhead: { podFixed: { cpu: '-1' } } }),
    want: ['overhead.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0'],
  },
  {
    name: 'fractional extended resource',
    input: rc('foo', 'bar', { overhead: { podFixed: { 'example.com/foo': '500m' } } }),
    want: ['overhead.limits[example.com/foo]: Invalid value: "500m": must be an integer'],
  },
  { name: 'integer extended resource', input: rc('foo', 'bar', { overhead: { podFixed: { 'example.com/foo': '2' } } }), want: [] },
  {
    name: 'hugepages alone',
    input: rc('foo', 'bar', { overhead: { podFixed: { 'hugepages-2Mi': '2Mi' } } }),
    want: ['overhead: Forbidden: HugePages require cpu or memory'],
  },
  {
    name: 'hugepages not a multiple of the page size',
    input: rc('foo', 'bar', { overhead: { podFixed: { 'hugepages-2Mi': '3Mi', memory: '1Gi' } } }),
    want: ['overhead.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi'],
  },
  { name: 'empty podFixed', input: rc('foo', 'bar', { overhead: { podFixed: {} } }), want: [] },
  { name: 'overhead without podFixed', input: rc('foo', 'bar', { overhead: {} }), want: [] },
  { name: 'zero overhead', input: rc('foo', 'bar', { overhead: { podFixed: { cpu: '0' } } }), want: [] },
  // more toleration cases
  {
    name: 'Equal without key',
    input: rc('foo', 'bar', { scheduling: { tolerations: [{ operator: 'Equal', value: 'x' }] } }),
    want: ['scheduling.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
  },
  {
    name: 'unknown operator',
    input: rc('foo', 'bar', { scheduling: { tolerations: [{ key: 'k', operator: 'Foo' }] } }),
    want: ['scheduling.tolerations[0].operator: Unsupported value: "Foo": supported values: "Equal", "Exists"'],
  },
  {
    name: 'unknown effect',
    input: rc('foo', 'bar', { scheduling: { tolerations: [{ key: 'k', operator: 'Exists', effect: 'Bad' }] } }),
    want: ['scheduling.tolerations[0].effect: Unsupported value: "Bad": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
  },
  {
    name: 'tolerationSeconds without NoExecute',
    input: rc('foo', 'bar', { scheduling: { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] } }),
    want: ['scheduling.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set'],
  },
  {
    name: 'bad toleration value is reported at operator',
    input: rc('foo', 'bar', { scheduling: { tolerations: [{ key: 'k', operator: 'Equal', value: 'bad value!' }] } }),
    want: [`scheduling.tolerations[0].operator: Invalid value: "bad value!": ${LABEL_VALUE_MSG}`],
  },
  {
    name: 'Exists with a value shows the whole toleration',
    input: rc('foo', 'bar', { scheduling: { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] } }),
    want: [
      'scheduling.tolerations[0].operator: Invalid value: {"Key":"k","Operator":"Exists","Value":"v","Effect":"","TolerationSeconds":null}: value must be empty when `operator` is \'Exists\'',
    ],
  },
  {
    name: 'bad nodeSelector value',
    input: rc('foo', 'bar', { scheduling: { nodeSelector: { ok: 'not ok!' } } }),
    want: [`scheduling.nodeSelector: Invalid value: "not ok!": ${LABEL_VALUE_MSG}`],
  },
]

for (const { name, input, want } of createCases) {
  test(`validateRuntimeClass: ${name}`, () => assert.deepEqual(texts(validateRuntimeClass(input)), want))
}

// TestValidateScheduling: the number of errors is asserted, and here their texts too.
const valid = { key: 'valid', operator: 'Exists', effect: 'NoSchedule' }
const schedulingCases: { name: string; scheduling: RuntimeClassObject['scheduling']; want: string[] }[] = [
  { name: 'valid scheduling', scheduling: { nodeSelector: { valid: 'yes' }, tolerations: [valid] }, want: [] },
  { name: 'empty scheduling', scheduling: {}, want: [] },
  {
    name: 'invalid nodeSelector',
    scheduling: { nodeSelector: { 'not a valid key!!!': 'nope' } },
    want: [`scheduling.nodeSelector: Invalid value: "not a valid key!!!": ${NAME_PART_MSG}`],
  },
  {
    name: 'invalid toleration',
    scheduling: { tolerations: [valid, { key: 'not a valid key!!!', operator: 'Exists', effect: 'NoSchedule' }] },
    want: [`scheduling.tolerations[1].key: Invalid value: "not a valid key!!!": ${NAME_PART_MSG}`],
  },
  {
    name: 'duplicate tolerations',
    scheduling: {
      tolerations: [
        { key: 'valid', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 },
        { key: 'valid', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
      ],
    },
    want: ['scheduling.tolerations[1]: Duplicate value: {"Key":"valid","Operator":"Exists","Value":"","Effect":"NoExecute","TolerationSeconds":10}'],
  },
  {
    name: 'invalid scheduling',
    scheduling: {
      nodeSelector: { 'not a valid key!!!': 'nope' },
      tolerations: [valid, { key: 'not a valid toleration key!!!', operator: 'Exists', effect: 'NoSchedule' }],
    },
    want: [
      `scheduling.nodeSelector: Invalid value: "not a valid key!!!": ${NAME_PART_MSG}`,
      `scheduling.tolerations[1].key: Invalid value: "not a valid toleration key!!!": ${NAME_PART_MSG}`,
    ],
  },
]

for (const { name, scheduling, want } of schedulingCases) {
  test(`TestValidateScheduling: ${name} (${want.length} errors)`, () => {
    const errs = validateRuntimeClass(rc('foo', 'bar', { scheduling }))
    assert.equal(errs.length, want.length)
    assert.deepEqual(texts(errs), want)
  })
}

// TestValidateRuntimeUpdate: old {foo, bar}, resourceVersion 1 on both.
const old: RuntimeClassObject = { metadata: { name: 'foo', resourceVersion: '1' }, handler: 'bar' }
const updateCases: { name: string; input: RuntimeClassObject; want: string[] }[] = [
  { name: 'valid', input: { metadata: { name: 'foo', resourceVersion: '1', labels: { foo: 'bar' } }, handler: 'bar' }, want: [] },
  {
    name: 'invalid name update',
    input: { metadata: { name: 'empty', namespace: 'somethingelse', resourceVersion: '1' }, handler: 'bar' },
    want: [
      'metadata.name: Invalid value: "empty": field is immutable',
      'metadata.namespace: Invalid value: "somethingelse": field is immutable',
    ],
  },
  {
    name: 'invalid handler update',
    input: { metadata: { name: 'foo', resourceVersion: '1' }, handler: 'somethingelse' },
    want: ['handler: Invalid value: "somethingelse": field is immutable'],
  },
  {
    name: 'missing resourceVersion',
    input: { metadata: { name: 'foo' }, handler: 'bar' },
    want: ['metadata.resourceVersion: Invalid value: "": must be specified for an update'],
  },
]

for (const { name, input, want } of updateCases) {
  test(`TestValidateRuntimeUpdate: ${name}`, () => assert.deepEqual(texts(runtimeClassUpdateChecks(input, old)), want))
}

test('full update validation runs the create checks first: handler Foo gives two causes', () => {
  assert.deepEqual(texts(validateRuntimeClassUpdate({ metadata: { name: 'foo', resourceVersion: '1' }, handler: 'Foo' }, old)), [
    `handler: Invalid value: "Foo": ${LABEL_MSG}`,
    'handler: Invalid value: "Foo": field is immutable',
  ])
})

test('runtimeClassWarnings lists deprecated node labels only', () => {
  const input = rc('foo', 'bar', {
    scheduling: {
      nodeSelector: {
        'beta.kubernetes.io/arch': 'amd64',
        'kubernetes.io/os': 'linux',
        'beta.kubernetes.io/os': 'linux',
        'failure-domain.beta.kubernetes.io/region': 'r',
        'failure-domain.beta.kubernetes.io/zone': 'z',
        'beta.kubernetes.io/instance-type': 't',
        constructor: 'x',
      },
    },
  })
  assert.deepEqual(runtimeClassWarnings(input), [
    'scheduling.nodeSelector: deprecated since v1.14; use "kubernetes.io/arch" instead',
    'scheduling.nodeSelector: deprecated since v1.14; use "kubernetes.io/os" instead',
    'scheduling.nodeSelector: deprecated since v1.17; use "topology.kubernetes.io/region" instead',
    'scheduling.nodeSelector: deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
    'scheduling.nodeSelector: deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
  ])
  assert.deepEqual(runtimeClassWarnings(rc('foo', 'bar')), [])
})
