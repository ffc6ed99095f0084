/**
 * Watch semantics kubectl and informers rely on (spec/kubectl-clients.md §7):
 * synthetic ADDED for RV 0/unset, exact replay after RV N, 410 Expired for a
 * revision out of the window, selector transitions, bookmarks, timeoutSeconds.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MemoryStore } from '../../store/memory/memory-store.ts'
import { ApiServer } from '../server.ts'
import { inProcessClient, RUNTIME_CLASSES } from '../../client/index.ts'
import type { KubeObject } from '../../api/meta.ts'

const rc = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name, labels }, handler: 'runc' })

const setup = (historyWindow = 100) => {
  const server = new ApiServer({ store: new MemoryStore({ historyWindow }) })
  return { server, client: inProcessClient(server) }
}

/** Opens a watch and collects `type name` lines until `count` arrive or the stream ends. */
const collect = async (server: ApiServer, query: string, count: number, during?: () => Promise<void>) => {
  const abort = new AbortController()
  const res = await server.handle({ method: 'GET', url: `/apis/node.k8s.io/v1/runtimeclasses?watch=true&${query}`, headers: {}, signal: abort.signal })
  const lines: any[] = []
  const reading = (async () => {
    if (!res.stream) return
    let buf = ''
    for await (const chunk of res.stream) {
      buf += chunk.toString()
      let i
      while ((i = buf.indexOf('\n')) >= 0) {
        lines.push(JSON.parse(buf.slice(0, i)))
        buf = buf.slice(i + 1)
        if (lines.length >= count) abort.abort()
      }
    }
  })()
  await during?.()
  const deadline = setTimeout(() => abort.abort(), 5000)
  await reading
  clearTimeout(deadline)
  return { status: res.status, body: res.body?.toString(), events: lines }
}

const summary = (events: any[]) => events.map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`.trim())

test('RV unset starts with ADDED for every existing object, then live changes', async () => {
  const { server, client } = setup()
  await client.create(RUNTIME_CLASSES, rc('a'))
  await client.create(RUNTIME_CLASSES, rc('b'))
  const { events } = await collect(server, '', 3, async () => {
    await client.create(RUNTIME_CLASSES, rc('c'))
  })
  assert.deepEqual(summary(events), ['ADDED a', 'ADDED b', 'ADDED c'])
})

test('RV N replays exactly the changes after N, in order', async () => {
  const { server, client } = setup()
  const a = await client.create(RUNTIME_CLASSES, rc('a'))
  await client.patch(RUNTIME_CLASSES, 'a', 'merge', { metadata: { labels: { x: '1' } } })
  await client.create(RUNTIME_CLASSES, rc('b'))
  await client.delete(RUNTIME_CLASSES, 'a')
  const { events } = await collect(server, `resourceVersion=${a.metadata.resourceVersion}`, 3)
  assert.deepEqual(summary(events), ['MODIFIED a', 'ADDED b', 'DELETED a'])
  const revisions = events.map((e) => Number(e.object.metadata.resourceVersion))
  assert.deepEqual(revisions, [...revisions].sort((x, y) => x - y))
})

test('a revision older than the window is 410 Expired', async () => {
  const { server, client } = setup(5)
  const first = await client.create(RUNTIME_CLASSES, rc('a'))
  for (let i = 0; i < 10; i++) await client.patch(RUNTIME_CLASSES, 'a', 'merge', { metadata: { labels: { i: String(i) } } })
  const { status, body, events } = await collect(server, `resourceVersion=${first.metadata.resourceVersion}`, 1)
  const expired = status === 410 ? JSON.parse(body!) : events[0]?.object
  assert.equal(expired.code, 410)
  assert.equal(expired.reason, 'Expired')
  assert.match(expired.message, /^too old resource version: \d+ \(\d+\)$/)
})

test('objects leaving the label selector are DELETED, entering it ADDED', async () => {
  const { server, client } = setup()
  await client.create(RUNTIME_CLASSES, rc('a', { team: 'x' }))
  const { events } = await collect(server, 'labelSelector=team%3Dx', 3, async () => {
    await client.patch(RUNTIME_CLASSES, 'a', 'merge', { metadata: { labels: { team: 'y' } } })
    await client.patch(RUNTIME_CLASSES, 'a', 'merge', { metadata: { labels: { team: 'x' } } })
  })
  assert.deepEqual(summary(events), ['ADDED a', 'DELETED a', 'ADDED a'])
})

test('timeoutSeconds ends the stream', async () => {
  const { server } = setup()
  const started = Date.now()
  const { events } = await collect(server, 'timeoutSeconds=1', 100)
  assert.deepEqual(events, [])
  assert.ok(Date.now() - started < 4000)
})

test('Table watch sends column definitions only in the first event', async () => {
  const { server, client } = setup()
  await client.create(RUNTIME_CLASSES, rc('a'))
  await client.create(RUNTIME_CLASSES, rc('b'))
  const abort = new AbortController()
  const res = await server.handle({
    method: 'GET', url: '/apis/node.k8s.io/v1/runtimeclasses?watch=true', signal: abort.signal,
    headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
  })
  const lines: any[] = []
  for await (const chunk of res.stream!) {
    for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l))
    if (lines.length >= 2) break
  }
  abort.abort()
  assert.equal(lines[0].object.kind, 'Table')
  assert.equal(lines[0].object.columnDefinitions.length, 3)
  assert.equal(lines[1].object.columnDefinitions, null)
  assert.deepEqual(lines[1].object.rows[0].cells.slice(0, 2), ['b', 'runc'])
})
