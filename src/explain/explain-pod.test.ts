import { test } from 'node:test'
import assert from 'node:assert/strict'
import { explainPod } from './explain-pod.ts'
import { render } from './render.ts'
import type { Explanation, NodeFacts } from './types.ts'
import { entry, event, facts, node, pod, rc, reachable, sandbox } from './testing/builders.ts'

const marks = (e: Explanation) => e.steps.map((s) => `${s.mark} ${s.title}`)
const step = (e: Explanation, title: string) => e.steps.find((s) => s.title === title)!

const gvisor = rc('gvisor', 'runsc', { overhead: { podFixed: { cpu: '100m', memory: '64Mi' } }, scheduling: { tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }] } })
const vm = node('vm', { handlers: ['crun', 'runc', 'runc-hardened', 'runsc'] })
const runscNode = (proofExec: Record<string, string>, list = 'ID\nsb0123456789abcdef\nct0123456789abcdef\n'): NodeFacts =>
  reachable({
    runtimes: { source: '/d/config.toml', defaultHandler: 'runc', entries: { runc: entry('runc'), runsc: entry('runsc', { binaryName: '/d/bin/runsc-cri' }) } },
    binary: { path: '/d/bin/runsc-cri', exists: true, runtime: '/usr/bin/runsc', version: 'runsc version 0.0~20221219.0' },
    sandboxes: [sandbox()],
    proof: {
      hostKernel: '6.1.0-18-amd64',
      container: 'ct0123456789abcdef',
      exec: Object.fromEntries(Object.entries(proofExec).map(([k, out]) => [k, { argv: [k], stdout: out, exitCode: 0 }])),
      runtimeList: { argv: ['/usr/bin/runsc', '--root', '/d/oci-root/runsc/k8s.io', 'list'], stdout: list, exitCode: 0 },
    },
  })

test('running runsc pod: every step ✔ and the gVisor proof', () => {
  const p = pod({
    name: 'g',
    spec: { runtimeClassName: 'gvisor', nodeName: 'vm', overhead: { cpu: '100m', memory: '64Mi' }, tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }] },
    status: { phase: 'Running', containerStatuses: [{ name: 'c', state: { running: { startedAt: '2025-01-01T00:00:01Z' } } }] },
  })
  const e = explainPod(facts(p, { runtimeClass: gvisor, nodes: [vm], events: [event(p, 'Normal', 'Scheduled', 'Successfully assigned default/g to vm')] }), runscNode({ uname: '4.4.0\n', dmesg: '[   0.000000] Starting gVisor...\n[   0.1] Daemonizing children...\n' }))
  assert.deepEqual(marks(e), ['ok RuntimeClass', 'ok Handler', 'ok Admission', 'ok Scheduling', 'ok Node agent', 'ok containerd runtime', 'ok Runtime binary', 'ok Sandbox', 'ok Isolation proof'])
  assert.equal(step(e, 'Isolation proof').summary, "gVisor: guest kernel 4.4.0, not the host's 6.1.0-18-amd64")
  assert.deepEqual(step(e, 'Isolation proof').facts, [
    'uname -r in the container: 4.4.0 (host: 6.1.0-18-amd64)',
    '/usr/bin/runsc --root /d/oci-root/runsc/k8s.io list: lists sb0123456789, ct0123456789',
    'dmesg: [   0.000000] Starting gVisor...',
  ])
  assert.deepEqual(step(e, 'Admission').facts, [
    'spec.overhead: cpu=100m, memory=64Mi (class overhead.podFixed: cpu=100m, memory=64Mi)',
    'tolerations merged from the class: sandbox (Exists):NoSchedule',
  ])
  assert.deepEqual(step(e, 'Scheduling').facts, ['Normal Scheduled: Successfully assigned default/g to vm'])
  assert.match(render(e), /^✔ Isolation proof {5}gVisor: guest kernel 4\.4\.0/m)
})

test('a runsc handler whose container sees the host kernel fails the proof', () => {
  const p = pod({ name: 'g', spec: { runtimeClassName: 'gvisor', nodeName: 'vm', overhead: { cpu: '100m', memory: '64Mi' } }, status: { phase: 'Running' } })
  const e = explainPod(facts(p, { runtimeClass: gvisor, nodes: [vm] }), runscNode({ uname: '6.1.0-18-amd64\n', dmesg: '[0.0] Linux version 6.1\n' }))
  assert.equal(step(e, 'Isolation proof').mark, 'fail')
})

test('runc-hardened proof reads ulimit -n; crun proof reads crun state', () => {
  const p = pod({ name: 'h', spec: { runtimeClassName: 'hard', nodeName: 'vm' }, status: { phase: 'Running' } })
  const hardened = reachable({
    runtimes: { source: 's', entries: { 'runc-hardened': entry('runc-hardened', { binaryName: '/usr/sbin/runc', baseRuntimeSpec: '/d/hardened-spec.json' }) } },
    binary: { path: '/usr/sbin/runc', exists: true, runtime: '/usr/sbin/runc' },
    sandboxes: [sandbox({ runtimeHandler: 'runc-hardened' })],
    proof: { hostKernel: '6.1', container: 'ct0123456789abcdef', exec: { uname: { argv: ['uname', '-r'], stdout: '6.1\n', exitCode: 0 }, nofile: { argv: ['sh', '-c', 'ulimit -n'], stdout: '256\n', exitCode: 0 } } },
  })
  const e = explainPod(facts(p, { runtimeClass: rc('hard', 'runc-hardened'), nodes: [vm] }), hardened)
  assert.deepEqual([step(e, 'Isolation proof').mark, step(e, 'Isolation proof').summary], ['ok', 'runc with the hardened base spec: RLIMIT_NOFILE 256'])

  const c = pod({ name: 'c', spec: { runtimeClassName: 'crun', nodeName: 'vm' }, status: { phase: 'Running' } })
  const crunFacts = (list: string) => reachable({
    runtimes: { source: 's', entries: { crun: entry('crun', { binaryName: '/d/bin/crun-v1' }) } },
    binary: { path: '/d/bin/crun-v1', exists: true, runtime: '/usr/bin/crun' },
    sandboxes: [sandbox({ runtimeHandler: 'crun' })],
    proof: { hostKernel: '6.1', container: 'ct0123456789abcdef', exec: { uname: { argv: ['uname', '-r'], stdout: '6.1\n', exitCode: 0 } }, runtimeList: { argv: ['/usr/bin/crun', '--root', '/d/oci-root/crun/k8s.io', 'list'], stdout: list, exitCode: 0 } },
  })
  const ok = explainPod(facts(c, { runtimeClass: rc('crun', 'crun'), nodes: [vm] }), crunFacts('NAME\nct0123456789abcdef\n'))
  assert.equal(step(ok, 'Isolation proof').summary, "crun runs it: crun's state root lists the container; shares the host kernel 6.1")
  const bad = explainPod(facts(c, { runtimeClass: rc('crun', 'crun'), nodes: [vm] }), crunFacts('NAME\n'))
  assert.equal(step(bad, 'Isolation proof').mark, 'fail')
})

test('unschedulable pod: PodScheduled=False, one reason line per node with the missing label, and the fix', () => {
  const msg = "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: infra}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."
  const p = pod({
    name: 'u',
    spec: { runtimeClassName: 'pinned', nodeSelector: { pool: 'gpu' } },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg }] },
  })
  const nodes = [node('a', { labels: { pool: 'cpu' } }), node('b', { labels: { pool: 'gpu' }, taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] })]
  const e = explainPod(facts(p, { runtimeClass: rc('pinned', 'runc', { scheduling: { nodeSelector: { pool: 'gpu' } } }), nodes, events: [event(p, 'Warning', 'FailedScheduling', msg)] }), undefined)
  assert.deepEqual(marks(e), ['ok RuntimeClass', 'ok Handler', 'ok Admission', 'fail Scheduling', 'skip Node agent', 'skip containerd runtime', 'skip Runtime binary', 'skip Sandbox', 'skip Isolation proof'])
  const s = step(e, 'Scheduling')
  assert.deepEqual(s.facts, [
    `PodScheduled=False Unschedulable: ${msg}`,
    'FailedScheduling events: 1',
    'nodes now (2):',
    "  ✖ a: node(s) didn't match Pod's node affinity/selector",
    '      label pool=gpu: node has pool=cpu',
    '  ✖ b: node(s) had untolerated taint {dedicated: infra}',
  ])
  assert.equal(s.fix, 'label a node (kubectl label node <node> pool=gpu) or change RuntimeClass "pinned" scheduling.nodeSelector; add a toleration for dedicated=infra to RuntimeClass "pinned" scheduling.tolerations, or remove the taint (kubectl taint node <node> dedicated-)')
})

test('unschedulable for lack of room: the overhead is counted and the shortfall shown', () => {
  const p = pod({
    name: 'big',
    spec: { runtimeClassName: 'gvisor', overhead: { cpu: '500m' }, containers: [{ name: 'c', resources: { requests: { cpu: '1800m' } } }] },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.' }] },
  })
  const e = explainPod(facts(p, { runtimeClass: rc('gvisor', 'runsc', { overhead: { podFixed: { cpu: '500m' } } }), nodes: [node('a', { cpu: '2' })] }), undefined)
  assert.deepEqual(step(e, 'Scheduling').facts.slice(-2), ['  ✖ a: Insufficient cpu', '      cpu: pod needs 2300m (overhead included), node has 2 free of 2'])
})

test('bad handler: the node agent failure, its cause and the fix; CRI steps name the missing runtime entry', () => {
  const why = 'failed to get sandbox runtime: no runtime for "nosuch" is configured'
  const p = pod({ name: 'b', spec: { runtimeClassName: 'bad', nodeName: 'vm' }, status: { phase: 'Failed', reason: 'RuntimeHandlerUnavailable', message: `Pod was rejected: ${why}` } })
  const events = [
    event(p, 'Warning', 'RuntimeHandlerNotReported', 'no node reports runtime handler "nosuch"'),
    event(p, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: rpc error: code = Unknown desc = ${why}`, '2025-01-01T00:00:02Z'),
  ]
  const f = facts(p, { runtimeClass: rc('bad', 'nosuch'), nodes: [vm], events })
  const n = reachable({ runtimes: { source: '/d/config.toml', entries: { runc: entry('runc'), runsc: entry('runsc') } } })
  const e = explainPod(f, n)
  assert.deepEqual(marks(e), ['ok RuntimeClass', 'fail Handler', 'ok Admission', 'ok Scheduling', 'fail Node agent', 'fail containerd runtime', 'skip Runtime binary', 'skip Sandbox', 'skip Isolation proof'])
  const fix = 'fix the RuntimeClass handler: recreate RuntimeClass "bad" with a handler the node has (crun, runc, runc-hardened, runsc); handler cannot be changed in place'
  assert.equal(step(e, 'Handler').fix, fix)
  const agent = step(e, 'Node agent')
  assert.equal(agent.cause, `the node's runtime has no handler "nosuch": ${why}`)
  assert.equal(agent.fix, undefined) // already given by the Handler step
  assert.deepEqual(agent.facts, [`phase Failed, reason RuntimeHandlerUnavailable: Pod was rejected: ${why}`, `Warning FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown desc = ${why}`])
  assert.deepEqual(step(e, 'containerd runtime').facts, ['configured: runc, runsc (/d/config.toml)'])
})

test('a missing installable runtime: the fix is to install it and restart runclass', () => {
  const p = pod({ name: 'k', spec: { runtimeClassName: 'kata', nodeName: 'vm' }, status: { phase: 'Failed', reason: 'RuntimeHandlerUnavailable', message: 'Pod was rejected: failed to get sandbox runtime: no runtime for "kata" is configured' } })
  const e = explainPod(facts(p, { runtimeClass: rc('kata', 'kata'), nodes: [node('vm')] }), undefined)
  assert.equal(step(e, 'Node agent').fix, 'install kata (apt-get install kata-containers) and restart runclass, which adds a containerd runtime for every runtime it finds')
})

test('class deleted after admission; remote cluster stops at the node agent', () => {
  const gone = pod({ name: 'x', spec: { runtimeClassName: 'gone' }, status: { phase: 'Pending' } })
  const e1 = explainPod(facts(gone, { runtimeClass: 'NotFound' }), undefined)
  assert.equal(step(e1, 'RuntimeClass').cause, 'runtimeclass.node.k8s.io "gone" not found: it was deleted after the pod was admitted')
  assert.equal(step(e1, 'containerd runtime').summary, 'no handler to look up')

  const p = pod({ name: 'r', spec: { nodeName: 'far' }, status: { phase: 'Running' } })
  const e2 = explainPod(facts(p, { nodes: [node('far')] }), { reachable: false, why: 'no containerd socket at /x' })
  assert.equal(step(e2, 'RuntimeClass').summary, 'none: default handler')
  assert.equal(step(e2, 'Handler').summary, '"" (the runtime\'s default handler)')
  assert.deepEqual([step(e2, 'containerd runtime').mark, step(e2, 'containerd runtime').summary], ['skip', 'no CRI socket reachable (no containerd socket at /x): stopping at the node agent step'])
})

test('admission drift: the class changed after the pod was admitted', () => {
  const p = pod({ name: 'd', spec: { runtimeClassName: 'gvisor', nodeName: 'vm', overhead: { cpu: '100m' } }, status: { phase: 'Running' } })
  const e = explainPod(facts(p, { runtimeClass: rc('gvisor', 'runsc', { overhead: { podFixed: { cpu: '0.1', memory: '64Mi' } } }), nodes: [vm] }), undefined)
  assert.equal(step(e, 'Admission').summary, 'admitted, but the class changed since (overhead differ)')
})
