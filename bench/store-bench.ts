/**
 * Store benchmark: durable creates/s from concurrent callers for memory, sqlite
 * with group commit, and sqlite committing every write on its own (the
 * baseline, measured in the same run), then LIST latency over 10k objects from
 * the watch cache against a direct SQLite query. Prints ratios to the baselines.
 *
 *   node --import tsx bench/store-bench.ts [objects=10000] [callers=100]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Store } from '../src/store/interface.ts'
import { MemoryStore } from '../src/store/memory/memory-store.ts'
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts'

const OBJECTS = Number(process.argv[2] ?? 10_000)
const CALLERS = Number(process.argv[3] ?? 100)
const root = mkdtempSync(join(tmpdir(), 'runclass-bench-'))

const pod = (i: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `pod-${i}`, namespace: 'default', uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, labels: { app: 'web', tier: 'frontend' } },
  spec: {
    runtimeClassName: 'gvisor',
    overhead: { cpu: '250m', memory: '120Mi' },
    containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
    nodeSelector: { runtime: 'gvisor' },
    tolerations: [{ key: 'runtime', operator: 'Equal', value: 'gvisor', effect: 'NoSchedule' }],
  },
  status: { phase: 'Pending' },
})
const key = (i: number) => `/registry/pods/default/pod-${String(i).padStart(6, '0')}`

/** CALLERS concurrent callers each awaiting its own creates, OBJECTS in all; returns creates/s. */
async function creates(store: Store): Promise<number> {
  let next = 0
  const caller = async () => {
    for (let i = next++; i < OBJECTS; i = next++) {
      const r = await store.create(key(i), pod(i))
      if (!r.ok) throw new Error(`create ${key(i)} missed`)
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: CALLERS }, caller))
  return OBJECTS / ((performance.now() - start) / 1000)
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

async function timeIt(runs: number, fn: () => unknown): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    samples.push(performance.now() - t)
  }
  return median(samples)
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

async function main(): Promise<void> {
  console.log(`store-bench: ${OBJECTS} pod objects (~${JSON.stringify(pod(0)).length} bytes), ${CALLERS} concurrent callers, node ${process.version}`)

  const baselineStore = await SqliteStore.open({ file: join(root, 'baseline.db'), maxBatch: 1 })
  const baseline = await creates(baselineStore)
  const baselineStats = baselineStore.stats()
  await baselineStore.close()

  const sqlite = await SqliteStore.open({ file: join(root, 'group.db') })
  const grouped = await creates(sqlite)
  const groupedStats = sqlite.stats()

  const memory = new MemoryStore()
  const inMemory = await creates(memory)

  console.log('\ncreates/s (durable: synchronous=FULL, WAL fsync per transaction)')
  const row = (name: string, v: number, note: string) =>
    console.log(`  ${name.padEnd(28)} ${fmt(v).padStart(10)} /s  ${fmt(v / baseline, 1).padStart(6)}x  ${note}`)
  row('sqlite, one write per tx', baseline, `baseline; ${baselineStats.commits} commits`)
  row('sqlite, group commit', grouped, `${groupedStats.commits} commits, ${fmt(groupedStats.writes / groupedStats.commits, 1)} writes/commit`)
  row('memory', inMemory, 'no disk')

  const prefix = '/registry/pods/default/'
  // The baseline store is closed, so its file (same 10k objects) can be queried directly.
  const direct = new Database(join(root, 'baseline.db'), { readonly: true, fileMustExist: true })
  const query = direct.prepare(
    `SELECT key, value, create_revision, revision FROM log WHERE revision IN (SELECT MAX(revision) FROM log WHERE key >= ? AND key < ? GROUP BY key) AND deleted = 0 ORDER BY key`,
  )
  const sqlList = () =>
    query.all(prefix, prefix.slice(0, -1) + '0').map((r) => {
      const row = r as { key: string; value: string; create_revision: number; revision: number }
      return { key: row.key, value: JSON.parse(row.value), createRevision: row.create_revision, modRevision: row.revision }
    })
  if (sqlList().length !== OBJECTS) throw new Error('direct query disagrees with the store')
  const listSql = await timeIt(20, sqlList)
  const listSqlite = await timeIt(50, () => sqlite.list(prefix))
  const listMemory = await timeIt(50, () => memory.list(prefix))
  const n = (await sqlite.list(prefix)).items.length

  console.log(`\nLIST of ${fmt(n)} objects (median)`)
  const lrow = (name: string, ms: number, note: string) =>
    console.log(`  ${name.padEnd(28)} ${fmt(ms, 2).padStart(10)} ms  ${fmt(listSql / ms, 1).padStart(6)}x  ${note}`)
  lrow('direct SQLite query + parse', listSql, 'baseline: what LIST costs without the watch cache')
  lrow('sqlite store (watch cache)', listSqlite, '')
  lrow('memory store', listMemory, '')

  direct.close()
  await sqlite.close()
  await memory.close()
}

try {
  await main()
} finally {
  rmSync(root, { recursive: true, force: true })
}
