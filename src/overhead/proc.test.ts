/** /proc parsers on real-shaped fixtures, and the process-tree walk. */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { descendants, parseSmapsRollup, parseStat, type ProcInfo } from './proc.ts'

describe('parseStat', () => {
  const cases = [
    {
      name: 'plain comm',
      text: '17178 (bash) S 17177 17178 17178 0 -1 4194560 10940 603649 1 106 1 9 2097 405 20 0 1 0 1 0 0\n',
      want: { comm: 'bash', ppid: 17177, cpu: { selfTicks: 10, childTicks: 2502 } },
    },
    {
      name: 'comm with spaces and parentheses',
      text: '42 (a) b (c)) R 7 42 42 0 -1 0 0 0 0 0 250 50 3 4 20 0 1 0 1 0 0',
      want: { comm: 'a) b (c)', ppid: 7, cpu: { selfTicks: 300, childTicks: 7 } },
    },
    { name: 'truncated', text: '42 (x) R 7', want: undefined },
    { name: 'garbage', text: 'nothing here', want: undefined },
  ]
  for (const c of cases) test(c.name, () => assert.deepEqual(parseStat(c.text), c.want))
})

test('parseSmapsRollup reads Rss, Pss and private bytes (kB → bytes)', () => {
  const text = `564acd012000-7fff660b2000 ---p 00000000 00:00 0                          [rollup]
Rss:                4144 kB
Pss:                1128 kB
Pss_Dirty:           656 kB
Shared_Clean:       3068 kB
Shared_Dirty:        760 kB
Private_Clean:        10 kB
Private_Dirty:       316 kB
`
  assert.deepEqual(parseSmapsRollup(text), { rssBytes: 4144 * 1024, pssBytes: 1128 * 1024, privateBytes: 326 * 1024 })
  assert.deepEqual(parseSmapsRollup(''), { rssBytes: 0, pssBytes: 0, privateBytes: 0 })
})

test('descendants walks the whole tree below a pid, root first', () => {
  const p = (pid: number, ppid: number): ProcInfo => ({ pid, ppid, comm: String(pid), argv: [] })
  const table = [p(1, 0), p(10, 1), p(11, 10), p(12, 10), p(13, 12), p(20, 1)]
  assert.deepEqual(descendants(table, 10).map((x) => x.pid), [10, 11, 12, 13])
  assert.deepEqual(descendants(table, 99), [])
})
