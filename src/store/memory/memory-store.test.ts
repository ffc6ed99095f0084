/** Runs the shared Store conformance suite against the in-memory backend. */
import { REOPEN_CASE, runStoreSuite } from '../store-suite.ts'
import { MemoryStore } from './memory-store.ts'

runStoreSuite({
  name: 'memory',
  newStore: async ({ historyWindow }) => {
    const store = new MemoryStore({ historyWindow })
    return { store, cleanup: () => store.close() }
  },
  skip: [{ reason: 'memory keeps nothing across a restart', tests: [REOPEN_CASE] }],
})
