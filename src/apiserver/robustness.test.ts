/**
 * Bad input never yields a 500 or a partial write: random methods, paths,
 * content types and bodies (fast-check) against the apiserver in process all
 * get a Status with a 4xx code (or success), and the server keeps serving.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { MemoryStore } from '../store/memory/memory-store.ts'
import { ApiServer } from './server.ts'
import { readBody } from '../client/transport.ts'

const PATHS = [
  '/apis/node.k8s.io/v1/runtimeclasses',
  '/apis/node.k8s.io/v1/runtimeclasses/a',
  '/apis/node.k8s.io/v1alpha1/runtimeclasses/a',
  '/api/v1/namespaces/default/pods',
  '/api/v1/namespaces/default/pods/p',
  '/api/v1/namespaces/default/pods/p/status',
  '/api/v1/namespaces/default/pods/p/binding',
  '/api/v1/namespaces/default/pods/p/log',
  '/api/v1/nodes/n',
  '/api/v1/namespaces/x',
  '/api/v1/namespaces/default/events',
  '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n',
]
const QUERIES = ['', '?fieldValidation=Strict', '?dryRun=All', '?limit=abc', '?labelSelector=%21%21', '?fieldSelector=a', '?resourceVersion=-1', '?continue=zzz', '?fieldManager=x&force=true']
const TYPES = ['application/json', 'application/yaml', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'application/vnd.kubernetes.protobuf', 'text/plain', '']

const jsonish = fc.oneof(
  fc.json(),
  fc.constantFrom(
    '{"apiVersion":"node.k8s.io/v1","kind":"RuntimeClass","metadata":{"name":"a"},"handler":"runc"}',
    '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}',
    '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"busybox","resources":{"limits":{"cpu":"bad"}}}]}}',
    '[{"op":"replace","path":"/handler","value":3}]',
    '{"metadata":{"labels":{"a":null}},"handler":{"x":1}}',
    '{"spec":{"containers":[{"$patch":"delete"}]}}',
    'k8s\u0000garbage',
  ),
)

test('random requests never produce a 500 and always a Status on failure', async () => {
  const server = new ApiServer({ store: new MemoryStore() })
  const seed = async (url: string, body: object) => {
    const res = await server.handle({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) })
    assert.equal(res.status, 201, String(res.body))
  }
  // Existing objects, so that updates and patches reach the patch and validation code.
  const reseed = async () => {
    for (const [url, body] of [
      ['/apis/node.k8s.io/v1/runtimeclasses', { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'a' }, handler: 'runc' }],
      ['/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }],
      ['/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } }],
    ] as const) {
      const name = (body.metadata as { name: string }).name
      const got = await server.handle({ method: 'GET', url: `${url}/${name}`, headers: {} })
      if (got.status === 404) await seed(url, body)
    }
  }
  await reseed()
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
      fc.constantFrom(...PATHS),
      fc.constantFrom(...QUERIES),
      fc.constantFrom(...TYPES),
      jsonish,
      async (method, path, query, type, body) => {
        await reseed()
        const abort = new AbortController()
        const res = await server.handle({ method, url: path + query, headers: type ? { 'content-type': type } : {}, body: Buffer.from(body), signal: abort.signal })
        abort.abort()
        assert.notEqual(res.status, 500, `${method} ${path}${query} (${type}) ${body}: ${res.body}`)
        if (res.status >= 400) {
          const status = JSON.parse((await readBody(res)).toString())
          assert.equal(status.kind, 'Status')
          assert.equal(status.code, res.status)
        }
      },
    ),
    { numRuns: 1500 },
  )
  const after = await server.handle({ method: 'GET', url: '/apis/node.k8s.io/v1/runtimeclasses', headers: {} })
  assert.equal(after.status, 200)
})
