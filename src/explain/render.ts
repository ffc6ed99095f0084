/**
 * Plain-text rendering of an Explanation: the subject, then one line per step
 * (`✔ Title  summary`) with its facts indented under it and, for a failure,
 * `cause:` and `fix:` lines. No colours, so it reads the same in a pipe, a
 * log or a test assertion.
 */
import type { Explanation, Mark } from './types.ts'

export const MARKS: Record<Mark, string> = { ok: '✔', fail: '✖', wait: '…', skip: '–' }

export const render = (e: Explanation): string => {
  const width = Math.max(0, ...e.steps.map((s) => s.title.length))
  const lines = [e.subject]
  for (const s of e.steps) {
    lines.push(`${MARKS[s.mark]} ${s.title.padEnd(width)}  ${s.summary}`.trimEnd())
    for (const f of s.facts) lines.push(`    ${f}`)
    if (s.cause) lines.push(`    cause: ${s.cause}`)
    if (s.fix) lines.push(`    fix:   ${s.fix}`)
  }
  return `${lines.join('\n')}\n`
}
