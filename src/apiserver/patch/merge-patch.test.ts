import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { StatusError } from '../../api/errors.ts'
import { applyMergePatch } from './merge-patch.ts'

const rc = () => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name: 'gvisor', labels: { tier: 'a', env: 'dev' }, annotations: { note: 'x' } },
  handler: 'runsc',
  scheduling: { nodeSelector: { runtime: 'gvisor' }, tolerations: [{ key: 'a' }, { key: 'b' }] },
})

describe('applyMergePatch', () => {
  const table: { name: string; patch: object; want: (o: ReturnType<typeof rc>) => unknown }[] = [
    {
      name: 'kubectl label (merge patch of one label)',
      patch: { metadata: { labels: { tier: 'b' } } },
      want: (o) => ({ ...o, metadata: { ...o.metadata, labels: { tier: 'b', env: 'dev' } } }),
    },
    {
      name: 'kubectl label tier- (null deletes)',
      patch: { metadata: { labels: { tier: null } } },
      want: (o) => ({ ...o, metadata: { ...o.metadata, labels: { env: 'dev' } } }),
    },
    {
      name: 'kubectl annotate adds an annotation',
      patch: { metadata: { annotations: { owner: 'me' } } },
      want: (o) => ({ ...o, metadata: { ...o.metadata, annotations: { note: 'x', owner: 'me' } } }),
    },
    {
      name: 'lists replace whole',
      patch: { scheduling: { tolerations: [{ key: 'c' }] } },
      want: (o) => ({ ...o, scheduling: { ...o.scheduling, tolerations: [{ key: 'c' }] } }),
    },
    {
      name: 'null deletes a subtree; nulls inside a new value are dropped',
      patch: { scheduling: null, overhead: { podFixed: { memory: '1Mi', cpu: null } } },
      want: (o) => {
        const { scheduling: _s, ...rest } = o
        return { ...rest, overhead: { podFixed: { memory: '1Mi' } } }
      },
    },
  ]
  for (const c of table) {
    it(c.name, () => {
      const original = rc()
      assert.deepEqual(applyMergePatch(original, c.patch), c.want(rc()))
      assert.deepEqual(original, rc(), 'input untouched')
    })
  }

  const bad: { name: string; patch: unknown; validation?: 'Ignore'; message: string }[] = [
    { name: 'array body', patch: [1], message: 'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}' },
    { name: 'string body', patch: 'x', message: 'error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}' },
    { name: 'null body', patch: null, message: 'Invalid JSON Patch' },
    { name: 'array body, validation off', patch: [1], validation: 'Ignore', message: 'Invalid JSON Patch' },
  ]
  for (const c of bad) {
    it(`rejects ${c.name} with 400`, () => {
      assert.throws(
        () => applyMergePatch(rc(), c.patch, c.validation),
        (err: unknown) => err instanceof StatusError && err.status.code === 400 && err.status.reason === 'BadRequest' && err.status.message === c.message,
      )
    })
  }
})
