import { test } from 'node:test'
import assert from 'node:assert/strict'
import { explainRuntimeClass } from './explain-runtimeclass.ts'
import { node, pod, rc } from './testing/builders.ts'

test('explain runtimeclass: one line per node, each with its own reason', () => {
  const gvisor = rc('gvisor', 'runsc', {
    overhead: { podFixed: { cpu: '500m', memory: '64Mi' } },
    scheduling: { nodeSelector: { sandbox: 'true' }, tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }] },
  })
  const nodes = [
    node('ok', { labels: { sandbox: 'true' }, handlers: ['runc', 'runsc'], taints: [{ key: 'sandbox', value: 'true', effect: 'NoSchedule' }] }),
    node('nohandler', { labels: { sandbox: 'true' }, handlers: ['runc'] }),
    node('nolabel', { handlers: ['runsc'] }),
    node('tainted', { labels: { sandbox: 'true' }, handlers: ['runsc'], taints: [{ key: 'gpu', value: 'a100', effect: 'NoExecute' }] }),
    node('full', { labels: { sandbox: 'true' }, handlers: ['runsc'], cpu: '1' }),
  ]
  const running = pod({ name: 'busy', spec: { nodeName: 'full', containers: [{ name: 'c', resources: { requests: { cpu: '800m' } } }] }, status: { phase: 'Running' } })
  const e = explainRuntimeClass(gvisor, nodes, [running])
  assert.equal(e.subject, 'RuntimeClass gvisor: 1/5 node(s) can run it')
  assert.deepEqual(e.steps.slice(1).map((s) => `${s.mark} ${s.title}: ${s.summary}`), [
    'ok node ok: can run gvisor: reports handler runsc, matches the nodeSelector, taints tolerated, room for overhead cpu=500m, memory=64Mi',
    'fail node nohandler: cannot run gvisor: does not report handler "runsc" (has runc)',
    'fail node nolabel: cannot run gvisor: lacks label sandbox=true',
    'fail node tainted: cannot run gvisor: has taint gpu=a100:NoExecute the class does not tolerate',
    'fail node full: cannot run gvisor: has no room for the overhead: Insufficient cpu',
  ])
  assert.equal(e.steps[2].fix, 'install runsc (apt-get install runsc) and restart runclass, which adds a containerd runtime for every runtime it finds')
  assert.equal(e.steps[3].fix, 'label a node (kubectl label node <node> sandbox=true) or change RuntimeClass "gvisor" scheduling.nodeSelector')
})

test('explain runtimeclass: a node reporting no handlers is not held against the class', () => {
  const e = explainRuntimeClass(rc('runc', 'runc'), [node('bare')], [])
  assert.deepEqual(e.steps.slice(1).map((s) => `${s.mark} ${s.summary}`), ['ok can run runc: reports no handlers (not checked)'])
})
