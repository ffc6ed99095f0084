import { it } from 'node:test'
import assert from 'node:assert/strict'
import { KvIndex, lowerBound } from './kv-index.ts'

const kv = (key: string, rev = 1) => ({ key, value: {}, createRevision: rev, modRevision: rev })

it('lists by prefix in key order without matching sibling prefixes', () => {
  const idx = new KvIndex()
  for (const k of ['/pods/default2/a', '/pods/default/b', '/pods/default/a', '/pods/default-x/a', '/pods/defaul/a', '/pods/kube/a']) idx.set(kv(k))
  const cases = [
    { prefix: '/pods/default/', want: ['/pods/default/a', '/pods/default/b'] },
    { prefix: '/pods/default2/', want: ['/pods/default2/a'] },
    { prefix: '/pods/', want: ['/pods/defaul/a', '/pods/default-x/a', '/pods/default/a', '/pods/default/b', '/pods/default2/a', '/pods/kube/a'] },
    { prefix: '/nodes/', want: [] },
    { prefix: '/pods/zzz/', want: [] },
  ]
  for (const c of cases) assert.deepEqual(idx.list(c.prefix).map((i) => i.key), c.want, c.prefix)
})

it('set replaces in place, delete removes, unknown delete is a no-op', () => {
  const idx = new KvIndex()
  idx.set(kv('/a', 1))
  idx.set(kv('/b', 2))
  idx.set(kv('/a', 3))
  assert.equal(idx.size, 2)
  assert.deepEqual(idx.list('/').map((i) => [i.key, i.modRevision]), [['/a', 3], ['/b', 2]])
  idx.delete('/zz')
  idx.apply({ type: 'delete', key: '/a', revision: 4, prev: kv('/a', 3) })
  assert.deepEqual(idx.list('/').map((i) => i.key), ['/b'])
  assert.equal(idx.get('/a'), undefined)
})

it('lowerBound finds the first key not below the probe', () => {
  const keys = ['/a', '/b', '/d']
  const cases: [string, number][] = [['', 0], ['/a', 0], ['/aa', 1], ['/c', 2], ['/d', 2], ['/e', 3]]
  for (const [probe, want] of cases) assert.equal(lowerBound(keys, probe), want, probe)
})
