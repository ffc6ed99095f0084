import { test } from 'node:test'
import assert from 'node:assert/strict'
import { findDuplicateFields } from './duplicate-fields.ts'

const cases: { name: string; body: string; want: string[] }[] = [
  { name: 'no duplicates', body: '{"a":1,"b":{"c":[1,{"d":"x"}]},"e":"}{\\"]["}', want: [] },
  { name: 'top level', body: '{"handler":"a","handler":"b"}', want: ['duplicate field "handler"'] },
  { name: 'nested object', body: '{"metadata":{"name":"a","labels":{},"name":"b"}}', want: ['duplicate field "metadata.name"'] },
  { name: 'inside a list item', body: '{"spec":{"containers":[{"name":"a"},{"name":"b","image":"x","image":"y"}]}}', want: ['duplicate field "spec.containers[1].image"'] },
  { name: 'same key in sibling objects is fine', body: '{"a":{"x":1},"b":{"x":2}}', want: [] },
  { name: 'escaped keys compare decoded', body: '{"a\\u0062":1,"ab":2}', want: ['duplicate field "ab"'] },
  { name: 'whitespace and empty containers', body: ' { "a" : [ ] , "b" : { } , "a" : null } ', want: ['duplicate field "a"'] },
  { name: 'order of appearance', body: '{"z":{"k":1,"k":2},"y":1,"y":2}', want: ['duplicate field "z.k"', 'duplicate field "y"'] },
]

for (const c of cases) {
  test(`findDuplicateFields: ${c.name}`, () => assert.deepEqual(findDuplicateFields(c.body), c.want))
}
