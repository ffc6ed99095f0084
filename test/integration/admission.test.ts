/**
 * Admission with real kubectl against a started control plane: the seed
 * documents' Pod and RuntimeClass manifests, the upstream conformance and e2e
 * admission cases (C1–C4, E3, E4, E7), NamespaceLifecycle, and a Pod without
 * runtimeClassName left alone. Exact kubectl output where it is stable.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kubectl, requireKubectl } from '../helpers/kubectl.ts'
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts'

const work = mkdtempSync(join(tmpdir(), 'rc-admission-'))
const file = (name: string, text: string) => {
  const path = join(work, name)
  writeFileSync(path, text)
  return path
}
const NS = 'runtimeclass-1234'
const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
]

const runtimeClassYaml = (name: string, handler: string, extra = '') => `apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: ${name}\nhandler: ${handler}\n${extra}`
/** conformance.md §0 pod fixture. */
const fixturePod = (rc: string, extraSpec = '') => `apiVersion: v1
kind: Pod
metadata:
  generateName: test-runtimeclass-${rc}-
  namespace: ${NS}
spec:
  runtimeClassName: ${rc}
  automountServiceAccountToken: false
  restartPolicy: Never
  containers:
  - name: test
    image: busybox
    command: ["true"]
${extraSpec}`

// Seed manifests, verbatim (seed 001's elided Pod body gets one container).
const SEED_000_GVISOR = `# 런타임클래스는 node.k8s.io API 그룹에 정의되어 있음
apiVersion: node.k8s.io/v1   
kind: RuntimeClass
metadata:
  name: gvisor          # Pod에서 참조할 이름
handler: runsc          # CRI에 정의된 런타입 핸들러
`
const SEED_000_POD = `apiVersion: v1
kind: Pod
metadata:
  name: sandboxed-pod
spec:
  runtimeClassName: gvisor
  containers:
    - name: app
      image: busybox
      command: ["echo", "Hello from gVisor"]
`
// Seed 000's kata class with its separate "scheduling" example folded in.
const SEED_000_KATA = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: kata
handler: kata-qemu
overhead:              # 런타입 자체가 유발하는 추가 CPU/메모리 오버헤드를 선언
  podFixed:
    cpu: "250m"
    memory: "128Mi"
scheduling:
  nodeSelector:            # Pod의 nodeSelector와 교집합으로 병합
    runtime: kata 
  tolerations:             # Pod의 tolerations과 합집합으로 병행
    - key: "kata"
      operator: "Exists"
      effect: "NoSchedule"
`
const SEED_001_MYCLASS = `apiVersion: node.k8s.io/v1beta1  # 런타임 클래스는 node.k8s.io API 그룹에 정의되어 있음
kind: RuntimeClass
metadata:
  name: myclass  # 런타임 클래스는 해당 이름을 통해서 참조됨
  # 런타임 클래스는 네임스페이스가 없는 리소스임
handler: myconfiguration  # 상응하는 CRI 설정의 이름임
`
const SEED_001_POD = `apiVersion: v1
kind: Pod
metadata:
  name: mypod
spec:
  runtimeClassName: myclass
  # ...
  containers:
  - name: app
    image: busybox
`
const SEED_003_POD = `apiVersion: v1
kind: Pod
metadata:
  name: sec
spec:
  runtimeClassName: gvisor
  containers:
    - image: nginx:1.21.5-alpine
      name: sec
  dnsPolicy: ClusterFirst
  restartPolicy: Always
`
const SEED_004_GVISOR = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor  # 這是開發者在 Pod YAML 裡引用的名稱
handler: runsc  # 對應到底層 CRI config 裡的 handler 名稱

# 關鍵設定：自動排程
scheduling:
  nodeSelector:
    sandbox.gvisor.io: "true"  
    # 強制 Pod 只能排程到有標籤 (sandbox.gvisor.io: "true") 的節點

overhead:
  podFixed:
    memory: "120Mi"
    cpu: "250m"

`
const SEED_004_POD_VERBATIM = `apiVersion: v1
kind: Pod
metadata:
    name: sensitive-app
spec:
    runtimeClassName: gvisor
    containers:
    - name: app
        image: my-app:latest
        resources:
            requests:
                cpu: "250m"
                memory: "128Mi"
            limits:
                cpu: "500m"
                memory: "256Mi"
`
const SEED_004_POD_FIXED = SEED_004_POD_VERBATIM.replace(/\n {8}(\w)/g, '\n      $1').replace(/\n {12}/g, '\n        ').replace(/\n {16}/g, '\n          ')

let cluster: TestCluster
before(async () => {
  cluster = await startTestCluster()
})
after(async () => cluster?.stop())

const found33 = requireKubectl(33)
describe('admission with kubectl 1.33', { skip: 'skip' in found33 ? found33.skip : false }, () => {
  let k: Kubectl
  const json = async (args: string[]) => JSON.parse(await k.ok([...args, '-o', 'json'])) as Record<string, any>
  before(async () => {
    k = new Kubectl((found33 as { bin: string }).bin, cluster.kubeconfig)
    await k.ok(['create', 'namespace', NS])
  })

  test('seed 000: gvisor class and sandboxed-pod are admitted unchanged but for the default tolerations', async () => {
    assert.equal(await k.ok(['apply', '-f', file('000-gvisor.yaml', SEED_000_GVISOR)]), 'runtimeclass.node.k8s.io/gvisor created\n')
    assert.equal(await k.ok(['apply', '-f', file('000-pod.yaml', SEED_000_POD)]), 'pod/sandboxed-pod created\n')
    const spec = (await json(['get', 'pod', 'sandboxed-pod'])).spec
    assert.deepEqual([spec.runtimeClassName, spec.overhead, spec.nodeSelector, spec.tolerations], ['gvisor', undefined, undefined, DEFAULT_TOLERATIONS])
  })

  test('seed 000: the kata class sets overhead, the nodeSelector and the toleration', async () => {
    assert.equal(await k.ok(['apply', '-f', file('000-kata.yaml', SEED_000_KATA)]), 'runtimeclass.node.k8s.io/kata created\n')
    const pod = SEED_000_POD.replace('sandboxed-pod', 'kata-pod').replace('gvisor', 'kata')
    const spec = (await json(['create', '-f', file('000-kata-pod.yaml', pod)])).spec
    assert.deepEqual(spec.overhead, { cpu: '250m', memory: '128Mi' })
    assert.deepEqual(spec.nodeSelector, { runtime: 'kata' })
    assert.deepEqual(spec.tolerations, [...DEFAULT_TOLERATIONS, { key: 'kata', operator: 'Exists', effect: 'NoSchedule' }])
  })

  test('seed 001: the v1beta1 myclass and mypod', async () => {
    const r = await k.run(['apply', '-f', file('001-myclass.yaml', SEED_001_MYCLASS)])
    assert.equal(r.stdout, 'runtimeclass.node.k8s.io/myclass created\n', r.stderr)
    assert.equal(await k.ok(['apply', '-f', file('001-pod.yaml', SEED_001_POD)]), 'pod/mypod created\n')
    assert.equal(await k.ok(['get', 'pod', 'mypod', '-o', 'jsonpath={.spec.runtimeClassName}']), 'myclass')
  })

  test('seed 003: pod sec with the gvisor class', async () => {
    assert.equal(await k.ok(['apply', '-f', file('003-pod.yaml', SEED_003_POD)]), 'pod/sec created\n')
    assert.equal(await k.ok(['get', 'pod', 'sec', '-o', 'jsonpath={.spec.runtimeClassName} {.spec.dnsPolicy} {.spec.restartPolicy}']), 'gvisor ClusterFirst Always')
  })

  test('seed 004: the gvisor class with scheduling and overhead; the verbatim pod is not YAML, the fixed one is admitted', async () => {
    assert.equal(await k.ok(['apply', '-f', file('004-gvisor.yaml', SEED_004_GVISOR)]), 'runtimeclass.node.k8s.io/gvisor configured\n')
    const verbatim = file('004-pod-verbatim.yaml', SEED_004_POD_VERBATIM)
    const bad = await k.run(['apply', '-f', verbatim])
    assert.equal(bad.stderr, `error: error parsing ${verbatim}: error converting YAML to JSON: yaml: line 9: mapping values are not allowed in this context\n`)
    const spec = (await json(['create', '-f', file('004-pod.yaml', SEED_004_POD_FIXED)])).spec
    assert.deepEqual(spec.overhead, { cpu: '250m', memory: '120Mi' })
    assert.deepEqual(spec.nodeSelector, { 'sandbox.gvisor.io': 'true' })
  })

  test('C1: a non-existent class is refused with the generateName in the message', async () => {
    const path = file('c1.yaml', fixturePod(`${NS}-nonexistent`))
    const r = await k.run(['create', '-f', path])
    assert.equal(
      r.stderr,
      `Error from server (Forbidden): error when creating "${path}": pods "test-runtimeclass-${NS}-nonexistent-" is forbidden: pod rejected: RuntimeClass "${NS}-nonexistent" not found\n`,
    )
  })

  test('C2/C3: overhead absent without podFixed, initialized from it otherwise', async () => {
    await k.ok(['apply', '-f', file('c2-rc.yaml', runtimeClassYaml(`${NS}-preconfigured-handler`, 'test-handler'))])
    await k.ok(['apply', '-f', file('c3-rc.yaml', runtimeClassYaml(`${NS}-with-overhead`, 'test-handler', 'overhead:\n  podFixed:\n    cpu: 10m\n    memory: 1Mi\n'))])
    const c2 = await json(['create', '-f', file('c2.yaml', fixturePod(`${NS}-preconfigured-handler`))])
    const c3 = await json(['create', '-f', file('c3.yaml', fixturePod(`${NS}-with-overhead`))])
    assert.match(c2.metadata.name, new RegExp(`^test-runtimeclass-${NS}-preconfigured-handler-[a-z0-9]{5}$`))
    assert.deepEqual([c2.spec.overhead, c3.spec.overhead], [undefined, { cpu: '10m', memory: '1Mi' }])
  })

  test('C4: a deleted class is refused', async () => {
    const name = `${NS}-delete-me`
    await k.ok(['apply', '-f', file('c4-rc.yaml', runtimeClassYaml(name, 'runc'))])
    await k.ok(['delete', 'runtimeclass', name])
    const deadline = Date.now() + 60_000
    while ((await k.run(['get', 'runtimeclass', name])).code === 0) {
      assert.ok(Date.now() < deadline, 'the class never went away')
      await new Promise((r) => setTimeout(r, 200))
    }
    const path = file('c4.yaml', fixturePod(name))
    const r = await k.run(['create', '-f', path])
    assert.equal(r.stderr, `Error from server (Forbidden): error when creating "${path}": pods "test-runtimeclass-${name}-" is forbidden: pod rejected: RuntimeClass "${name}" not found\n`)
  })

  test('E3: a conflicting nodeSelector is refused with the exact conflict text', async () => {
    const rc = `${NS}-conflict-runtimeclass`
    await k.ok(['apply', '-f', file('e3-rc.yaml', runtimeClassYaml(rc, 'test-handler', 'scheduling:\n  nodeSelector:\n    foo-5678: conflict\n'))])
    const path = file('e3.yaml', fixturePod(rc, '  nodeSelector:\n    foo-5678: bar\n'))
    const r = await k.run(['create', '-f', path])
    assert.equal(r.code, 1)
    assert.ok(r.stderr.startsWith('Error from server (Forbidden): '), r.stderr)
    assert.ok(r.stderr.endsWith('conflict: runtimeClass.scheduling.nodeSelector[foo-5678] = conflict; pod.spec.nodeSelector[foo-5678] = bar\n'), r.stderr)
  })

  test('E4: the create response already has the merged nodeSelector and the class toleration', async () => {
    const rc = `${NS}-non-conflict-runtimeclass`
    const scheduling = 'scheduling:\n  nodeSelector:\n    foo-5678: bar\n    fizz-5678: buzz\n  tolerations:\n  - key: foo-5678\n    operator: Equal\n    value: bar\n    effect: NoSchedule\n'
    await k.ok(['apply', '-f', file('e4-rc.yaml', runtimeClassYaml(rc, 'test-handler', scheduling))])
    const created = await json(['create', '-f', file('e4.yaml', fixturePod(rc, '  nodeSelector:\n    foo-5678: bar\n'))])
    assert.deepEqual(created.spec.nodeSelector, { 'foo-5678': 'bar', 'fizz-5678': 'buzz' })
    assert.deepEqual(created.spec.tolerations, [...DEFAULT_TOLERATIONS, { key: 'foo-5678', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }])
  })

  test('E7: a Guaranteed pod with overhead preset to the class values is admitted', async () => {
    await k.ok(['apply', '-f', file('e7-rc.yaml', runtimeClassYaml('test-handler', 'test-handler', 'overhead:\n  podFixed:\n    cpu: 200m\n    memory: 140Mi\n'))])
    const resources = '    resources:\n      limits:\n        cpu: 100m\n        memory: 100Mi\n'
    const created = await json(['create', '-f', file('e7.yaml', fixturePod('test-handler', '  overhead:\n    cpu: 200m\n    memory: 140Mi\n').replace('command: ["true"]\n', `command: ["true"]\n${resources}`))])
    assert.deepEqual([created.spec.overhead, created.status.qosClass], [{ cpu: '200m', memory: '140Mi' }, 'Guaranteed'])
  })

  test('a preset overhead that differs from the class is refused', async () => {
    const path = file('mismatch.yaml', SEED_000_POD.replace('sandboxed-pod', 'mismatch').replace('gvisor', 'test-handler').replace('  containers:', '  overhead:\n    cpu: 1\n  containers:'))
    const r = await k.run(['create', '-f', path])
    assert.equal(r.stderr, `Error from server (Forbidden): error when creating "${path}": pods "mismatch" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead\n`)
  })

  test('a pod in a namespace that does not exist', async () => {
    const path = file('team-x.yaml', SEED_000_POD.replace('name: sandboxed-pod', 'name: p\n  namespace: team-x'))
    for (const verb of ['create', 'apply']) {
      const r = await k.run([verb, '-f', path])
      assert.equal(r.stderr, `Error from server (NotFound): error when creating "${path}": namespaces "team-x" not found\n`, verb)
    }
  })

  test('namespace default cannot be deleted', async () => {
    const r = await k.run(['delete', 'namespace', 'default'])
    assert.equal(r.stderr, 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n')
    assert.equal(await k.ok(['get', 'namespace', 'default', '-o', 'jsonpath={.status.phase}']), 'Active')
  })

  test('a pod without runtimeClassName is untouched: no overhead, no selector', async () => {
    const plain = SEED_000_POD.replace('sandboxed-pod', 'plain').replace('  runtimeClassName: gvisor\n', '')
    const spec = (await json(['create', '-f', file('plain.yaml', plain)])).spec
    assert.deepEqual([spec.runtimeClassName, spec.overhead, spec.nodeSelector], [undefined, undefined, undefined])
  })

  test('runtimeClassName cannot change on update', async () => {
    const r = await k.run(['patch', 'pod', 'sandboxed-pod', '-p', '{"spec":{"runtimeClassName":"kata"}}'])
    assert.match(r.stderr, /^The Pod "sandboxed-pod" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/)
  })
})

const found27 = requireKubectl(27)
describe('admission with kubectl 1.27', { skip: 'skip' in found27 ? found27.skip : false }, () => {
  test('a missing class and a conflicting selector print the same 403s', async () => {
    const k = new Kubectl((found27 as { bin: string }).bin, cluster.kubeconfig)
    const missing = file('27-missing.yaml', SEED_000_POD.replace('sandboxed-pod', 'old-kubectl').replace('gvisor', 'nope'))
    const r = await k.run(['apply', '-f', missing])
    assert.equal(r.stderr, `Error from server (Forbidden): error when creating "${missing}": pods "old-kubectl" is forbidden: pod rejected: RuntimeClass "nope" not found\n`)
    await k.ok(['apply', '-f', file('27-rc.yaml', runtimeClassYaml('conflict-27', 'runc', 'scheduling:\n  nodeSelector:\n    foo: conflict\n'))])
    const conflict = file('27-conflict.yaml', SEED_000_POD.replace('sandboxed-pod', 'mypod').replace('gvisor', 'conflict-27').replace('  containers:', '  nodeSelector:\n    foo: bar\n  containers:'))
    const c = await k.run(['create', '-f', conflict])
    assert.equal(c.stderr, `Error from server (Forbidden): error when creating "${conflict}": pods "mypod" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[foo] = conflict; pod.spec.nodeSelector[foo] = bar\n`)
  })
})
