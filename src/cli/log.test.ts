import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatLine } from './log.ts'

test('text log lines: time, level, component, message, extra fields', () => {
  const line = JSON.stringify({ level: 40, time: Date.UTC(2026, 10, 23, 11, 20, 31), pid: 1, hostname: 'h', component: 'agent', msg: 'pod failed', pod: 'default/web', attempt: 2 })
  assert.equal(formatLine(line), '11:20:31 WARN  [agent] pod failed pod=default/web attempt=2')
  assert.equal(formatLine('not json'), 'not json')
})
