/** The small filters: NodeUnschedulable, NodeName, NodePorts (exact reasons and codes). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NodeUnschedulable } from './node-unschedulable.ts'
import { NodeName } from './node-name.ts'
import { NodePorts } from './node-ports.ts'
import { node, pod } from '../testing/builders.ts'
import { skip, unresolvable, unschedulable } from '../framework/status.ts'

test('NodeUnschedulable', () => {
  const pl = new NodeUnschedulable()
  assert.deepEqual(pl.filter(new Map(), pod(), node({ unschedulable: true })), unresolvable('node(s) were unschedulable'))
  assert.equal(pl.filter(new Map(), pod(), node()), undefined)
  const tolerant = pod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] })
  assert.equal(pl.filter(new Map(), tolerant, node({ unschedulable: true })), undefined)
})

test('NodeName', () => {
  const pl = new NodeName()
  assert.equal(pl.filter(new Map(), pod(), node({ name: 'a' })), undefined)
  assert.equal(pl.filter(new Map(), pod({ nodeName: 'a' }), node({ name: 'a' })), undefined)
  assert.deepEqual(pl.filter(new Map(), pod({ nodeName: 'b' }), node({ name: 'a' })), unresolvable("node(s) didn't match the requested node name"))
})

const port = (hostPort: number, hostIP?: string, protocol?: string) => ({ containerPort: 80, hostPort, ...(hostIP ? { hostIP } : {}), ...(protocol ? { protocol } : {}) })
const BUSY = unschedulable("node(s) didn't have free ports for the requested pod ports")

const portCases = [
  { name: 'free port', want: [port(8080)], used: [port(8081)], result: undefined },
  { name: 'same port, both wildcard', want: [port(8080)], used: [port(8080)], result: BUSY },
  { name: 'wildcard wanted clashes with a specific IP', want: [port(8080)], used: [port(8080, '10.0.0.1')], result: BUSY },
  { name: 'specific IP wanted clashes with a wildcard', want: [port(8080, '10.0.0.2')], used: [port(8080)], result: BUSY },
  { name: 'different IPs do not clash', want: [port(8080, '10.0.0.2')], used: [port(8080, '10.0.0.1')], result: undefined },
  { name: 'different protocols do not clash', want: [port(53, undefined, 'UDP')], used: [port(53)], result: undefined },
]
for (const tc of portCases) {
  test(`NodePorts: ${tc.name}`, () => {
    const pl = new NodePorts()
    const p = pod({ ports: tc.want })
    assert.equal(pl.preFilter(new Map(), p), undefined)
    assert.deepEqual(pl.filter(new Map(), p, node({ running: [pod({ name: 'r', ports: tc.used })] })), tc.result)
  })
}

test('NodePorts skips pods without host ports', () => {
  assert.deepEqual(new NodePorts().preFilter(new Map(), pod({ ports: [{ containerPort: 80 }] })), skip())
})
