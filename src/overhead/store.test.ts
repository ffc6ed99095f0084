/** overhead.json: parsing with per-entry problems, and merging writes. */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { parseOverheadFile, readOverheads, writeOverheads, type StoredHandlerOverhead } from './store.ts'

/** The message of this Node's JSON.parse for `text` (its wording changes between versions). */
const jsonError = (text: string): string => {
  try {
    JSON.parse(text)
    return ''
  } catch (err) {
    return (err as Error).message
  }
}

describe('parseOverheadFile', () => {
  const cases = [
    {
      name: 'valid entries are taken',
      text: JSON.stringify({ version: 1, handlers: { runc: { podFixed: { memory: '15Mi', cpu: '10m' } } } }),
      want: { overheads: { runc: { memory: '15Mi', cpu: '10m' } }, problems: [] },
    },
    {
      name: 'a bad entry is reported, the good ones kept',
      text: JSON.stringify({ version: 1, handlers: { runc: { podFixed: { memory: '15Mi', cpu: '10m' } }, runsc: { podFixed: { memory: '1 GB' } }, crun: null } }),
      want: {
        overheads: { runc: { memory: '15Mi', cpu: '10m' } },
        problems: ['f: handlers.runsc.podFixed must have memory and cpu quantities', 'f: handlers.crun.podFixed must have memory and cpu quantities'],
      },
    },
    { name: 'wrong version', text: '{"version":2,"handlers":{}}', want: { overheads: {}, problems: ['f: expected {"version": 1, "handlers": {...}}'] } },
    { name: 'not JSON (with the parser\'s own words)', text: '{', want: { overheads: {}, problems: [`f: not JSON (${jsonError('{')})`] } },
  ]
  for (const c of cases) test(c.name, () => assert.deepEqual(parseOverheadFile(c.text, 'f'), c.want))
})

test('writeOverheads merges per handler; readOverheads reads it back; no file is no overheads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rc-overhead-'))
  try {
    assert.deepEqual(readOverheads(dir), { overheads: {}, problems: [] })
    const entry = (memory: string): StoredHandlerOverhead => ({
      podFixed: { memory, cpu: '10m' }, measuredAt: '2025-01-01T00:00:00.000Z', pods: 3, memoryBasis: 'rss', rssBytes: 1, pssBytes: 1, idleMillicores: 0,
    })
    const file = await writeOverheads(dir, { runc: entry('15Mi'), runsc: entry('102Mi') })
    assert.equal(file, join(dir, 'overhead.json'))
    await writeOverheads(dir, { runsc: entry('110Mi') })
    assert.deepEqual(readOverheads(dir).overheads, { runc: { memory: '15Mi', cpu: '10m' }, runsc: { memory: '110Mi', cpu: '10m' } })
    writeFileSync(file, 'junk')
    await writeOverheads(dir, { crun: entry('15Mi') })
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(file, 'utf8')).handlers), ['crun'])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
