/**
 * Informer against a real in-process apiserver (memory store): initial sync,
 * live events in order, relist on 410 with a diff, re-watch after the server
 * ends a watch, stop on abort.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ApiServer } from '../apiserver/server.ts'
import { MemoryStore } from '../store/memory/memory-store.ts'
import { expired } from '../api/errors.ts'
import type { KubeObject } from '../api/meta.ts'
import { inProcessClient, RUNTIME_CLASSES, type ApiClient } from './index.ts'
import type { WatchOptions, ResourceRef, WatchEvent } from './interface.ts'
import { Informer } from './informer.ts'

const rc = (name: string, v = '1'): KubeObject => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name, labels: { v } }, handler: 'runc' })
const v = (o: KubeObject) => o.metadata.labels?.v

const setup = () => {
  const server = new ApiServer({ store: new MemoryStore() })
  return { server, client: inProcessClient(server) }
}

/** Records handler calls as `add a`, `update a 1->2` (label v), `delete a`. */
const recorder = (inf: Informer) => {
  const log: string[] = []
  inf.addHandlers({
    onAdd: (o) => log.push(`add ${o.metadata.name}`),
    onUpdate: (old, o) => log.push(`update ${o.metadata.name} ${v(old)}->${v(o)}`),
    onDelete: (o) => log.push(`delete ${o.metadata.name}`),
  })
  return log
}

const until = async (what: string, cond: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('Informer', () => {
  test('syncs the initial list, then delivers live events in order', async () => {
    const { client } = setup()
    await client.create(RUNTIME_CLASSES, rc('a'))
    await client.create(RUNTIME_CLASSES, rc('b'))
    const ac = new AbortController()
    const inf = new Informer(client, RUNTIME_CLASSES, { signal: ac.signal, pageSize: 1 })
    const log = recorder(inf)
    assert.equal(inf.hasSynced(), false)
    inf.start()
    await inf.synced
    assert.equal(inf.hasSynced(), true)
    assert.deepEqual(log, ['add a', 'add b'])
    await client.create(RUNTIME_CLASSES, rc('c'))
    const a = await client.patch(RUNTIME_CLASSES, 'a', 'merge', { metadata: { labels: { v: '2' } } })
    await client.delete(RUNTIME_CLASSES, 'b')
    await until('3 more events', () => log.length === 5)
    assert.deepEqual(log.slice(2), ['add c', 'update a 1->2', 'delete b'])
    assert.deepEqual(inf.list().map((o) => o.metadata.name).sort(), ['a', 'c'])
    assert.equal(inf.get('a')?.metadata.resourceVersion, a.metadata.resourceVersion)
    ac.abort()
  })

  test('relists on 410 Gone and tells handlers exactly what changed meanwhile', async () => {
    const { client } = setup()
    await client.create(RUNTIME_CLASSES, rc('keep'))
    await client.create(RUNTIME_CLASSES, rc('gone'))
    await client.create(RUNTIME_CLASSES, rc('changed'))
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let watches = 0
    // The first watch sees nothing, then fails with 410 as if its revision left the window.
    const flaky: ApiClient = Object.assign(Object.create(client) as ApiClient, {
      watch<T extends KubeObject>(r: ResourceRef, opts: WatchOptions): AsyncIterable<WatchEvent<T>> {
        if (watches++ > 0) return client.watch<T>(r, opts)
        return (async function* (): AsyncGenerator<WatchEvent<T>> {
          await gate
          const none: WatchEvent<T>[] = []
          yield* none
          throw expired('too old resource version: 5 (9)')
        })()
      },
    })
    const ac = new AbortController()
    const inf = new Informer(flaky, RUNTIME_CLASSES, { signal: ac.signal })
    const log = recorder(inf)
    inf.start()
    await inf.synced
    await client.delete(RUNTIME_CLASSES, 'gone')
    await client.update(RUNTIME_CLASSES, { ...(await client.get(RUNTIME_CLASSES, 'changed')), metadata: { ...(await client.get(RUNTIME_CLASSES, 'changed')).metadata, labels: { v: '2' } } })
    await client.create(RUNTIME_CLASSES, rc('new'))
    release()
    await until('relist', () => inf.relists === 2 && log.length === 6)
    assert.deepEqual(log, ['add changed', 'add gone', 'add keep', 'update changed 1->2', 'add new', 'delete gone'])
    await client.create(RUNTIME_CLASSES, rc('after'))
    await until('live event after relist', () => log.length === 7)
    assert.equal(log[6], 'add after')
    ac.abort()
  })

  test('re-watches from the last revision when the server ends the watch', async () => {
    const { client } = setup()
    const ac = new AbortController()
    const inf = new Informer(client, RUNTIME_CLASSES, { signal: ac.signal, watchTimeoutSeconds: 1 })
    const log = recorder(inf)
    inf.start()
    await inf.synced
    await client.create(RUNTIME_CLASSES, rc('one'))
    await new Promise((r) => setTimeout(r, 1300)) // let the 1 s watch end on the server side
    await client.create(RUNTIME_CLASSES, rc('two'))
    await until('both adds', () => log.length === 2)
    assert.deepEqual(log, ['add one', 'add two'])
    assert.equal(inf.relists, 1, 'a clean end re-watches; it does not relist')
    ac.abort()
  })

  test('a throwing handler does not stop the others', async () => {
    const { client } = setup()
    const ac = new AbortController()
    const errors: unknown[] = []
    const inf = new Informer(client, RUNTIME_CLASSES, { signal: ac.signal, onError: (e) => errors.push(e) })
    inf.addHandlers({ onAdd: () => { throw new Error('boom') } })
    const log = recorder(inf)
    inf.start()
    await inf.synced
    await client.create(RUNTIME_CLASSES, rc('x'))
    await until('add', () => log.length === 1)
    assert.equal((errors[0] as Error).message, 'boom')
    ac.abort()
  })
})
