/**
 * The doctor's report as text: columns `CHECK  RESULT  WHAT TO DO`, where
 * RESULT is the verdict (ok / warn / FAIL) followed by what was found, and
 * WHAT TO DO is the fix of a non-ok row. Columns are padded to the widest
 * cell, the RESULT column to at most 80 (nothing is truncated: a fix must stay copyable); a summary line closes it.
 */
import type { CheckResult } from './interface.ts'

const VERDICT_WIDTH = 4
/** Longer RESULT cells overflow rather than pushing every fix off screen. */
export const MAX_RESULT_WIDTH = 80

const resultCell = (r: CheckResult) => `${r.result.padEnd(VERDICT_WIDTH)}  ${r.detail}`

export const summary = (rows: CheckResult[]): string => {
  const count = (res: CheckResult['result']) => rows.filter((r) => r.result === res).length
  const fails = count('FAIL')
  const verdict = fails ? 'something blocks Pods: fix the FAIL rows' : 'nothing blocks Pods'
  return `${count('ok')} ok, ${count('warn')} warn, ${fails} FAIL: ${verdict}`
}

export const renderTable = (rows: CheckResult[]): string => {
  const header = ['CHECK', 'RESULT', 'WHAT TO DO']
  const cells = rows.map((r) => [r.name, resultCell(r), r.result === 'ok' ? '' : (r.fix ?? '')])
  const widths = [0, 1].map((i) => Math.max(header[i].length, ...cells.map((c) => c[i].length)))
  widths[1] = Math.min(widths[1], MAX_RESULT_WIDTH)
  const line = (c: string[]) => `${c[0].padEnd(widths[0])}  ${c[1].padEnd(widths[1])}  ${c[2]}`.trimEnd()
  return [line(header), ...cells.map(line), '', summary(rows)].join('\n') + '\n'
}

export const renderJson = (rows: CheckResult[], exitCode: number): string => `${JSON.stringify({ ok: exitCode === 0, checks: rows }, null, 2)}\n`
