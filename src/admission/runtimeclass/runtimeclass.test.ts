import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { KubeObject } from '../../api/meta.ts'
import { POD_UPDATE_FORBIDDEN } from '../../api/validation/pod-update.ts'
import { PODS, RUNTIME_CLASSES, type ApiClient } from '../../client/index.ts'
import { attrsFor, pod, startServer, statusOf } from '../testing.ts'
import { OVERHEAD_MISMATCH, OVERHEAD_WITHOUT_CLASS } from './overhead.ts'
import { MISSING_CLIENT, RuntimeClassPlugin, runtimeClassNotFound } from './runtimeclass.ts'

const forbidden = (name: string, why: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: `pods "${name}" is forbidden: ${why}`,
  reason: 'Forbidden',
  details: { name, kind: 'pods' },
  code: 403,
})
const runtimeClass = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name },
  handler: 'test-handler',
  ...extra,
})
const spec = (obj: KubeObject) => obj.spec as Record<string, any>
const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
]

describe('RuntimeClass plugin wiring', () => {
  test('TestValidateInitialization: a client is required', async () => {
    const { client } = await startServer()
    assert.throws(() => new RuntimeClassPlugin({}), { message: MISSING_CLIENT })
    assert.doesNotThrow(() => new RuntimeClassPlugin({ client }))
  })

  test('handles Pod CREATE only, never subresources, updates or other resources', async () => {
    const { client } = await startServer()
    const plugin = new RuntimeClassPlugin({ client })
    const p = pod('p')
    const rows: [string, boolean][] = [
      ['CREATE pods', plugin.handles('CREATE', attrsFor(p))],
      ['UPDATE pods', plugin.handles('UPDATE', attrsFor(p, { operation: 'UPDATE' }))],
      ['DELETE pods', plugin.handles('DELETE', attrsFor(undefined, { operation: 'DELETE' }))],
      ['CREATE pods/binding', plugin.handles('CREATE', attrsFor(p, { subresource: 'binding' }))],
      ['CREATE pods/eviction', plugin.handles('CREATE', attrsFor(p, { subresource: 'eviction' }))],
      ['UPDATE pods/status', plugin.handles('UPDATE', attrsFor(p, { operation: 'UPDATE', subresource: 'status' }))],
    ]
    assert.deepEqual(rows, [
      ['CREATE pods', true],
      ['UPDATE pods', false],
      ['DELETE pods', false],
      ['CREATE pods/binding', false],
      ['CREATE pods/eviction', false],
      ['UPDATE pods/status', false],
    ])
  })
})

describe('TestAdmit: cache first, live lookup as fallback', () => {
  // Upstream names the class "runtimeClassName"; a stored class name must be lowercase.
  const NAME = 'runtimeclassname'
  const cases = [
    { name: 'runtimeClass found by lister', inCache: true, viaClient: false },
    { name: 'runtimeClass found by client', inCache: false, viaClient: true },
    { name: 'runtimeClass not found by lister nor client', inCache: false, viaClient: false, error: true },
  ]
  for (const c of cases) {
    test(c.name, async () => {
      const { client } = await startServer()
      if (c.viaClient) await client.create(RUNTIME_CLASSES, runtimeClass(NAME))
      const cached = { metadata: { name: NAME }, handler: 'test-handler' }
      const plugin = new RuntimeClassPlugin({ client }, (name) => (c.inCache && name === NAME ? cached : undefined))
      const attrs = attrsFor(pod('podname', { runtimeClassName: NAME }))
      if (c.error) assert.deepEqual(await statusOf(() => plugin.admit(attrs)), forbidden('podname', runtimeClassNotFound(NAME)))
      else assert.equal(await plugin.admit(attrs), undefined)
    })
  }
})

describe('TestValidate: pods without runtimeClassName', () => {
  const cases = [
    { name: 'No Overhead in RuntimeClass, Overhead set in pod', overhead: { cpu: '100m', memory: '1' }, error: OVERHEAD_WITHOUT_CLASS },
    { name: 'Non-matching Overheads', overhead: { cpu: '100m', memory: '1' }, error: OVERHEAD_WITHOUT_CLASS },
    { name: 'Matching Overheads', overhead: undefined },
  ]
  for (const c of cases) {
    test(c.name, async () => {
      const { client } = await startServer()
      const plugin = new RuntimeClassPlugin({ client })
      const attrs = attrsFor(pod('mypod', c.overhead ? { overhead: c.overhead } : {}))
      if (c.error) assert.deepEqual(await statusOf(() => plugin.validate(attrs)), forbidden('mypod', c.error))
      else assert.equal(await plugin.validate(attrs), undefined)
    })
  }
})

describe('through the apiserver: the request pipeline with the real chain', () => {
  let client: ApiClient
  const create = (obj: KubeObject) => client.create(PODS, obj, { namespace: 'test' })
  before(async () => {
    ;({ client } = await startServer())
    await client.create(RUNTIME_CLASSES, runtimeClass('plain'))
    await client.create(RUNTIME_CLASSES, runtimeClass('with-overhead', { overhead: { podFixed: { cpu: '10m', memory: '1Mi' } } }))
    await client.create(RUNTIME_CLASSES, runtimeClass('e7', { overhead: { podFixed: { cpu: '200m', memory: '140Mi' } } }))
    await client.create(RUNTIME_CLASSES, runtimeClass('conflict', { scheduling: { nodeSelector: { 'foo-1234': 'conflict' } } }))
    await client.create(
      RUNTIME_CLASSES,
      runtimeClass('non-conflict', {
        scheduling: {
          nodeSelector: { 'foo-1234': 'bar', 'fizz-1234': 'buzz' },
          tolerations: [{ key: 'foo-1234', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }],
        },
      }),
    )
  })

  test('a missing class: the exact 403 Status body (admission.md §7)', async () => {
    assert.deepEqual(await statusOf(() => create(pod('mypod', { runtimeClassName: 'foo' }))), forbidden('mypod', 'pod rejected: RuntimeClass "foo" not found'))
  })

  test('C1: a generateName-only pod is named by its generateName', async () => {
    const p = pod('', { runtimeClassName: 'test-nonexistent' }, { generateName: 'test-runtimeclass-test-nonexistent-' })
    assert.deepEqual(await statusOf(() => create(p)), forbidden('test-runtimeclass-test-nonexistent-', 'pod rejected: RuntimeClass "test-nonexistent" not found'))
  })

  test('C2: a class without overhead: admitted, overhead absent', async () => {
    const got = await create(pod('c2', { runtimeClassName: 'plain' }))
    assert.equal(spec(got).overhead, undefined)
    assert.equal(spec(got).runtimeClassName, 'plain')
  })

  test('C3: overhead initialized from podFixed', async () => {
    const got = await create(pod('', { runtimeClassName: 'with-overhead' }, { generateName: 'test-runtimeclass-with-overhead-' }))
    assert.deepEqual(spec(got).overhead, { cpu: '10m', memory: '1Mi' })
  })

  test('C4: a deleted class is rejected', async () => {
    await client.create(RUNTIME_CLASSES, runtimeClass('delete-me'))
    await client.delete(RUNTIME_CLASSES, 'delete-me')
    assert.deepEqual(await statusOf(() => create(pod('c4', { runtimeClassName: 'delete-me' }))), forbidden('c4', 'pod rejected: RuntimeClass "delete-me" not found'))
  })

  test('E3: a conflicting nodeSelector key', async () => {
    const status = await statusOf(() => create(pod('mypod', { runtimeClassName: 'conflict', nodeSelector: { 'foo-1234': 'bar' } })))
    assert.deepEqual(status, forbidden('mypod', 'conflict: runtimeClass.scheduling.nodeSelector[foo-1234] = conflict; pod.spec.nodeSelector[foo-1234] = bar'))
  })

  test('E4: the create response has the merged nodeSelector and the tolerations (pod, defaults, class)', async () => {
    const got = await create(pod('e4', { runtimeClassName: 'non-conflict', nodeSelector: { 'foo-1234': 'bar' } }))
    assert.deepEqual(spec(got).nodeSelector, { 'foo-1234': 'bar', 'fizz-1234': 'buzz' })
    assert.deepEqual(spec(got).tolerations, [...DEFAULT_TOLERATIONS, { key: 'foo-1234', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }])
  })

  test('E7: a preset overhead equal to the class is accepted (numerically)', async () => {
    const got = await create(pod('e7', { runtimeClassName: 'e7', overhead: { cpu: '0.2', memory: '146800640' } }))
    assert.deepEqual(spec(got).overhead, { cpu: '200m', memory: '140Mi' })
  })

  test('a preset overhead that differs is rejected', async () => {
    const status = await statusOf(() => create(pod('mypod', { runtimeClassName: 'e7', overhead: { cpu: '100m', memory: '1' } })))
    assert.deepEqual(status, forbidden('mypod', OVERHEAD_MISMATCH))
  })

  test('a pod without runtimeClassName is untouched (no overhead, no selector; only the default tolerations)', async () => {
    const got = await create(pod('plain-pod'))
    assert.deepEqual([spec(got).overhead, spec(got).nodeSelector, spec(got).runtimeClassName], [undefined, undefined, undefined])
    assert.deepEqual(spec(got).tolerations, DEFAULT_TOLERATIONS)
  })

  test('validating phase: overhead without a class is rejected after name generation', async () => {
    const status = (await statusOf(() => create(pod('', { overhead: { cpu: '1' } }, { generateName: 'gen-' })))) as any
    assert.match(status.message, /^pods "gen-[a-z0-9]{5}" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead$/)
    assert.deepEqual(status, forbidden(status.details.name, OVERHEAD_WITHOUT_CLASS))
  })

  test('pipeline order: a mutating rejection beats validation, validation beats a validating rejection', async () => {
    const noImage = { containers: [{ name: 'test' }] }
    const mutating = (await statusOf(() => create(pod('order', { ...noImage, runtimeClassName: 'foo' })))) as any
    const validating = (await statusOf(() => create(pod('order', { ...noImage, overhead: { cpu: '1' } })))) as any
    assert.deepEqual([mutating.code, validating.code], [403, 422])
    assert.equal(validating.message, 'Pod "order" is invalid: spec.containers[0].image: Required value')
  })

  test('updates are never touched; runtimeClassName cannot change (Pod update validation)', async () => {
    await client.create(RUNTIME_CLASSES, runtimeClass('gone-later', { scheduling: { nodeSelector: { a: 'b' } } }))
    const created = await create(pod('upd', { runtimeClassName: 'gone-later' }))
    await client.delete(RUNTIME_CLASSES, 'gone-later')
    const labelled = await client.update(PODS, { ...created, metadata: { ...created.metadata, labels: { x: 'y' } } })
    assert.deepEqual(spec(labelled).nodeSelector, { a: 'b' })
    const status = (await statusOf(() => client.update(PODS, { ...labelled, spec: { ...spec(labelled), runtimeClassName: 'plain' } }))) as any
    assert.deepEqual([status.code, status.reason, status.message], [422, 'Invalid', `Pod "upd" is invalid: spec: Forbidden: ${POD_UPDATE_FORBIDDEN}`])
  })
})
