/** RuntimeHandler (decision d): filter only when some schedulable node reports the handler; warn when none does. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RuntimeHandler } from './runtime-handler.ts'
import { fakeHandle, node, pod } from '../testing/builders.ts'
import { skip, unresolvable } from '../framework/status.ts'

const cases = [
  {
    name: 'a node reporting only runc is filtered for a runsc pod while another node reports runsc',
    nodes: [node({ name: 'runc-only', handlers: ['runc'] }), node({ name: 'both', handlers: ['runc', 'runsc'] })],
    want: [unresolvable('node(s) didn\'t have runtime handler "runsc"'), undefined],
    events: [],
  },
  {
    name: 'nodes reporting no handlers always pass',
    nodes: [node({ name: 'bare' }), node({ name: 'both', handlers: ['runsc'] })],
    want: [undefined, undefined],
    events: [],
  },
  {
    name: 'a cordoned node reporting the handler does not count: every node passes, with a warning',
    nodes: [node({ name: 'runc-only', handlers: ['runc'] }), node({ name: 'cordoned', handlers: ['runsc'], unschedulable: true })],
    want: 'skip',
    events: ['Warning RuntimeHandlerNotReported no node reports runtime handler "runsc"'],
  },
  {
    name: 'no node reports the handler (conformance C2/C3): every node passes, with a warning',
    nodes: [node({ name: 'runc-only', handlers: ['runc'] })],
    want: 'skip',
    events: ['Warning RuntimeHandlerNotReported no node reports runtime handler "runsc"'],
  },
] as const

for (const tc of cases) {
  test(tc.name, () => {
    const handle = fakeHandle([...tc.nodes], { gvisor: 'runsc' })
    const pl = new RuntimeHandler(handle)
    const p = pod({ runtimeClassName: 'gvisor' })
    const state = new Map()
    const pre = pl.preFilter(state, p)
    if (tc.want === 'skip') assert.deepEqual(pre, skip())
    else {
      assert.equal(pre, undefined)
      assert.deepEqual(tc.nodes.map((n) => pl.filter(state, p, n)), tc.want)
    }
    assert.deepEqual(handle.events, tc.events)
  })
}

test('pods without a class, or with a class the scheduler does not know, skip the plugin', () => {
  const pl = new RuntimeHandler(fakeHandle([node({ handlers: ['runc'] })], {}))
  assert.deepEqual(pl.preFilter(new Map(), pod()), skip())
  assert.deepEqual(pl.preFilter(new Map(), pod({ runtimeClassName: 'missing' })), skip())
})
