/**
 * @kubernetes/client-node 1.4.0, unchanged, against a started runclass control
 * plane (HTTPS, token from the kubeconfig it writes): the informer sees add,
 * update and delete in order; NodeV1Api create/read/replace/patch/delete with
 * 409s as ApiException; Watch.watch streams events and gets 410 for a
 * resourceVersion that left the history window; the informer relists after
 * that 410 and re-watches when the server ends a watch; KubernetesObjectApi
 * (legacy APIResourceList discovery first) creates and reads objects.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ApiException,
  CoordinationV1Api,
  KubeConfig,
  KubernetesObjectApi,
  ListWatch,
  NodeV1Api,
  PatchStrategy,
  Watch,
  makeInformer,
  setHeaderOptions,
  type KubernetesObject,
  type V1RuntimeClass,
} from '@kubernetes/client-node'
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts'
import { startControlPlane, type ControlPlane } from '../../src/cli/control-plane.ts'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts'

const PATH = '/apis/node.k8s.io/v1/runtimeclasses'

const rc = (name: string, labels?: Record<string, string>): V1RuntimeClass => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name, labels },
  handler: 'runc',
})

const loadKubeconfig = (path: string) => {
  const kc = new KubeConfig()
  kc.loadFromFile(path)
  return kc
}

/** Polls `cond` until it holds or the deadline passes; the failure names what was awaited. */
const waitFor = async (what: string, cond: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** The ApiException a call rejects with; fails the test if it resolves or throws anything else. */
const apiError = async (call: Promise<unknown>): Promise<{ code: number; status: Record<string, unknown> }> => {
  try {
    await call
  } catch (err) {
    assert.ok(err instanceof ApiException, `expected ApiException, got ${String(err)}`)
    const body = typeof err.body === 'string' ? JSON.parse(err.body) : err.body
    return { code: err.code, status: body as Record<string, unknown> }
  }
  assert.fail('expected the call to fail')
}

type Tuple = [event: string, name?: string, handler?: string, tier?: string]
const tuple = (event: string, obj: V1RuntimeClass): Tuple => [event, obj.metadata!.name, obj.handler, obj.metadata!.labels?.tier]

describe('client-node 1.4.0 against runclass', () => {
  let cluster: TestCluster
  let kc: KubeConfig
  let node: NodeV1Api
  before(async () => {
    cluster = await startTestCluster()
    kc = loadKubeconfig(cluster.kubeconfig)
    node = kc.makeApiClient(NodeV1Api)
  })
  after(async () => {
    await cluster.stop()
  })

  test('an informer sees connect, then add, update and delete in order', async () => {
    const informer = makeInformer(kc, PATH, () => node.listRuntimeClass())
    const seen: Tuple[] = []
    const errors: unknown[] = []
    informer.on('connect', () => seen.push(['connect']))
    for (const event of ['add', 'update', 'delete'] as const) {
      informer.on(event, (obj: V1RuntimeClass) => {
        if (obj.metadata?.name?.startsWith('inf-')) seen.push(tuple(event, obj))
      })
    }
    informer.on('error', (err) => errors.push(err))
    await informer.start() // resolves once the list is in and the watch has its headers
    try {
      await node.createRuntimeClass({ body: rc('inf-a', { tier: 'one' }) })
      await waitFor('add', () => seen.length === 2)
      await node.patchRuntimeClass({ name: 'inf-a', body: [{ op: 'replace', path: '/metadata/labels/tier', value: 'two' }] })
      await waitFor('update', () => seen.length === 3)
      await node.deleteRuntimeClass({ name: 'inf-a' })
      await waitFor('delete', () => seen.length === 4)
      assert.deepEqual(seen, [
        ['connect'],
        ['add', 'inf-a', 'runc', 'one'],
        ['update', 'inf-a', 'runc', 'two'],
        ['delete', 'inf-a', 'runc', 'two'],
      ])
      assert.deepEqual(informer.list().filter((o) => o.metadata?.name?.startsWith('inf-')), [])
      assert.deepEqual(errors, [])
    } finally {
      await informer.stop()
    }
  })

  test('NodeV1Api: create, read, replace, JSON patch, merge patch, delete; 409s are ApiException', async () => {
    const created = await node.createRuntimeClass({ body: rc('crud', { a: '1' }) })
    assert.equal(created.metadata!.name, 'crud')
    assert.equal(created.handler, 'runc')
    assert.match(created.metadata!.uid!, /^[0-9a-f-]{36}$/)
    assert.match(created.metadata!.resourceVersion!, /^[1-9][0-9]*$/)

    const read = await node.readRuntimeClass({ name: 'crud' })
    assert.equal(read.metadata!.uid, created.metadata!.uid)
    assert.equal(read.metadata!.resourceVersion, created.metadata!.resourceVersion)

    const duplicate = await apiError(node.createRuntimeClass({ body: rc('crud') }))
    assert.equal(duplicate.code, 409)
    assert.equal(duplicate.status.reason, 'AlreadyExists')
    assert.equal(duplicate.status.message, 'runtimeclasses.node.k8s.io "crud" already exists')

    read.metadata!.labels = { a: '2' }
    const replaced = await node.replaceRuntimeClass({ name: 'crud', body: read })
    assert.deepEqual(replaced.metadata!.labels, { a: '2' })
    assert.ok(Number(replaced.metadata!.resourceVersion) > Number(created.metadata!.resourceVersion))

    // `read` still carries the resourceVersion it was read at: now stale.
    read.metadata!.labels = { a: '3' }
    const stale = await apiError(node.replaceRuntimeClass({ name: 'crud', body: read }))
    assert.equal(stale.code, 409)
    assert.equal(stale.status.reason, 'Conflict')
    assert.equal(
      stale.status.message,
      'Operation cannot be fulfilled on runtimeclasses.node.k8s.io "crud": the object has been modified; please apply your changes to the latest version and try again',
    )

    // The default patch content type of client-node is application/json-patch+json.
    const jsonPatched = await node.patchRuntimeClass({ name: 'crud', body: [{ op: 'add', path: '/metadata/labels/b', value: 'x' }] })
    assert.deepEqual(jsonPatched.metadata!.labels, { a: '2', b: 'x' })

    const mergePatched = await node.patchRuntimeClass(
      { name: 'crud', body: { metadata: { labels: { a: null } }, overhead: { podFixed: { cpu: '250m' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )
    assert.deepEqual(mergePatched.metadata!.labels, { b: 'x' })
    assert.deepEqual(mergePatched.overhead?.podFixed, { cpu: '250m' })
    assert.equal(mergePatched.metadata!.uid, created.metadata!.uid)

    await node.deleteRuntimeClass({ name: 'crud' })
    const gone = await apiError(node.readRuntimeClass({ name: 'crud' }))
    assert.equal(gone.code, 404)
    assert.equal(gone.status.reason, 'NotFound')
    assert.equal(gone.status.message, 'runtimeclasses.node.k8s.io "crud" not found')
  })

  test('Watch.watch streams ADDED, MODIFIED and DELETED from a resourceVersion', async () => {
    const from = (await node.listRuntimeClass()).metadata!.resourceVersion!
    const seen: [string, string | undefined, string | undefined][] = []
    let done: unknown = 'not called'
    const controller = await new Watch(kc).watch(
      PATH,
      { resourceVersion: from },
      (type: string, obj: V1RuntimeClass) => seen.push([type, obj.metadata?.name, obj.metadata?.labels?.tier]),
      (err: unknown) => (done = err),
    )
    try {
      await node.createRuntimeClass({ body: rc('w-1', { tier: 'one' }) })
      await node.patchRuntimeClass({ name: 'w-1', body: { metadata: { labels: { tier: 'two' } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch))
      await node.deleteRuntimeClass({ name: 'w-1' })
      await waitFor('three watch events', () => seen.length >= 3)
      assert.deepEqual(seen, [
        ['ADDED', 'w-1', 'one'],
        ['MODIFIED', 'w-1', 'two'],
        ['DELETED', 'w-1', 'two'],
      ])
      assert.equal(done, 'not called', 'the stream stays open')
    } finally {
      controller.abort()
    }
    await waitFor('done after abort', () => done !== 'not called')
  })

  test('Watch.watch ends when the server ends the watch at timeoutSeconds', async () => {
    let done: unknown = 'not called'
    const start = Date.now()
    await new Watch(kc).watch(PATH, { timeoutSeconds: 1 }, () => {}, (err: unknown) => (done = err))
    await waitFor('the server to end the watch', () => done !== 'not called', 5_000)
    assert.equal(done, null, 'a server-side close is a clean end')
    assert.ok(Date.now() - start >= 900, `ended after ${Date.now() - start} ms`)
  })

  test('KubernetesObjectApi creates and reads a RuntimeClass and a Namespace', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc)
    const createdRc = await objects.create<KubernetesObject & { handler?: string }>({ ...rc('generic'), handler: 'crun' })
    assert.equal(createdRc.kind, 'RuntimeClass')
    assert.equal(createdRc.handler, 'crun')
    const readRc = await objects.read<KubernetesObject & { handler?: string }>({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'generic' } })
    assert.equal(readRc.handler, 'crun')
    assert.equal(readRc.metadata!.uid, createdRc.metadata!.uid)

    const createdNs = await objects.create<KubernetesObject & { status?: { phase?: string } }>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'generic-ns' } })
    assert.equal(createdNs.kind, 'Namespace')
    assert.equal(createdNs.status?.phase, 'Active')
    const readNs = await objects.read<KubernetesObject & { status?: { phase?: string } }>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'generic-ns' } })
    assert.equal(readNs.metadata!.uid, createdNs.metadata!.uid)
    assert.equal(readNs.status?.phase, 'Active')
  })
})

/**
 * With a 20-event history window a handful of unrelated writes pushes an idle
 * informer's resourceVersion out of the window, so its next watch gets 410.
 */
describe('client-node 1.4.0 informer recovery (history window of 20 events)', () => {
  const WINDOW = 20
  let dataDir: string
  let cp: ControlPlane
  let kc: KubeConfig
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rc-client-node-'))
    const store = await openSqliteStore({ file: join(dataDir, 'state.db'), historyWindow: WINDOW })
    cp = await startControlPlane({ dataDir, port: 0, host: '127.0.0.1', store })
    kc = loadKubeconfig(cp.kubeconfig)
  })
  after(async () => {
    await cp.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('Watch.watch from a resourceVersion older than the window gets 410', async () => {
    const leases = kc.makeApiClient(CoordinationV1Api)
    for (let i = 0; i < WINDOW + 5; i++) {
      await leases.createNamespacedLease({ namespace: 'default', body: { metadata: { name: `old-${i}` } } })
    }
    let done: unknown = 'not called'
    const events: unknown[] = []
    await new Watch(kc).watch(PATH, { resourceVersion: '1' }, (type: string) => events.push(type), (err: unknown) => (done = err))
    await waitFor('done', () => done !== 'not called')
    assert.equal((done as { statusCode?: number }).statusCode, 410)
    assert.deepEqual(events, [])
  })

  test('an informer relists after a 410 and keeps working across server-ended watches', async () => {
    const node = kc.makeApiClient(NodeV1Api)
    const leases = kc.makeApiClient(CoordinationV1Api)
    await node.createRuntimeClass({ body: rc('rel-before', { tier: 'one' }) })

    // makeInformer is `new ListWatch(path, new Watch(kc), list, false)`; this
    // Watch only adds timeoutSeconds=1 so the server ends each watch quickly,
    // and records how each one ended.
    const ends: (number | null)[] = []
    class ShortWatch extends Watch {
      override watch(path: string, query: Record<string, string | number | boolean | undefined>, cb: (phase: string, obj: any, watchObj?: any) => void, done: (err: any) => void) {
        return super.watch(path, { ...query, timeoutSeconds: 1 }, cb, (err: any) => {
          ends.push(err ? (err.statusCode ?? err.code ?? -1) : null)
          done(err)
        })
      }
    }
    let lists = 0
    const informer = new ListWatch<V1RuntimeClass>(PATH, new ShortWatch(kc), () => (lists++, node.listRuntimeClass()), false)
    const seen: Tuple[] = []
    const errors: unknown[] = []
    let connects = 0
    informer.on('connect', () => connects++)
    for (const event of ['add', 'update', 'delete'] as const) informer.on(event, (obj: V1RuntimeClass) => seen.push(tuple(event, obj)))
    informer.on('error', (err) => errors.push(err))
    await informer.start()
    try {
      assert.equal(lists, 1)
      // Writes to another resource move the revision past the window while the
      // informer, which asked for no bookmarks, still holds its list revision.
      await Promise.all(Array.from({ length: WINDOW + 5 }, (_, i) => leases.createNamespacedLease({ namespace: 'default', body: { metadata: { name: `push-${i}` } } })))
      await waitFor('a 410 and a relist', () => lists >= 2)
      assert.ok(ends.includes(410), `watch ends: ${JSON.stringify(ends)}`)
      const endsBefore = ends.filter((e) => e === null).length
      await waitFor('a server-ended watch after the relist', () => ends.filter((e) => e === null).length > endsBefore, 5_000)

      await node.createRuntimeClass({ body: rc('rel-after', { tier: 'one' }) })
      await waitFor('add of rel-after', () => seen.length === 2)
      await node.deleteRuntimeClass({ name: 'rel-before' })
      await waitFor('delete of rel-before', () => seen.length === 3)
      assert.deepEqual(seen, [
        ['add', 'rel-before', 'runc', 'one'],
        ['add', 'rel-after', 'runc', 'one'],
        ['delete', 'rel-before', 'runc', 'one'],
      ])
      assert.deepEqual(informer.list().map((o) => o.metadata!.name), ['rel-after'])
      assert.ok(connects >= 3, `connects: ${connects}`) // start, after the 410, after a clean end
      assert.deepEqual(errors, [])
    } finally {
      await informer.stop()
    }
  })
})
