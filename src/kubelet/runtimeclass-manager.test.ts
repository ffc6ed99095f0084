/** lookupHandler against upstream's TestLookupRuntimeHandler table, plus the manager on a real in-process apiserver. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { isNotFound } from '../api/errors.ts'
import type { KubeObject } from '../api/meta.ts'
import { ApiServer } from '../apiserver/server.ts'
import { MemoryStore } from '../store/memory/memory-store.ts'
import { inProcessClient, RUNTIME_CLASSES } from '../client/index.ts'
import { lookupHandler, RuntimeClassManager } from './runtimeclass-manager.ts'

const rc = (name: string, handler: string): KubeObject => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler })
const cache = new Map([rc('native', ''), rc('sandbox', 'kata-containers')].map((c) => [c.metadata.name!, c]))

describe('lookupHandler (upstream TestLookupRuntimeHandler)', () => {
  for (const { name, runtimeClassName, want, wantErr } of [
    { name: 'empty name is the default handler', runtimeClassName: '', want: '' },
    { name: 'no name is the default handler', runtimeClassName: undefined, want: '' },
    { name: 'class with empty handler', runtimeClassName: 'native', want: '' },
    { name: 'class with a handler', runtimeClassName: 'sandbox', want: 'kata-containers' },
    { name: 'missing class', runtimeClassName: 'phantom', wantErr: 'runtimeclass.node.k8s.io "phantom" not found' },
  ]) {
    test(name, () => {
      if (wantErr) {
        assert.throws(() => lookupHandler((n) => cache.get(n), runtimeClassName), (err: Error) => isNotFound(err) && err.message === wantErr)
      } else assert.equal(lookupHandler((n) => cache.get(n), runtimeClassName), want)
    })
  }

  test('a failing cache names the class', () => {
    assert.throws(
      () => lookupHandler(() => { throw new Error('boom') }, 'x'),
      { message: 'failed to lookup RuntimeClass x: boom' },
    )
  })
})

describe('RuntimeClassManager', () => {
  test('follows the cluster and confirms misses live', async () => {
    const client = inProcessClient(new ApiServer({ store: new MemoryStore() }))
    await client.create(RUNTIME_CLASSES, rc('gvisor', 'runsc'))
    const ac = new AbortController()
    const m = new RuntimeClassManager(client, ac.signal)
    await m.start()
    assert.equal(m.lookupHandler('gvisor'), 'runsc')
    assert.equal(await m.confirmMissing('gvisor'), false)
    assert.equal(await m.confirmMissing('phantom'), true)
    await client.create(RUNTIME_CLASSES, rc('crun', 'crun'))
    const deadline = Date.now() + 5000
    while (Date.now() < deadline) {
      try {
        if (m.lookupHandler('crun') === 'crun') break
      } catch {
        await new Promise((r) => setTimeout(r, 5))
      }
    }
    assert.equal(m.lookupHandler('crun'), 'crun')
    ac.abort()
  })
})
