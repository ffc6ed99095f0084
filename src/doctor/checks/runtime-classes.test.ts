import assert from 'node:assert/strict'
import { it } from 'node:test'
import { node, runtimeClass, snapshot } from '../testing/fake-host.ts'
import { checkRuntimeClass, checkRuntimeClasses } from './runtime-classes.ts'

const NODES = [
  node('a', { handlers: ['crun', 'runc'], labels: { 'runtime-handler.runclass.dev/crun': 'true', zone: 'x' } }),
  node('b', { handlers: ['runc', 'runsc'], labels: { 'runtime-handler.runclass.dev/runsc': 'true' } }),
]
const cluster = snapshot({ nodes: NODES })

const cases = [
  { name: 'handler on two nodes', rc: runtimeClass('runc', 'runc'), want: { name: 'runtimeclass runc', result: 'ok', detail: 'handler runc on a, b' } },
  { name: 'selector narrows to the matching node', rc: runtimeClass('gvisor', 'runsc', { 'runtime-handler.runclass.dev/runsc': 'true' }), want: { name: 'runtimeclass gvisor', result: 'ok', detail: 'handler runsc on b' } },
  {
    name: 'handler no node reports, unknown to runclass: FAIL, recreate the class',
    rc: runtimeClass('broken', 'nosuch'),
    want: {
      name: 'runtimeclass broken',
      result: 'FAIL',
      detail: 'handler "nosuch" is reported by no node (nodes have: crun, runc, runsc); Pods using it cannot run',
      fix: 'kubectl delete runtimeclass broken, then recreate it with a handler the nodes have (crun, runc, runsc)',
    },
  },
  {
    name: 'known handler no node reports: FAIL, install it',
    rc: runtimeClass('kata', 'kata'),
    want: {
      name: 'runtimeclass kata',
      result: 'FAIL',
      detail: 'handler "kata" is reported by no node (nodes have: crun, runc, runsc); Pods using it cannot run',
      fix: 'apt-get install kata-containers on a node and restart runclass there',
    },
  },
  {
    name: 'selector matches none of the nodes with the handler: FAIL',
    rc: runtimeClass('fast', 'crun', { zone: 'y' }),
    want: { name: 'runtimeclass fast', result: 'FAIL', detail: 'handler "crun" is on a but scheduling.nodeSelector zone=y matches none of them', fix: "kubectl label node a zone=y, or fix the class's scheduling.nodeSelector" },
  },
]
for (const c of cases) it(c.name, () => assert.deepEqual(checkRuntimeClass(c.rc, cluster), c.want))

it('one row per class, sorted by name; no nodes at all', () =>
  assert.deepEqual(checkRuntimeClasses(snapshot({ runtimeClasses: [runtimeClass('z', 'runc'), runtimeClass('a', 'runc')] })), [
    { name: 'runtimeclass a', result: 'FAIL', detail: 'handler "runc" is reported by no node (nodes have: none); Pods using it cannot run', fix: 'apt-get install runc on a node and restart runclass there' },
    { name: 'runtimeclass z', result: 'FAIL', detail: 'handler "runc" is reported by no node (nodes have: none); Pods using it cannot run', fix: 'apt-get install runc on a node and restart runclass there' },
  ]))
