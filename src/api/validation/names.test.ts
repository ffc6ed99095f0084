import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  maskTrailingDash,
  nameIsDNSSubdomain,
  regexError,
  validatePathSegmentName,
} from './names.ts'

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
const QNAME_RE = "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const NAME_PART = `name part must consist of ${QNAME_RE}`
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

test('regexError: each example is written "\'ex\', " and examples are joined with " or "', () => {
  assert.equal(regexError('msg', 'fmt'), "msg (regex used for validation is 'fmt')")
  assert.equal(regexError('msg', 'fmt', 'a'), "msg (e.g. 'a', regex used for validation is 'fmt')")
  assert.equal(regexError('msg', 'fmt', 'a', 'b'), "msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')")
  assert.equal(regexError('msg', 'fmt', 'a', 'b', 'c'), "msg (e.g. 'a',  or 'b',  or 'c', regex used for validation is 'fmt')")
})

const cases: { fn: (v: string) => string[]; name: string; value: string; want: string[] }[] = [
  { fn: isDNS1123Subdomain, name: 'subdomain', value: 'example.com', want: [] },
  { fn: isDNS1123Subdomain, name: 'subdomain', value: 'Example', want: [SUBDOMAIN] },
  { fn: isDNS1123Subdomain, name: 'subdomain', value: '', want: [SUBDOMAIN] },
  { fn: isDNS1123Subdomain, name: 'subdomain', value: 'a'.repeat(253), want: [] },
  { fn: isDNS1123Subdomain, name: 'subdomain', value: 'a'.repeat(254), want: ['must be no more than 253 characters'] },
  { fn: isDNS1123Subdomain, name: 'subdomain', value: `${'a'.repeat(253)}_`, want: ['must be no more than 253 characters', SUBDOMAIN] },
  { fn: isDNS1123Label, name: 'label', value: 'runc', want: [] },
  { fn: isDNS1123Label, name: 'label', value: 'a.b', want: ['must not contain dots'] },
  { fn: isDNS1123Label, name: 'label', value: 'A', want: [LABEL] },
  { fn: isDNS1123Label, name: 'label', value: `${'a'.repeat(63)}_`, want: ['must be no more than 63 characters', LABEL] },
  { fn: isDNS1123Label, name: 'label', value: `${'a'.repeat(62)}.b`, want: ['must be no more than 63 characters', 'must not contain dots'] },
  { fn: isQualifiedName, name: 'qualified', value: 'example.com/MyName', want: [] },
  { fn: isQualifiedName, name: 'qualified', value: 'my.name', want: [] },
  { fn: isQualifiedName, name: 'qualified', value: 'a/b/c', want: [`a qualified name must consist of ${QNAME_RE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`] },
  { fn: isQualifiedName, name: 'qualified', value: '/name', want: ['prefix part must be non-empty'] },
  { fn: isQualifiedName, name: 'qualified', value: 'Bad_/name', want: [`prefix part ${SUBDOMAIN}`] },
  { fn: isQualifiedName, name: 'qualified', value: 'example.com/', want: ['name part must be non-empty', NAME_PART] },
  { fn: isQualifiedName, name: 'qualified', value: '', want: ['name part must be non-empty', NAME_PART] },
  { fn: isQualifiedName, name: 'qualified', value: 'a'.repeat(64), want: ['name part must be no more than 63 characters'] },
  { fn: isQualifiedName, name: 'qualified', value: `${'a'.repeat(64)}-`, want: ['name part must be no more than 63 characters', NAME_PART] },
  { fn: isQualifiedName, name: 'qualified', value: 'not a valid key!!!', want: [NAME_PART] },
  { fn: isValidLabelValue, name: 'label value', value: '', want: [] },
  { fn: isValidLabelValue, name: 'label value', value: 'my_value', want: [] },
  { fn: isValidLabelValue, name: 'label value', value: 'bad value!', want: [LABEL_VALUE] },
  { fn: isValidLabelValue, name: 'label value', value: 'a'.repeat(64), want: ['must be no more than 63 characters'] },
  { fn: isValidPortName, name: 'port name', value: 'http', want: [] },
  {
    fn: isValidPortName,
    name: 'port name',
    value: '-1--',
    want: ['must contain at least one letter (a-z)', 'must not contain consecutive hyphens', 'must not begin or end with a hyphen'],
  },
  { fn: isEnvVarName, name: 'env name', value: 'MY_ENV.NAME', want: [] },
  {
    fn: isEnvVarName,
    name: 'env name',
    value: '1A',
    want: [
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ],
  },
  { fn: isEnvVarName, name: 'env name', value: '..a', want: ["must not start with '..'"] },
]

for (const { fn, name, value, want } of cases) {
  test(`${name} ${JSON.stringify(value.length > 20 ? `${value.slice(0, 10)}…(${value.length})` : value)}`, () => assert.deepEqual(fn(value), want))
}

test('generateName prefixes may end in a dash (upstream masks the last two characters)', () => {
  assert.equal(maskTrailingDash('abc-'), 'aba')
  assert.equal(maskTrailingDash('-'), '-')
  assert.deepEqual(nameIsDNSSubdomain('foo-', true), [])
  assert.deepEqual(nameIsDNSSubdomain('foo-', false), [SUBDOMAIN])
  assert.deepEqual(nameIsDNSSubdomain('-', true), [SUBDOMAIN])
})

test('path segment names', () => {
  assert.deepEqual(validatePathSegmentName('..', false), ["may not be '..'"])
  assert.deepEqual(validatePathSegmentName('..', true), [])
  assert.deepEqual(validatePathSegmentName('a/b%', false), ["may not contain '/'", "may not contain '%'"])
})
