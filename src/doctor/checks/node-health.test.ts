import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { lease, node, NOW, snapshot } from '../testing/fake-host.ts'
import { checkHeartbeat, checkNodeHandlers, checkNodes, checkReady } from './node-health.ts'

const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString()
const AGENT_FIX = 'start the node agent on n1: runclass up (or runclass agent --server …) and check its log'

describe('checkReady', () => {
  const cases = [
    { name: 'Ready=True', node: node('n1', { ready: 'True' }), want: { name: 'node n1 ready', result: 'ok', detail: 'Ready (KubeletReady)' } },
    {
      name: 'Ready=False names the message',
      node: node('n1', { ready: 'False' }),
      want: { name: 'node n1 ready', result: 'FAIL', detail: 'Ready=False (KubeletNotReady): container runtime is down', fix: 'runclass doctor on n1 (containerd and its network must be ready)' },
    },
    { name: 'never posted', node: node('n1'), want: { name: 'node n1 ready', result: 'FAIL', detail: 'no Ready condition: the node agent never posted status', fix: AGENT_FIX } },
  ]
  for (const c of cases) it(c.name, () => assert.deepEqual(checkReady(c.node), c.want))
})

describe('checkHeartbeat', () => {
  const cases = [
    {
      name: 'fresh lease, old status (status is posted every 5 min): ok, newest wins',
      node: node('n1', { ready: 'True', heartbeat: ago(200) }),
      leases: [lease('n1', ago(7))],
      want: { name: 'node n1 heartbeat', result: 'ok', detail: '7 s ago (lease renewTime)' },
    },
    { name: 'no lease: the Ready heartbeat', node: node('n1', { ready: 'True', heartbeat: ago(12) }), leases: [], want: { name: 'node n1 heartbeat', result: 'ok', detail: '12 s ago (Ready lastHeartbeatTime)' } },
    { name: 'exactly 40 s: still ok', node: node('n1', { ready: 'True' }), leases: [lease('n1', ago(40))], want: { name: 'node n1 heartbeat', result: 'ok', detail: '40 s ago (lease renewTime)' } },
    {
      name: 'older than 40 s: FAIL',
      node: node('n1', { ready: 'True', heartbeat: ago(300) }),
      leases: [lease('n1', ago(73)), lease('other', ago(1))],
      want: {
        name: 'node n1 heartbeat',
        result: 'FAIL',
        detail: `stale: last heartbeat 73 s ago (lease renewTime ${ago(73)}; limit 40 s)`,
        fix: AGENT_FIX,
      },
    },
    {
      name: 'in the future: clock skew warn',
      node: node('n1', { ready: 'True' }),
      leases: [lease('n1', ago(-30))],
      want: { name: 'node n1 heartbeat', result: 'warn', detail: `heartbeat 30 s in the future (lease renewTime ${ago(-30)}): clocks of this host and the node differ`, fix: 'synchronise clocks (chrony or systemd-timesyncd) on both machines' },
    },
    { name: 'a little in the future: ok', node: node('n1', { ready: 'True' }), leases: [lease('n1', ago(-2))], want: { name: 'node n1 heartbeat', result: 'ok', detail: '0 s ago (lease renewTime)' } },
    { name: 'none at all: FAIL', node: node('n1'), leases: [], want: { name: 'node n1 heartbeat', result: 'FAIL', detail: 'no lease and no Ready heartbeat', fix: AGENT_FIX } },
  ]
  for (const c of cases) it(c.name, () => assert.deepEqual(checkHeartbeat(c.node, snapshot({ leases: c.leases })), c.want))
})

describe('checkNodeHandlers', () => {
  it('lists handlers without the default entry', () =>
    assert.deepEqual(checkNodeHandlers(node('n1', { handlers: ['runsc', 'runc', 'crun'] })), { name: 'node n1 handlers', result: 'ok', detail: 'crun, runc, runsc' }))
  it('none: warn', () =>
    assert.deepEqual(checkNodeHandlers(node('n1')), {
      name: 'node n1 handlers',
      result: 'warn',
      detail: 'reports no named runtime handler (only the default)',
      fix: 'install runtimes on n1 (apt-get install runc crun runsc) and restart its agent',
    }))
})

describe('checkNodes', () => {
  it('no Node: FAIL', () =>
    assert.deepEqual(checkNodes(snapshot()), [
      { name: 'nodes', result: 'FAIL', detail: 'no Node registered: Pods stay Pending', fix: 'runclass up (without --no-agent), or runclass agent --server … on a node' },
    ]))
  it('three rows per node, nodes sorted', () =>
    assert.deepEqual(
      checkNodes(snapshot({ nodes: [node('b', { ready: 'True', heartbeat: ago(1), handlers: ['runc'] }), node('a', { ready: 'True', heartbeat: ago(1), handlers: ['runc'] })] })).map((r) => `${r.name} ${r.result}`),
      ['node a ready ok', 'node a heartbeat ok', 'node a handlers ok', 'node b ready ok', 'node b heartbeat ok', 'node b handlers ok'],
    ))
})
