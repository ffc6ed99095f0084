/** EventRecorder against a real in-process apiserver: the Event's exact shape, aggregation, re-creation. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ApiServer } from '../apiserver/server.ts'
import { MemoryStore } from '../store/memory/memory-store.ts'
import type { KubeObject } from '../api/meta.ts'
import { EVENTS, inProcessClient } from './index.ts'
import { EventRecorder } from './event-recorder.ts'

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'uid-1', resourceVersion: '7' },
}
const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'uid-n' } }

const setup = (times: string[]) => {
  const client = inProcessClient(new ApiServer({ store: new MemoryStore() }))
  let i = 0
  const rec = new EventRecorder(client, { component: 'default-scheduler', now: () => new Date(times[Math.min(i++, times.length - 1)]) })
  return { client, rec }
}

const strip = (e: KubeObject) => {
  const { metadata, ...rest } = e
  return { name: metadata.name, namespace: metadata.namespace, ...rest }
}

describe('EventRecorder', () => {
  test('creates an Event shaped like client-go', async () => {
    const { client, rec } = setup(['2025-01-02T03:04:05Z'])
    rec.record(pod, 'Normal', 'Scheduled', 'Successfully assigned default/web to n1', 'Binding')
    await rec.flush()
    const [ev] = (await client.list(EVENTS, { namespace: 'default' })).items
    assert.match(ev.metadata.name!, /^web\.[0-9a-f]{16,}$/)
    const { name: _n, ...shape } = strip(ev)
    assert.deepEqual(shape, {
      namespace: 'default',
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'uid-1', apiVersion: 'v1', resourceVersion: '7' },
      reason: 'Scheduled',
      message: 'Successfully assigned default/web to n1',
      source: { component: 'default-scheduler' },
      firstTimestamp: '2025-01-02T03:04:05Z',
      lastTimestamp: '2025-01-02T03:04:05Z',
      count: 1,
      type: 'Normal',
      eventTime: null,
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: '',
    })
  })

  test('aggregates identical repeats into count and lastTimestamp; a different message is a new Event', async () => {
    const { client, rec } = setup(['2025-01-02T03:04:05Z', '2025-01-02T03:04:15Z', '2025-01-02T03:04:25Z', '2025-01-02T03:05:00Z'])
    rec.record(pod, 'Warning', 'FailedScheduling', 'm1')
    rec.record(pod, 'Warning', 'FailedScheduling', 'm1')
    rec.record(pod, 'Warning', 'FailedScheduling', 'm1')
    rec.record(pod, 'Warning', 'FailedScheduling', 'm2')
    await rec.flush()
    const items = (await client.list(EVENTS, { namespace: 'default' })).items
    const rows = items.map((e) => [e.message, e.count, e.firstTimestamp, e.lastTimestamp]).sort()
    assert.deepEqual(rows, [
      ['m1', 3, '2025-01-02T03:04:05Z', '2025-01-02T03:04:25Z'],
      ['m2', 1, '2025-01-02T03:05:00Z', '2025-01-02T03:05:00Z'],
    ])
  })

  test('a repeat whose Event was deleted creates it again with the running count', async () => {
    const { client, rec } = setup(['2025-01-02T03:04:05Z', '2025-01-02T03:04:06Z'])
    rec.record(pod, 'Warning', 'FailedScheduling', 'm')
    await rec.flush()
    const [first] = (await client.list(EVENTS, { namespace: 'default' })).items
    await client.delete(EVENTS, first.metadata.name!, { namespace: 'default' })
    rec.record(pod, 'Warning', 'FailedScheduling', 'm')
    await rec.flush()
    const [again] = (await client.list(EVENTS, { namespace: 'default' })).items
    assert.deepEqual([again.metadata.name, again.count, again.firstTimestamp, again.lastTimestamp], [first.metadata.name, 2, '2025-01-02T03:04:05Z', '2025-01-02T03:04:06Z'])
  })

  test('events about cluster-scoped objects go to the default namespace', async () => {
    const { client, rec } = setup(['2025-01-02T03:04:05Z'])
    rec.record(node, 'Normal', 'Starting', 'hello')
    await rec.flush()
    const [ev] = (await client.list(EVENTS, { namespace: 'default' })).items
    assert.deepEqual(ev.involvedObject, { kind: 'Node', name: 'n1', uid: 'uid-n', apiVersion: 'v1' })
  })

  test('drops beyond maxPending instead of queueing without bound', async () => {
    const client = inProcessClient(new ApiServer({ store: new MemoryStore() }))
    const rec = new EventRecorder(client, { component: 'c', maxPending: 2 })
    for (let i = 0; i < 5; i++) rec.record(pod, 'Normal', 'R', `m${i}`)
    await rec.flush()
    assert.equal(rec.dropped, 3)
    assert.equal((await client.list(EVENTS, { namespace: 'default' })).items.length, 2)
  })
})
