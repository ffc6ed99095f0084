/**
 * The scheduler against a real control plane (startTestCluster: SQLite, HTTPS,
 * the scheduler it starts) driven by real kubectl (1.33; the newest 1.27–1.32
 * found when 1.33 is missing) with hand-made Node objects: RuntimeClass
 * nodeSelector, overhead that does not fit (exact message), class tolerations,
 * a pending Pod scheduled once a node appears, handler-aware filtering and
 * conformance C2/C3 (a handler no node reports still schedules).
 *
 * Admission (src/admission/) is written concurrently. When the RuntimeClass
 * admission plugin is not wired, each test puts the class's overhead,
 * nodeSelector and tolerations into the Pod itself — what admission would
 * write — and says so on stderr.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { stringify } from 'yaml'
import { findKubectl, Kubectl, requireKubectl } from '../helpers/kubectl.ts'
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts'

const pickKubectl = (): { bin: string; minor: number } | { skip: string } => {
  const bin33 = findKubectl(33)
  if (bin33) return { bin: bin33, minor: 33 }
  for (let minor = 32; minor >= 27; minor--) {
    const bin = findKubectl(minor)
    if (bin) {
      console.error(`\n!!! kubectl 1.33 not found: running the scheduler tests with kubectl 1.${minor} (${bin})\n`)
      return { bin, minor }
    }
  }
  const r = requireKubectl(33)
  return 'skip' in r ? r : { bin: r.bin, minor: 33 }
}

interface NodeSpec {
  name: string
  labels?: Record<string, string>
  taints?: { key: string; value: string; effect: string }[]
  cpu?: string
  handlers?: string[]
}

const nodeYaml = (n: NodeSpec) =>
  stringify({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels: { 'kubernetes.io/hostname': n.name, ...n.labels } },
    spec: n.taints ? { taints: n.taints } : {},
    status: {
      capacity: { cpu: n.cpu ?? '2', memory: '4Gi', pods: '110' },
      allocatable: { cpu: n.cpu ?? '2', memory: '4Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'hand-made node' }],
      ...(n.handlers ? { runtimeHandlers: n.handlers.map((name) => ({ name })) } : {}),
    },
  })

interface ClassSpec {
  name: string
  handler: string
  overhead?: Record<string, string>
  nodeSelector?: Record<string, string>
  tolerations?: Record<string, string>[]
}

const classYaml = (c: ClassSpec) =>
  stringify({
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name: c.name },
    handler: c.handler,
    ...(c.overhead ? { overhead: { podFixed: c.overhead } } : {}),
    ...(c.nodeSelector || c.tolerations ? { scheduling: { ...(c.nodeSelector ? { nodeSelector: c.nodeSelector } : {}), ...(c.tolerations ? { tolerations: c.tolerations } : {}) } } : {}),
  })

const found = pickKubectl()

describe('scheduler with real kubectl', { skip: 'skip' in found ? found.skip : false }, () => {
  let cluster: TestCluster
  let k: Kubectl
  let admissionWired = false
  const classes = new Map<string, ClassSpec>()

  const apply = (yaml: string) => k.ok(['apply', '-f', '-'], { input: yaml })
  const addNode = (n: NodeSpec) => apply(nodeYaml(n))
  const addClass = async (c: ClassSpec) => {
    classes.set(c.name, c)
    await apply(classYaml(c))
  }
  /** A Pod of class `cls`; without admission, the class's constraints are written in by hand. */
  const addPod = (name: string, cls: string | undefined, cpu = '100m') => {
    const c = cls ? classes.get(cls) : undefined
    const spec: Record<string, unknown> = {
      ...(cls ? { runtimeClassName: cls } : {}),
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu, memory: '16Mi' } } }],
    }
    if (c && !admissionWired) {
      if (c.overhead) spec.overhead = c.overhead
      if (c.nodeSelector) spec.nodeSelector = c.nodeSelector
      if (c.tolerations) spec.tolerations = c.tolerations
    }
    return apply(stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec }))
  }
  const jsonpath = (name: string, path: string) => k.ok(['get', 'pod', name, '-o', `jsonpath=${path}`])
  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
    const deadline = Date.now() + ms
    for (;;) {
      const v = await probe()
      if (v !== undefined) return v
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const nodeOf = (pod: string) => waitFor(`${pod} to be scheduled`, async () => (await jsonpath(pod, '{.spec.nodeName}')) || undefined)
  const unschedulableMessage = (pod: string) =>
    waitFor(`${pod} to be marked unschedulable`, async () => {
      const out = await jsonpath(pod, '{range .status.conditions[?(@.type=="PodScheduled")]}{.status}|{.reason}|{.message}{end}')
      return out.startsWith('False|Unschedulable|') ? out.slice('False|Unschedulable|'.length) : undefined
    })
  const events = async (pod: string) => {
    const out = await k.ok(['get', 'events', '--field-selector', `involvedObject.name=${pod}`, '-o', 'jsonpath={range .items[*]}{.type}|{.reason}|{.source.component}|{.message}{"\\n"}{end}'])
    return out.split('\n').filter(Boolean)
  }
  const waitEvent = (pod: string, line: string) => waitFor(`event ${line}`, async () => ((await events(pod)).includes(line) ? true : undefined))

  before(async () => {
    cluster = await startTestCluster()
    k = new Kubectl((found as { bin: string }).bin, cluster.kubeconfig)
    await addNode({ name: 'node-a', labels: { 'sandbox.gvisor.io': 'true' }, handlers: ['runc', 'runsc'] })
    await addNode({ name: 'node-b', handlers: ['runc'] })
    await addNode({ name: 'node-c' })
    // Is RuntimeClass admission wired? A class with overhead tells us.
    await addClass({ name: 'probe', handler: 'runc', overhead: { cpu: '1m' } })
    await addPod('admission-probe', 'probe')
    admissionWired = (await jsonpath('admission-probe', '{.spec.overhead.cpu}')) === '1m'
    if (!admissionWired) console.error('\n!!! RuntimeClass admission is not wired yet: the tests set overhead, nodeSelector and tolerations in the Pods directly\n')
    await nodeOf('admission-probe')
    await k.ok(['delete', 'pod', 'admission-probe', '--wait=false'])
  })
  after(async () => cluster?.stop())

  test('a RuntimeClass nodeSelector that matches one of three nodes puts the Pod there', async () => {
    await addClass({ name: 'gvisor', handler: 'runsc', nodeSelector: { 'sandbox.gvisor.io': 'true' } })
    await addPod('sel', 'gvisor')
    assert.equal(await nodeOf('sel'), 'node-a')
    await waitEvent('sel', 'Normal|Scheduled|default-scheduler|Successfully assigned default/sel to node-a')
    assert.equal(await jsonpath('sel', '{.status.conditions[?(@.type=="PodScheduled")].status}'), 'True')
  })

  test('requests that fit but requests + overhead that do not leave the Pod Pending with the exact message', async () => {
    await addClass({ name: 'heavy', handler: 'runc', overhead: { cpu: '1', memory: '64Mi' } })
    await addPod('heavy', 'heavy', '1500m')
    const want = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'
    assert.equal(await unschedulableMessage('heavy'), want)
    assert.equal(await jsonpath('heavy', '{.status.phase}'), 'Pending')
    assert.equal(await jsonpath('heavy', '{.spec.nodeName}'), '')
    await waitEvent('heavy', `Warning|FailedScheduling|default-scheduler|${want}`)
    await k.ok(['delete', 'pod', 'heavy', '--wait=false'])
  })

  test('tolerations from the class let the Pod onto a tainted node', async () => {
    await addNode({ name: 'node-t', labels: { pool: 'tainted' }, taints: [{ key: 'sandbox', value: 'true', effect: 'NoSchedule' }] })
    await addClass({ name: 'tolerant', handler: 'runc', nodeSelector: { pool: 'tainted' }, tolerations: [{ key: 'sandbox', operator: 'Equal', value: 'true', effect: 'NoSchedule' }] })
    await addPod('tol', 'tolerant')
    assert.equal(await nodeOf('tol'), 'node-t')
  })

  test('a Pod left Pending is scheduled once a matching node is added', async () => {
    await addClass({ name: 'later', handler: 'runc', nodeSelector: { pool: 'later' } })
    await addPod('waiting', 'later')
    assert.equal(
      await unschedulableMessage('waiting'),
      "0/4 nodes are available: 1 node(s) had untolerated taint {sandbox: true}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    )
    await addNode({ name: 'node-later', labels: { pool: 'later' } })
    assert.equal(await nodeOf('waiting'), 'node-later')
  })

  test('a node reporting only runc never gets a runsc Pod while another node reports runsc', async () => {
    await addNode({ name: 'node-runc', labels: { pool: 'mixed' }, handlers: ['runc'], cpu: '64' })
    await addNode({ name: 'node-runsc', labels: { pool: 'mixed' }, handlers: ['runc', 'runsc'] })
    await addClass({ name: 'mixed-runsc', handler: 'runsc', nodeSelector: { pool: 'mixed' } })
    const names = Array.from({ length: 6 }, (_, i) => `runsc-${i}`)
    for (const n of names) await addPod(n, 'mixed-runsc', '10m')
    for (const n of names) assert.equal(await nodeOf(n), 'node-runsc', `${n} avoided the runc-only node (which has far more room)`)
  })

  test('C2/C3: a class whose handler no node reports still schedules, with a Warning event', async () => {
    await addClass({ name: 'preconfigured', handler: 'test-handler', overhead: { cpu: '10m', memory: '1Mi' } })
    await addPod('c3', 'preconfigured')
    assert.ok(await nodeOf('c3'))
    await waitEvent('c3', 'Warning|RuntimeHandlerNotReported|default-scheduler|no node reports runtime handler "test-handler"')
    if (admissionWired) assert.equal(await jsonpath('c3', '{.spec.overhead.cpu}|{.spec.overhead.memory}'), '10m|1Mi')
  })
})
