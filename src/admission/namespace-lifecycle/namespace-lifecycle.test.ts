import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { KubeObject } from '../../api/meta.ts'
import { leases } from '../../api/resources/index.ts'
import { EVENTS, NAMESPACES, PODS, RUNTIME_CLASSES, type ApiClient } from '../../client/index.ts'
import { attrsFor, namespaceAttrs, pod, startServer, statusOf } from '../testing.ts'
import { IMMORTAL_NAMESPACES, NamespaceLifecycle } from './namespace-lifecycle.ts'

const event = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name },
  involvedObject: { kind: 'Pod', name: 'p', namespace: 'dying' },
  reason: 'Test',
  message: 'm',
  type: 'Normal',
})
const terminating = (resource: string, name: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: `${resource} "${name}" is forbidden: unable to create new content in namespace dying because it is being terminated`,
  reason: 'Forbidden',
  details: {
    name,
    kind: resource,
    causes: [{ reason: 'NamespaceTerminating', message: 'namespace dying is being terminated', field: 'metadata.namespace' }],
  },
  code: 403,
})
const mayNotBeDeleted = (name: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: `namespaces "${name}" is forbidden: this namespace may not be deleted`,
  reason: 'Forbidden',
  details: { name, kind: 'namespaces' },
  code: 403,
})

describe('NamespaceLifecycle through the apiserver', () => {
  let client: ApiClient
  before(async () => {
    ;({ client } = await startServer(['test', 'dying', ...IMMORTAL_NAMESPACES]))
    // Nothing finalizes it here (no namespace controller), so it stays Terminating.
    await client.delete(NAMESPACES, 'dying')
  })

  test('a pod in a namespace that does not exist: 404 namespaces "<ns>" not found', async () => {
    assert.deepEqual(await statusOf(() => client.create(PODS, pod('p', {}, { namespace: 'team-x' }), { namespace: 'team-x' })), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'namespaces "team-x" not found',
      reason: 'NotFound',
      details: { name: 'team-x', kind: 'namespaces' },
      code: 404,
    })
  })

  test('a pod in a terminating namespace: 403 with the NamespaceTerminating cause', async () => {
    assert.deepEqual(await statusOf(() => client.create(PODS, pod('p', {}, { namespace: 'dying' }), { namespace: 'dying' })), terminating('pods', 'p'))
  })

  test('a generateName-only pod in a terminating namespace is named by its generateName', async () => {
    const p = pod('', {}, { generateName: 'gen-', namespace: 'dying' })
    assert.deepEqual(await statusOf(() => client.create(PODS, p, { namespace: 'dying' })), terminating('pods', 'gen-'))
  })

  test('events get no exemption (as upstream)', async () => {
    assert.deepEqual(await statusOf(() => client.create(EVENTS, event('e1'), { namespace: 'dying' })), terminating('events', 'e1'))
  })

  test('namespaces themselves and cluster-scoped objects are exempt; creates in an active namespace pass', async () => {
    await client.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } })
    await client.create(RUNTIME_CLASSES, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'rc' }, handler: 'runc' })
    const created = await client.create(PODS, pod('ok', {}, { namespace: 'fresh' }), { namespace: 'fresh' })
    assert.equal(created.metadata.namespace, 'fresh')
  })

  for (const name of IMMORTAL_NAMESPACES) {
    test(`namespace ${name} may not be deleted`, async () => {
      assert.deepEqual(await statusOf(() => client.delete(NAMESPACES, name)), mayNotBeDeleted(name))
      assert.equal((await client.get(NAMESPACES, name)).metadata.deletionTimestamp, undefined)
    })
  }

  test('an ordinary namespace may be deleted', async () => {
    await client.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mortal' } })
    const deleted = await client.delete(NAMESPACES, 'mortal')
    assert.equal((deleted.status as { phase: string }).phase, 'Terminating')
  })
})

describe('NamespaceLifecycle decisions (plugin alone)', () => {
  let plugin: NamespaceLifecycle
  before(async () => {
    const { client } = await startServer(['test', 'dying'])
    await client.delete(NAMESPACES, 'dying')
    plugin = new NamespaceLifecycle(client)
  })

  const cases: { name: string; attrs: () => ReturnType<typeof attrsFor>; want: number | undefined }[] = [
    { name: 'UPDATE in a terminating namespace is allowed', attrs: () => attrsFor(pod('p', {}, { namespace: 'dying' }), { operation: 'UPDATE' }), want: undefined },
    { name: 'UPDATE in a missing namespace is NotFound', attrs: () => attrsFor(pod('p', {}, { namespace: 'gone' }), { operation: 'UPDATE' }), want: 404 },
    { name: 'DELETE of a namespaced object in a missing namespace passes', attrs: () => attrsFor(undefined, { operation: 'DELETE', namespace: 'gone', name: 'p' }), want: undefined },
    { name: 'CREATE of a namespace named like a missing one passes', attrs: () => namespaceAttrs('brand-new', 'CREATE'), want: undefined },
    { name: 'UPDATE of namespaces/finalize passes', attrs: () => attrsFor(undefined, { ...namespaceAttrs('dying', 'UPDATE'), subresource: 'finalize' }), want: undefined },
    { name: 'CREATE of a lease in a terminating namespace is refused', attrs: () => attrsFor(pod('l', {}, { namespace: 'dying' }), { resource: leases }), want: 403 },
  ]
  for (const c of cases) {
    test(c.name, async () => {
      const attrs = c.attrs()
      const run = async () => {
        await plugin.admit(attrs)
        plugin.validate(attrs)
      }
      if (c.want === undefined) assert.equal(await run(), undefined)
      else assert.equal(((await statusOf(run)) as { code: number }).code, c.want)
    })
  }
})
