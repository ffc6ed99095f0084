/** CRI log parsing and reading: partial lines, tail, timestamps, since, limitBytes, stream, follow until exit. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCriLogLine, parseLogQuery, readContainerLog, type LogQuery } from './logs.ts'

const T1 = '2024-01-01T00:00:01.123456789Z'
const T2 = '2024-01-01T00:00:02.000000001Z'
const T3 = '2024-01-01T00:00:03.5Z'
const FILE = [`${T1} stdout F one`, `${T2} stderr P tw`, `${T2} stderr F o`, `${T3} stdout F three`, `${T3} stdout F `].join('\n') + '\n'

const q = (over: Partial<LogQuery> = {}): LogQuery => ({ container: 'c', follow: false, previous: false, timestamps: false, ...over })
const collect = async (it: AsyncIterable<string>) => {
  const out: string[] = []
  for await (const s of it) out.push(s)
  return out
}

describe('parseCriLogLine', () => {
  for (const { line, want } of [
    { line: `${T1} stdout F hello world`, want: { time: T1, stream: 'stdout', partial: false, content: 'hello world' } },
    { line: `${T1} stderr P part`, want: { time: T1, stream: 'stderr', partial: true, content: 'part' } },
    { line: `${T1} stdout F `, want: { time: T1, stream: 'stdout', partial: false, content: '' } },
    { line: 'garbage', want: undefined },
  ]) {
    test(line, () => assert.deepEqual(parseCriLogLine(line), want))
  }
})

describe('readContainerLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logs-'))
  const path = join(dir, '0.log')
  writeFileSync(path, FILE)
  for (const tc of [
    { name: 'all lines, partials joined', query: q(), want: ['one\n', 'two\n', 'three\n', '\n'] },
    { name: 'tailLines 2', query: q({ tailLines: 2 }), want: ['three\n', '\n'] },
    { name: 'tailLines 0', query: q({ tailLines: 0 }), want: [] },
    { name: 'timestamps (first partial time)', query: q({ timestamps: true, tailLines: 3 }), want: [`${T2} two\n`, `${T3} three\n`, `${T3} \n`] },
    { name: 'sinceTime', query: q({ sinceTime: '2024-01-01T00:00:02Z' }), want: ['two\n', 'three\n', '\n'] },
    { name: 'limitBytes cuts mid-line', query: q({ limitBytes: 6 }), want: ['one\n', 'tw'] },
    { name: 'stream Stderr', query: q({ stream: 'Stderr' }), want: ['two\n'] },
    { name: 'missing file is empty', query: q(), want: [], path: join(dir, 'none.log') },
  ] as { name: string; query: LogQuery; want: string[]; path?: string }[]) {
    const { name, query, want } = tc
    const file = tc.path
    test(name, async () => assert.deepEqual(await collect(readContainerLog(file ?? path, query)), want))
  }

  test('follow streams new lines and ends when the container exits', async () => {
    const p = join(dir, 'f.log')
    writeFileSync(p, `${T1} stdout F a\n`)
    let running = true
    const out: string[] = []
    const reading = (async () => {
      for await (const s of readContainerLog(p, q({ follow: true }), { isRunning: async () => running, pollMs: 10 })) out.push(s)
    })()
    await new Promise((r) => setTimeout(r, 30))
    appendFileSync(p, `${T2} stdout P b`)
    await new Promise((r) => setTimeout(r, 30))
    appendFileSync(p, `1\n${T2} stdout F 2\n`)
    running = false
    await reading
    assert.deepEqual(out, ['a\n', 'b12\n'])
  })

  test('follow ends when the signal aborts', async () => {
    const ac = new AbortController()
    const reading = collect(readContainerLog(path, q({ follow: true, tailLines: 1 }), { isRunning: async () => true, pollMs: 10, signal: ac.signal }))
    setTimeout(() => ac.abort(), 30)
    assert.deepEqual(await reading, ['\n'])
  })

  test('query parameters', () => {
    assert.deepEqual(parseLogQuery(new URLSearchParams('container=c&follow=true&tailLines=10&timestamps=true&previous=true&limitBytes=5&sinceSeconds=60')), {
      container: 'c', follow: true, previous: true, timestamps: true, tailLines: 10, limitBytes: 5, sinceSeconds: 60, sinceTime: undefined, stream: undefined,
    })
  })

  test.after?.(() => rmSync(dir, { recursive: true, force: true }))
})
