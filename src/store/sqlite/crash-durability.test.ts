/**
 * Crash durability: a child process writes through the sqlite store and prints
 * every acknowledged key; the parent SIGKILLs it mid-stream, reopens the file
 * and finds every acknowledged key with the revisions the child was told.
 * (This proves nothing acknowledged is lost on a process crash; power loss is
 * covered by synchronous=FULL, which this test cannot simulate.)
 */
import { it, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SqliteStore } from './sqlite-store.ts'

const root = mkdtempSync(join(tmpdir(), 'runclass-crash-'))
after(() => rmSync(root, { recursive: true, force: true }))
const writer = fileURLToPath(new URL('./testing/crash-writer.ts', import.meta.url))

interface Acked { key: string; createRevision: number; modRevision: number }

/** Runs the writer until `killAfter` acknowledgements arrived, then SIGKILLs it; returns every acknowledged write. */
async function runAndKill(file: string, killAfter: number): Promise<{ acked: Acked[]; signal: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, file, '16'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let buffer = ''
  let stderr = ''
  const acked: Acked[] = []
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString()
    const lines = buffer.split('\n')
    buffer = lines.pop()!
    for (const line of lines) {
      if (line === 'ready') continue
      const [key, c, m] = line.split(' ')
      acked.push({ key, createRevision: Number(c), modRevision: Number(m) })
    }
    if (acked.length >= killAfter) child.kill('SIGKILL')
  })
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])))
  if (signal !== 'SIGKILL') throw new Error(`writer exited by itself (code ${code}): ${stderr}`)
  return { acked, signal }
}

it('every write acknowledged before a SIGKILL is there after reopening, with the same revisions', { timeout: 60_000 }, async () => {
  const file = join(root, 'state.db')
  let expectedRevision = 0
  // Two crashes in a row: the second run continues the revisions the first left behind.
  for (const killAfter of [400, 700]) {
    const { acked } = await runAndKill(file, killAfter)
    assert.ok(acked.length >= killAfter)
    const store = await SqliteStore.open({ file })
    try {
      const missing: string[] = []
      for (const a of acked) {
        const got = await store.get(a.key)
        if (!got || got.createRevision !== a.createRevision || got.modRevision !== a.modRevision) missing.push(a.key)
      }
      assert.deepEqual(missing, [], 'acknowledged writes lost or changed')
      const maxAcked = Math.max(...acked.map((a) => a.modRevision))
      assert.ok(store.currentRevision() >= maxAcked)
      assert.ok(Math.min(...acked.map((a) => a.modRevision)) > expectedRevision, 'revisions continue after a restart')
      const all = await store.list('/registry/crash/')
      assert.equal(all.items.length, store.currentRevision(), 'one object per revision, no holes')
      expectedRevision = store.currentRevision()
    } finally {
      await store.close()
    }
  }
})
