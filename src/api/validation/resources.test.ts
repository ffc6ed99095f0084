import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fieldErrorText } from '../errors.ts'
import { isExtendedResourceName, isIntegerResourceName, isNativeResource, isOvercommitAllowed, validateResourceRequirements } from './resources.ts'

const names: [string, boolean, boolean, boolean, boolean][] = [
  // name, native, extended, integer, overcommit
  ['cpu', true, false, false, true],
  ['pods', true, false, true, true],
  ['hugepages-2Mi', true, false, false, false],
  ['kubernetes.io/foo', true, false, false, true],
  ['example.com/gpu', false, true, true, false],
  ['requests.example.com/gpu', false, false, false, false],
]
for (const [name, native, extended, integer, overcommit] of names) {
  test(`resource name classes: ${name}`, () =>
    assert.deepEqual(
      [isNativeResource(name), isExtendedResourceName(name), isIntegerResourceName(name), isOvercommitAllowed(name)],
      [native, extended, integer, overcommit],
    ))
}

test('unparsable quantities are reported at their key', () => {
  assert.deepEqual(validateResourceRequirements({ limits: { cpu: '1x' } }, 'r').map(fieldErrorText), [
    "r.limits[cpu]: Invalid value: \"1x\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  ])
})

test('a bad qualified name still gets the container check', () => {
  assert.deepEqual(validateResourceRequirements({ limits: { 'bad name': '1' } }, 'r').map(fieldErrorText), [
    "r.limits[bad name]: Invalid value: \"bad name\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    'r.limits[bad name]: Invalid value: "bad name": must be a standard resource for containers',
  ])
})
