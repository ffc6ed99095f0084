import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MemoryStore } from '../store/memory/memory-store.ts'
import { ApiServer } from '../apiserver/server.ts'
import { inProcessClient } from '../client/index.ts'
import { newAdmissionPlugins, ORDERED_PLUGINS } from './plugins.ts'

test('the registry lists the plugins in upstream order', () => {
  assert.deepEqual(
    ORDERED_PLUGINS.map(([name]) => name),
    ['NamespaceLifecycle', 'DefaultTolerationSeconds', 'RuntimeClass'],
  )
})

test('each factory builds the plugin it is registered under', () => {
  const client = inProcessClient(new ApiServer({ store: new MemoryStore() }))
  assert.deepEqual(
    newAdmissionPlugins({ client }).map((p) => p.name),
    ORDERED_PLUGINS.map(([name]) => name),
  )
})
