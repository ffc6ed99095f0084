import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { CheckResult } from './interface.ts'
import { MAX_RESULT_WIDTH, renderJson, renderTable, summary } from './render-table.ts'

const ROWS: CheckResult[] = [
  { name: 'root', result: 'ok', detail: 'running as uid 0' },
  { name: 'crun', result: 'warn', detail: 'not found: no crun handler', fix: 'apt-get install crun' },
  { name: 'runtimeclass broken', result: 'FAIL', detail: 'handler "nosuch" is reported by no node', fix: 'kubectl delete runtimeclass broken' },
]

it('renders CHECK RESULT WHAT TO DO, verdict then detail, fixes only for non-ok rows, and a summary', () => {
  assert.equal(
    renderTable([...ROWS, { name: 'x', result: 'ok', detail: 'fine', fix: 'never shown' }]),
    [
      'CHECK                RESULT                                         WHAT TO DO',
      'root                 ok    running as uid 0',
      'crun                 warn  not found: no crun handler               apt-get install crun',
      'runtimeclass broken  FAIL  handler "nosuch" is reported by no node  kubectl delete runtimeclass broken',
      'x                    ok    fine',
      '',
      '2 ok, 1 warn, 1 FAIL: something blocks Pods: fix the FAIL rows',
      '',
    ].join('\n'),
  )
})

it('a very long detail overflows instead of widening every row', () => {
  const long = 'd'.repeat(120)
  const lines = renderTable([{ name: 'a', result: 'warn', detail: long, fix: 'f1' }, { name: 'b', result: 'warn', detail: 'short', fix: 'f2' }]).split('\n')
  assert.equal(lines[1], `a      warn  ${long}  f1`)
  assert.equal(lines[2].indexOf('f2'), 'CHECK'.length + 2 + MAX_RESULT_WIDTH + 2)
})

it('summary without FAIL', () => assert.equal(summary(ROWS.slice(0, 2)), '1 ok, 1 warn, 0 FAIL: nothing blocks Pods'))

it('JSON carries every field and ok', () =>
  assert.deepEqual(JSON.parse(renderJson(ROWS, 1)), {
    ok: false,
    checks: [
      { name: 'root', result: 'ok', detail: 'running as uid 0' },
      { name: 'crun', result: 'warn', detail: 'not found: no crun handler', fix: 'apt-get install crun' },
      { name: 'runtimeclass broken', result: 'FAIL', detail: 'handler "nosuch" is reported by no node', fix: 'kubectl delete runtimeclass broken' },
    ],
  }))
