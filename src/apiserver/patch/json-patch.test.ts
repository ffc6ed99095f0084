import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { StatusError } from '../../api/errors.ts'
import { applyJsonPatch } from './json-patch.ts'

const rc = () => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor', labels: { tier: 'a' } }, handler: 'runsc' })

describe('applyJsonPatch', () => {
  const table: { name: string; patch: unknown; want: unknown }[] = [
    { name: 'add', patch: [{ op: 'add', path: '/metadata/labels/env', value: 'prod' }], want: { tier: 'a', env: 'prod' } },
    { name: 'replace', patch: [{ op: 'replace', path: '/metadata/labels/tier', value: 'b' }], want: { tier: 'b' } },
    { name: 'remove', patch: [{ op: 'remove', path: '/metadata/labels/tier' }], want: {} },
    { name: 'passing test then replace', patch: [{ op: 'test', path: '/handler', value: 'runsc' }, { op: 'add', path: '/metadata/labels/x', value: '1' }], want: { tier: 'a', x: '1' } },
    { name: 'null body is a no-op', patch: null, want: { tier: 'a' } },
  ]
  for (const c of table) {
    it(c.name, () => {
      const original = rc()
      assert.deepEqual((applyJsonPatch(original, c.patch).metadata as any).labels, c.want)
      assert.deepEqual(original, rc(), 'input untouched')
    })
  }

  const failures: { name: string; patch: unknown; code: number; reason: string; message: string }[] = [
    { name: 'failing test', patch: [{ op: 'test', path: '/handler', value: 'runc' }], code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
    { name: 'remove of a missing path', patch: [{ op: 'remove', path: '/spec' }], code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
    { name: 'add under a missing parent', patch: [{ op: 'add', path: '/a/b', value: 1 }], code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
    { name: 'unknown op', patch: [{ op: 'frob', path: '/handler' }], code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
    { name: 'body not a list', patch: { op: 'add' }, code: 400, reason: 'BadRequest', message: 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp' },
    { name: 'op not an object', patch: ['x'], code: 400, reason: 'BadRequest', message: 'error decoding patch: json: cannot unmarshal string into Go value of type handlers.jsonPatchOp' },
    { name: 'op of the wrong type', patch: [{ op: 1, path: '/x' }], code: 400, reason: 'BadRequest', message: 'error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string' },
    {
      name: 'too many operations',
      patch: Array.from({ length: 10001 }, () => ({ op: 'test', path: '/handler', value: 'runsc' })),
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: 'The allowed maximum operations in a JSON patch is 10000, got 10001',
    },
  ]
  for (const c of failures) {
    it(`fails: ${c.name}`, () => {
      assert.throws(
        () => applyJsonPatch(rc(), c.patch),
        (err: unknown) => {
          assert.ok(err instanceof StatusError)
          assert.deepEqual([err.status.code, err.status.reason, err.status.message], [c.code, c.reason, c.message])
          if (c.code === 422) assert.deepEqual(err.status.details, {})
          return true
        },
      )
    })
  }

  it('with fieldValidation=Ignore the decode error names evanphx types', () => {
    assert.throws(() => applyJsonPatch(rc(), {}, 'Ignore'), { message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' })
  })
})
