/**
 * spec/conformance.md C5 ("should support RuntimeClasses API operations"),
 * step by step against the apiserver in process, plus the error envelopes
 * the foundation promises (400, 404, 409, 410, 413, 415, 422).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MemoryStore } from '../store/memory/memory-store.ts'
import { ApiServer } from './server.ts'
import type { ApiResponse } from './request.ts'
import { readBody } from '../client/transport.ts'

const server = () => new ApiServer({ store: new MemoryStore() })

const call = async (s: ApiServer, method: string, url: string, body?: unknown, contentType = 'application/json') => {
  const res: ApiResponse = await s.handle({
    method,
    url,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  })
  const text = res.stream && !url.includes('watch=') ? (await readBody(res)).toString() : (res.body?.toString() ?? '')
  return { status: res.status, json: text ? JSON.parse(text) : undefined, res }
}

const rc = (name: string, handler: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name, labels },
  handler,
})

test('C5: RuntimeClass API operations', async () => {
  const s = server()
  const base = '/apis/node.k8s.io/v1/runtimeclasses'
  const U = 'u1'
  const apis = await call(s, 'GET', '/apis')
  assert.ok(apis.json.groups.some((g: any) => g.name === 'node.k8s.io' && g.versions.some((v: any) => v.version === 'v1')))
  const group = await call(s, 'GET', '/apis/node.k8s.io')
  assert.ok(group.json.versions.some((v: any) => v.version === 'v1'))
  assert.equal(group.json.preferredVersion.version, 'v1')
  const resources = await call(s, 'GET', '/apis/node.k8s.io/v1')
  assert.ok(resources.json.resources.some((r: any) => r.name === 'runtimeclasses'))

  const created = await call(s, 'POST', base, rc(`${U}-handler`, `${U}-conformance-runtime-class`, { test: U }))
  assert.equal(created.status, 201)
  const again = await call(s, 'POST', base, rc(`${U}-handler`, `${U}-conformance-runtime-class`, { test: U }))
  assert.equal(again.status, 409)
  assert.equal(again.json.reason, 'AlreadyExists')
  assert.equal(again.json.message, `runtimeclasses.node.k8s.io "${U}-handler" already exists`)
  assert.equal((await call(s, 'POST', base, rc(`${U}-handler2`, `${U}-conformance-runtime-class2`, { test: U }))).status, 201)

  const watch = await s.handle({ method: 'GET', url: `${base}?watch=true&labelSelector=test%3D${U}`, headers: {} })
  assert.equal(watch.status, 200)
  const events: any[] = []
  const reading = (async () => {
    let buf = ''
    for await (const chunk of watch.stream!) {
      buf += chunk.toString()
      let i
      while ((i = buf.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buf.slice(0, i)))
        buf = buf.slice(i + 1)
      }
    }
  })()

  assert.equal((await call(s, 'POST', base, rc(`${U}-handler3`, `${U}-conformance-runtime-class3`, { test: U }))).status, 201)
  const got = await call(s, 'GET', `${base}/${U}-handler`)
  assert.equal(got.json.metadata.uid, created.json.metadata.uid)
  assert.equal((await call(s, 'GET', `${base}?labelSelector=test%3D${U}`)).json.items.length, 3)

  const patched = await call(s, 'PATCH', `${base}/${U}-handler`, { metadata: { annotations: { patched: 'true' } } }, 'application/merge-patch+json')
  assert.equal(patched.status, 200)
  assert.equal(patched.json.metadata.annotations.patched, 'true')
  const put = structuredClone(patched.json)
  put.metadata.annotations.updated = 'true'
  const updated = await call(s, 'PUT', `${base}/${U}-handler`, put)
  assert.equal(updated.status, 200)
  assert.equal(updated.json.metadata.annotations.updated, 'true')

  const deleted = await call(s, 'DELETE', `${base}/${U}-handler`)
  assert.equal(deleted.status, 200)
  assert.deepEqual(deleted.json, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
    details: { name: `${U}-handler`, group: 'node.k8s.io', kind: 'runtimeclasses', uid: created.json.metadata.uid },
  })
  assert.equal((await call(s, 'GET', `${base}/${U}-handler`)).status, 404)
  assert.equal((await call(s, 'GET', `${base}?labelSelector=test%3D${U}`)).json.items.length, 2)
  assert.equal((await call(s, 'DELETE', `${base}?labelSelector=test%3D${U}`)).status, 200)
  assert.equal((await call(s, 'GET', `${base}?labelSelector=test%3D${U}`)).json.items.length, 0)

  s.shutdown()
  await reading
  const types = events.map((e) => `${e.type} ${e.object.metadata.name}`)
  assert.deepEqual(types.slice(0, 2), [`ADDED ${U}-handler`, `ADDED ${U}-handler2`])
  assert.ok(types.includes(`ADDED ${U}-handler3`))
  assert.ok(events.some((e) => e.type === 'MODIFIED' && e.object.metadata.annotations?.patched === 'true'))
  assert.ok(events.some((e) => e.type === 'MODIFIED' && e.object.metadata.annotations?.updated === 'true'))
  assert.ok(events.every((e) => e.object.kind === 'RuntimeClass'))
  assert.deepEqual(types.slice(-3), [`DELETED ${U}-handler`, `DELETED ${U}-handler2`, `DELETED ${U}-handler3`])
})

test('v1alpha1 and v1beta1 are served with conversion and one stored object', async () => {
  const s = server()
  const alpha = await call(s, 'POST', '/apis/node.k8s.io/v1alpha1/runtimeclasses', {
    apiVersion: 'node.k8s.io/v1alpha1', kind: 'RuntimeClass', metadata: { name: 'old' }, spec: { runtimeHandler: 'runsc', overhead: { podFixed: { cpu: '0.1' } } },
  })
  assert.equal(alpha.status, 201, JSON.stringify(alpha.json))
  assert.deepEqual(alpha.json.spec, { runtimeHandler: 'runsc', overhead: { podFixed: { cpu: '100m' } } })
  const v1 = await call(s, 'GET', '/apis/node.k8s.io/v1/runtimeclasses/old')
  assert.equal(v1.json.handler, 'runsc')
  assert.equal(v1.json.apiVersion, 'node.k8s.io/v1')
  const beta = await call(s, 'GET', '/apis/node.k8s.io/v1beta1/runtimeclasses/old')
  assert.equal(beta.json.apiVersion, 'node.k8s.io/v1beta1')
  assert.equal(beta.res.headers.warning?.[0], '299 - "node.k8s.io/v1beta1 RuntimeClass is deprecated in v1.22+, unavailable in v1.25+"')
  const bad = await call(s, 'POST', '/apis/node.k8s.io/v1alpha1/runtimeclasses', {
    apiVersion: 'node.k8s.io/v1alpha1', kind: 'RuntimeClass', metadata: { name: 'dots' }, spec: { runtimeHandler: 'a.b' },
  })
  assert.equal(bad.status, 422)
  assert.equal(bad.json.message, 'RuntimeClass.node.k8s.io "dots" is invalid: handler: Invalid value: "a.b": must not contain dots')
})

test('errors: each bad input gets its Status, and nothing is written', async () => {
  const s = server()
  const base = '/apis/node.k8s.io/v1/runtimeclasses'
  const cases: { name: string; method: string; url: string; body?: unknown; type?: string; code: number; reason: string; message?: string | RegExp }[] = [
    { name: 'malformed JSON', method: 'POST', url: base, body: '{"kind":', code: 400, reason: 'BadRequest', message: /json parse error/ },
    { name: 'wrong apiVersion', method: 'POST', url: base, body: { apiVersion: 'v1', kind: 'RuntimeClass', metadata: { name: 'x' }, handler: 'a' }, code: 400, reason: 'BadRequest', message: 'the API version in the data (v1) does not match the expected API version (node.k8s.io/v1)' },
    { name: 'unknown field under Strict', method: 'POST', url: `${base}?fieldValidation=Strict`, body: { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'x' }, handler: 'a', spec: {} }, code: 400, reason: 'BadRequest', message: 'RuntimeClass in version "v1" cannot be handled as a RuntimeClass: strict decoding error: unknown field "spec"' },
    { name: 'duplicate field under Strict', method: 'POST', url: `${base}?fieldValidation=Strict`, body: '{"apiVersion":"node.k8s.io/v1","kind":"RuntimeClass","metadata":{"name":"x"},"handler":"a","handler":"b"}', code: 400, reason: 'BadRequest', message: 'RuntimeClass in version "v1" cannot be handled as a RuntimeClass: strict decoding error: duplicate field "handler"' },
    { name: 'invalid name', method: 'POST', url: base, body: rc('Bad_Name', 'a'), code: 422, reason: 'Invalid' },
    { name: 'body over 3 MiB', method: 'POST', url: base, body: 'x'.repeat(3 * 1024 * 1024 + 1), code: 413, reason: 'RequestEntityTooLarge' },
    { name: 'unsupported media type', method: 'POST', url: base, body: 'a', type: 'text/plain', code: 415, reason: 'UnsupportedMediaType' },
    { name: 'missing object', method: 'GET', url: `${base}/nope`, code: 404, reason: 'NotFound', message: 'runtimeclasses.node.k8s.io "nope" not found' },
    { name: 'unknown resource', method: 'GET', url: '/apis/node.k8s.io/v1/nothings', code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' },
    { name: 'watch from an expired revision', method: 'GET', url: `${base}?watch=true&resourceVersion=abc`, code: 410, reason: 'Expired' },
  ]
  for (const c of cases) {
    const r = await call(s, c.method, c.url, c.body, c.type)
    assert.equal(r.status, c.code, `${c.name}: ${JSON.stringify(r.json)}`)
    assert.equal(r.json.kind, 'Status', c.name)
    assert.equal(r.json.reason, c.reason, c.name)
    if (typeof c.message === 'string') assert.equal(r.json.message, c.message, c.name)
    else if (c.message) assert.match(r.json.message, c.message, c.name)
  }
  assert.equal((await call(s, 'GET', base)).json.items.length, 0)
})

test('update: stale resourceVersion conflicts, missing resourceVersion is invalid, PUT creates', async () => {
  const s = server()
  const base = '/apis/node.k8s.io/v1/runtimeclasses'
  const put = await call(s, 'PUT', `${base}/a`, rc('a', 'runc'))
  assert.equal(put.status, 201)
  const stale = { ...put.json, metadata: { ...put.json.metadata, resourceVersion: '1' } }
  await call(s, 'PATCH', `${base}/a`, { metadata: { labels: { x: 'y' } } }, 'application/merge-patch+json')
  const conflict = await call(s, 'PUT', `${base}/a`, { ...put.json, metadata: { ...put.json.metadata } })
  assert.equal(conflict.status, 409)
  assert.equal(conflict.json.message, 'Operation cannot be fulfilled on runtimeclasses.node.k8s.io "a": the object has been modified; please apply your changes to the latest version and try again')
  void stale
  const noRv = await call(s, 'PUT', `${base}/a`, rc('a', 'runc'))
  assert.equal(noRv.status, 422)
  assert.equal(noRv.json.message, 'runtimeclasses.node.k8s.io "a" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update')
  const immutable = await call(s, 'PATCH', `${base}/a`, { handler: 'Foo' }, 'application/merge-patch+json')
  assert.equal(immutable.status, 422)
  assert.equal(immutable.json.details.causes.length, 2)
  assert.equal(immutable.json.details.causes[1].message, 'Invalid value: "Foo": field is immutable')
})

test('fieldValidation=Warn turns a duplicate field into a warning and keeps the last value, as JSON does', async () => {
  const s = server()
  const r = await call(s, 'POST', '/apis/node.k8s.io/v1/runtimeclasses?fieldValidation=Warn', '{"apiVersion":"node.k8s.io/v1","kind":"RuntimeClass","metadata":{"name":"x"},"handler":"a","handler":"b"}')
  assert.equal(r.status, 201)
  assert.equal(r.json.handler, 'b')
  assert.deepEqual(r.res.headers.warning, ['299 - "duplicate field \\"handler\\""'])
})

test('limit/continue: pages are consistent with the first page; an expired token is 410, a forged one 400', async () => {
  const s = new ApiServer({ store: new MemoryStore({ historyWindow: 20 }) })
  const base = '/apis/node.k8s.io/v1/runtimeclasses'
  for (const n of ['a', 'b', 'c', 'd']) assert.equal((await call(s, 'POST', base, rc(n, 'runc'))).status, 201)
  const first = await call(s, 'GET', `${base}?limit=2`)
  assert.deepEqual(first.json.items.map((i: any) => i.metadata.name), ['a', 'b'])
  const token = first.json.metadata.continue
  assert.ok(token)
  // Changes after the first page do not show up in the later pages.
  assert.equal((await call(s, 'DELETE', `${base}/c`)).status, 200)
  assert.equal((await call(s, 'POST', base, rc('e', 'runc'))).status, 201)
  const second = await call(s, 'GET', `${base}?limit=2&continue=${token}`)
  assert.deepEqual(second.json.items.map((i: any) => i.metadata.name), ['c', 'd'])
  assert.equal(second.json.metadata.resourceVersion, first.json.metadata.resourceVersion)
  assert.equal(second.json.metadata.continue, undefined)
  for (let i = 0; i < 25; i++) await call(s, 'PATCH', `${base}/a`, { metadata: { labels: { i: String(i) } } }, 'application/merge-patch+json')
  const old = await call(s, 'GET', `${base}?limit=2&continue=${token}`)
  assert.equal(old.status, 410)
  assert.equal(old.json.reason, 'Expired')
  const forged = Buffer.from(JSON.stringify({ rv: 999999, start: 'x' })).toString('base64url')
  const bad = await call(s, 'GET', `${base}?limit=2&continue=${forged}`)
  assert.equal(bad.status, 400)
  assert.equal(bad.json.message, 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)')
})
