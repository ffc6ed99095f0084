/**
 * kubectl against the core resources (nodes, pods, events, namespaces) and the
 * write options (server-side apply, server dry-run, field validation), for the
 * oldest and newest supported kubectl.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kubectl, requireKubectl } from '../helpers/kubectl.ts'
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts'
import { PODS } from '../../src/client/index.ts'

const work = mkdtempSync(join(tmpdir(), 'rc-kubectl-core-'))
const file = (name: string, text: string) => {
  const path = join(work, name)
  writeFileSync(path, text)
  return path
}

const node = (name: string) => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels:
    kubernetes.io/hostname: ${name}
    node-role.kubernetes.io/worker: ""
status:
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status, lastHeartbeatTime: "2026-11-23T10:00:00Z", lastTransitionTime: "2026-11-23T10:00:00Z"}
  nodeInfo: {kubeletVersion: v1.33.0, osImage: Debian GNU/Linux 12 (bookworm), kernelVersion: 6.1.0, containerRuntimeVersion: containerd://1.6.20, machineID: m, systemUUID: s, bootID: b, kubeProxyVersion: "", operatingSystem: linux, architecture: amd64}
  addresses:
  - {type: InternalIP, address: 10.0.0.5}
`

for (const minor of [27, 33]) {
  const found = requireKubectl(minor)
  describe(`kubectl 1.${minor} on core resources`, { skip: 'skip' in found ? found.skip : false }, () => {
    let cluster: TestCluster
    let k: Kubectl
    before(async () => {
      cluster = await startTestCluster({ scheduler: false })
      k = new Kubectl((found as { bin: string }).bin, cluster.kubeconfig)
    })
    after(async () => cluster?.stop())

    test('nodes: get -o wide and describe look as upstream', async () => {
      await k.ok(['apply', '-f', file(`node-${minor}.yaml`, node('node-a'))])
      const wide = await k.ok(['get', 'nodes', '-o', 'wide'])
      assert.match(wide, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME$/m)
      assert.match(wide, /^node-a\s+Ready\s+worker\s+\d+s\s+v1\.33\.0\s+10\.0\.0\.5\s+<none>\s+Debian GNU\/Linux 12 \(bookworm\)\s+6\.1\.0\s+containerd:\/\/1\.6\.20$/m)
      const described = await k.ok(['describe', 'node', 'node-a'])
      assert.match(described, /^Roles:\s+worker$/m)
      assert.match(described, /^\s+Ready\s+True\s+.*KubeletReady\s+kubelet is posting ready status$/m)
    })

    test('pods: run, get -o wide, describe, field selectors', async () => {
      await k.ok(['run', 'web', '--image=busybox', '--', 'sleep', '3600'])
      const wide = await k.ok(['get', 'pods', '-o', 'wide'])
      assert.match(wide, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m)
      assert.match(wide, /^web\s+0\/1\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>$/m)
      const described = await k.ok(['describe', 'pod', 'web'])
      assert.match(described, /^Status:\s+Pending$/m)
      assert.match(described, /^QoS Class:\s+BestEffort$/m)
      assert.equal((await k.ok(['get', 'pods', '--field-selector', 'status.phase=Pending', '-o', 'name'])).trim(), 'pod/web')
      assert.equal((await k.ok(['get', 'pods', '--field-selector', 'status.phase=Running', '-o', 'name'])).trim(), '')
      const bad = await k.run(['get', 'pods', '--field-selector', 'spec.foo=bar'])
      assert.equal(bad.code, 1)
      assert.match(bad.stderr, /field label not supported: spec\.foo/)
    })

    test('a pod bound to a node is deleted gracefully; an unbound one at once', async () => {
      const manifest = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bound\nspec:\n  nodeName: node-a\n  containers:\n  - name: main\n    image: busybox\n`
      await k.ok(['apply', '-f', file(`bound-${minor}.yaml`, manifest)])
      await k.ok(['delete', 'pod', 'bound', '--wait=false'])
      const pod = await cluster.client.get(PODS, 'bound', 'default')
      assert.ok(pod.metadata.deletionTimestamp, 'the pod waits for its node')
      assert.equal(pod.metadata.deletionGracePeriodSeconds, 30)
      await k.ok(['delete', 'pod', 'bound', '--grace-period=0', '--force'])
      assert.equal((await k.run(['get', 'pod', 'bound'])).code, 1)
      assert.match(await k.ok(['delete', 'pod', 'web']), /pod "web" deleted/)
    })

    test('server-side apply creates, updates, and reports conflicts', async () => {
      const path = file(`ssa-${minor}.yaml`, 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: ssa\n  labels:\n    a: "1"\nhandler: runc\n')
      assert.equal((await k.ok(['apply', '--server-side', '-f', path])).trim(), 'runtimeclass.node.k8s.io/ssa serverside-applied')
      await k.ok(['label', 'runtimeclass', 'ssa', 'a=2', '--overwrite'])
      const conflict = await k.run(['apply', '--server-side', '-f', path])
      assert.equal(conflict.code, 1)
      assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl-label" using node\.k8s\.io\/v1: \.metadata\.labels\.a/)
      assert.equal((await k.ok(['apply', '--server-side', '--force-conflicts', '-f', path])).trim(), 'runtimeclass.node.k8s.io/ssa serverside-applied')
      assert.equal(await k.ok(['get', 'runtimeclass', 'ssa', '-o', 'jsonpath={.metadata.labels.a}']), '1')
    })

    test('server dry-run writes nothing and still reports AlreadyExists', async () => {
      const path = file(`dry-${minor}.yaml`, 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: dry\nhandler: runc\n')
      assert.equal((await k.ok(['create', '-f', path, '--dry-run=server'])).trim(), 'runtimeclass.node.k8s.io/dry created (server dry run)')
      assert.equal((await k.run(['get', 'runtimeclass', 'dry'])).code, 1)
      await k.ok(['create', '-f', path])
      const again = await k.run(['create', '-f', path, '--dry-run=server'])
      assert.equal(again.code, 1)
      assert.match(again.stderr, /Error from server \(AlreadyExists\): error when creating ".*": runtimeclasses\.node\.k8s\.io "dry" already exists/)
    })

    test('--validate=warn turns unknown fields into warnings; the default (Strict) refuses them', async () => {
      const path = file(`warn-${minor}.yaml`, 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: warned\nhandler: runc\nbogus: 1\n')
      const warned = await k.run(['apply', '--validate=warn', '-f', path])
      assert.equal(warned.code, 0, warned.stderr)
      assert.match(warned.stderr, /Warning: unknown field "bogus"/)
      const strict = await k.run(['apply', '-f', path])
      assert.equal(strict.code, 1)
      assert.match(strict.stderr, /strict decoding error: unknown field "bogus"/)
    })

    test('deleting a namespace removes what is in it', async () => {
      await k.ok(['create', 'namespace', 'doomed'])
      await k.ok(['run', 'p', '-n', 'doomed', '--image=busybox'])
      assert.match(await k.ok(['delete', 'namespace', 'doomed', '--timeout=30s']), /namespace "doomed" deleted/)
      assert.equal((await k.run(['get', 'namespace', 'doomed'])).code, 1)
      assert.equal((await cluster.client.list(PODS, { namespace: 'doomed' })).items.length, 0)
    })
  })
}
