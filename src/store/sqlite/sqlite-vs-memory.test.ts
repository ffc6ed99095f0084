/**
 * Property: any sequence of writes — sequential or issued together in one
 * event-loop turn (so sqlite group-commits them) — gives the same results, the
 * same watch streams and the same lists on sqlite as on the memory reference,
 * and sqlite still holds that state after a reopen.
 */
import { it, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import type { Store, WriteResult } from '../interface.ts'
import { MemoryStore } from '../memory/memory-store.ts'
import { record, settle } from '../testing/watch-recorder.ts'
import { SqliteStore } from './sqlite-store.ts'

const root = mkdtempSync(join(tmpdir(), 'runclass-prop-'))
after(() => rmSync(root, { recursive: true, force: true }))

const WINDOW = 12
const keys = ['/r/a/x', '/r/a/y', '/r/a2/x', '/r/b/x', '/r/b/z']

type Op = { kind: 'create' | 'update' | 'delete'; key: string; value: number; expected: 'none' | 'current' | number }

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('create', 'update', 'delete'),
  key: fc.constantFrom(...keys),
  value: fc.integer({ min: 0, max: 9 }),
  expected: fc.oneof(fc.constant('none' as const), fc.constant('current' as const), fc.integer({ min: 0, max: 40 })),
})
// Each group runs in one turn: one op is a sequential write, several race.
const program = fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 25 })

async function apply(store: Store, o: Op, current: number | undefined): Promise<WriteResult> {
  const expected = o.expected === 'none' ? undefined : o.expected === 'current' ? current : o.expected
  if (o.kind === 'create') return store.create(o.key, { v: o.value })
  if (o.kind === 'update') return store.update(o.key, { v: o.value }, expected)
  return store.delete(o.key, expected)
}

let runs = 0
it('sqlite and memory agree on results, watch streams and lists for any write sequence', async () => {
  await fc.assert(
    fc.asyncProperty(program, async (groups) => {
      const file = join(root, `run-${++runs}.db`)
      const memory = new MemoryStore({ historyWindow: WINDOW })
      let sqlite = await SqliteStore.open({ file, historyWindow: WINDOW })
      try {
        const watches = ['/r/', '/r/a/'].map((p) => [record(memory, p, 0), record(sqlite, p, 0)])
        for (const group of groups) {
          // Both stores hold the same state, so 'current' resolves to the same number for both.
          const revs = await Promise.all(group.map(async (o) => (await memory.get(o.key))?.modRevision))
          const [m, s] = await Promise.all([
            Promise.all(group.map((o, i) => apply(memory, o, revs[i]))),
            Promise.all(group.map((o, i) => apply(sqlite, o, revs[i]))),
          ])
          assert.deepEqual(s, m)
        }
        await settle()
        for (const [m, s] of watches) assert.deepEqual(s.events, m.events)
        assert.equal(sqlite.currentRevision(), memory.currentRevision())
        assert.equal(sqlite.oldestRevision(), memory.oldestRevision())
        for (let rev = memory.oldestRevision() - 1; rev <= memory.currentRevision(); rev++) {
          if (rev < 1) continue
          assert.deepEqual(await sqlite.list('/r/', { revision: rev }), await memory.list('/r/', { revision: rev }), `list at ${rev}`)
        }
        await sqlite.close()
        sqlite = await SqliteStore.open({ file, historyWindow: WINDOW })
        assert.deepEqual(await sqlite.list('/r/'), await memory.list('/r/'))
        assert.equal(sqlite.oldestRevision(), memory.oldestRevision())
      } finally {
        await sqlite.close()
        await memory.close()
      }
    }),
    { numRuns: 60 },
  )
})
