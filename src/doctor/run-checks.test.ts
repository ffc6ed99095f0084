import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Check, CheckResult } from './interface.ts'
import { registry } from './registry.ts'
import { CLUSTER_SKIP_FIX, exitCode, runChecks } from './run-checks.ts'
import { fakeHost, snapshot } from './testing/fake-host.ts'

const row = (name: string, result: CheckResult['result']): CheckResult => ({ name, result, detail: name })
const CHECKS: Check[] = [
  { id: 'h1', scope: 'host', run: () => row('h1', 'ok') },
  { id: 'h2', scope: 'host', run: async () => [row('h2a', 'warn'), row('h2b', 'ok')] },
  { id: 'boom', scope: 'host', run: () => { throw new Error('bad input') } },
  { id: 'c1', scope: 'cluster', run: (ctx) => row(`c1 ${ctx.cluster!.server}`, 'FAIL') },
  { id: 'c2', scope: 'cluster', run: () => row('c2', 'ok') },
]

describe('runChecks', () => {
  it('flattens rows in order; a throwing check becomes a warn row', async () => {
    const rows = await runChecks(CHECKS, { host: fakeHost(), cluster: snapshot() })
    assert.deepEqual(rows, [
      row('h1', 'ok'),
      row('h2a', 'warn'),
      row('h2b', 'ok'),
      { name: 'boom', result: 'warn', detail: 'check failed: bad input', fix: 'report this as a runclass bug' },
      row('c1 https://127.0.0.1:6443', 'FAIL'),
      row('c2', 'ok'),
    ])
  })
  it('without a cluster: one skip row replaces the cluster checks', async () => {
    const rows = await runChecks(CHECKS, { host: fakeHost(), clusterSkipped: 'no kubeconfig at /x' })
    assert.deepEqual(rows.slice(4), [{ name: 'cluster', result: 'warn', detail: 'skipped: no kubeconfig at /x', fix: CLUSTER_SKIP_FIX }])
  })
})

describe('exitCode', () => {
  const cases = [
    { name: 'all ok', rows: [row('a', 'ok')], want: 0 },
    { name: 'warnings only', rows: [row('a', 'ok'), row('b', 'warn')], want: 0 },
    { name: 'any FAIL', rows: [row('a', 'warn'), row('b', 'FAIL')], want: 1 },
    { name: 'nothing', rows: [], want: 0 },
  ]
  for (const c of cases) it(c.name, () => assert.equal(exitCode(c.rows), c.want))
})

describe('registry', () => {
  it('unique ids, host checks before cluster checks', () => {
    assert.equal(new Set(registry.map((c) => c.id)).size, registry.length)
    const firstCluster = registry.findIndex((c) => c.scope === 'cluster')
    assert.ok(registry.slice(firstCluster).every((c) => c.scope === 'cluster'))
  })
})
