/**
 * kubectl exec end to end: `runclass up` (control plane, embedded containerd,
 * node agent) and real kubectl — 1.33 over WebSocket v5, 1.27 over SPDY/3.1.
 * Proves the command runs inside the Pod's sandbox (gVisor reports kernel
 * 4.4.0, runc the host's), exit codes and error texts match upstream, and
 * stdin reaches the command.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { release, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kubectl, requireKubectl } from '../helpers/kubectl.ts'
import { startRunclass, type RunclassProcess } from '../helpers/runclass-process.ts'
import { realContainerdUnavailable } from './helpers/cri-pod.ts'

const unavailable = realContainerdUnavailable()
if (unavailable) {
  if (process.env.CI === 'true') throw new Error(`e2e needs root and containerd: ${unavailable}`)
  console.error(`\n!!! SKIPPED test/e2e/exec.test.ts: ${unavailable}\n`)
}
const kubectl133 = requireKubectl(33)
const kubectl127 = requireKubectl(27)
const skip = unavailable ?? ('skip' in kubectl133 ? kubectl133.skip : false)
const skip127 = skip || ('skip' in kubectl127 ? kubectl127.skip : false)

const manifest = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: e2e-exec-runc}
handler: runc
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: e2e-exec-runsc}
handler: runsc
---
apiVersion: v1
kind: Pod
metadata: {name: exec-runc}
spec:
  runtimeClassName: e2e-exec-runc
  terminationGracePeriodSeconds: 1
  containers:
  - {name: app, image: busybox, command: ["sleep", "3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: exec-runsc}
spec:
  runtimeClassName: e2e-exec-runsc
  terminationGracePeriodSeconds: 1
  containers:
  - {name: app, image: busybox, command: ["sleep", "3600"]}
`

describe('kubectl exec into Pods run by the node agent', { skip }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rc-e2e-exec-'))
  let rc: RunclassProcess
  let k: Kubectl
  let k127: Kubectl

  before(async () => {
    rc = await startRunclass(['up', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1', '--no-default-runtimeclasses'])
    k = new Kubectl((kubectl133 as { bin: string }).bin, rc.kubeconfig)
    if ('bin' in kubectl127) k127 = new Kubectl(kubectl127.bin, rc.kubeconfig)
    const file = join(dataDir, 'exec.yaml')
    writeFileSync(file, manifest)
    await k.ok(['apply', '-f', file])
    await k.ok(['wait', '--for=condition=Ready', 'pod/exec-runc', 'pod/exec-runsc', '--timeout=120s'])
  })
  after(async () => {
    if (rc) {
      await k?.run(['delete', 'pods', '--all', '--wait=true', '--timeout=60s'])
      rc.child.kill('SIGTERM')
      await rc.exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('under runsc the command sees gVisor\'s kernel 4.4.0', async () => {
    assert.equal((await k.ok(['exec', 'exec-runsc', '--', 'uname', '-r'])).trim(), '4.4.0')
  })

  test('under runc the command sees the host kernel', async () => {
    assert.equal((await k.ok(['exec', 'exec-runc', '--', 'uname', '-r'])).trim(), release())
  })

  test('a non-zero exit is kubectl\'s exit code, stdout and stderr kept apart', async () => {
    const r = await k.run(['exec', 'exec-runsc', '--', 'sh', '-c', 'echo out; echo err >&2; exit 7'])
    assert.deepEqual([r.code, r.stdout], [7, 'out\n'])
    assert.equal(r.stderr, 'err\ncommand terminated with exit code 7\n')
  })

  test('an unknown container is the apiserver\'s BadRequest', async () => {
    const r = await k.run(['exec', 'exec-runc', '-c', 'nope', '--', 'true'])
    assert.equal(r.code, 1)
    assert.equal(r.stderr, 'Error from server (BadRequest): container nope is not valid for pod exec-runc\n')
  })

  test('stdin reaches the command and its EOF ends it (-i)', async () => {
    const r = await k.run(['exec', '-i', 'exec-runc', '--', 'sh', '-c', 'cat; echo done; exit 4'], { input: 'hello\nworld\n' })
    assert.deepEqual([r.code, r.stdout], [4, 'hello\nworld\ndone\n'])
  })

  test('kubectl 1.27 over SPDY/3.1: output, exit code, stdin', { skip: skip127 }, async () => {
    assert.equal((await k127.ok(['exec', 'exec-runsc', '--', 'uname', '-r'])).trim(), '4.4.0')
    const r = await k127.run(['exec', 'exec-runc', '--', 'sh', '-c', 'echo err >&2; exit 3'])
    assert.deepEqual([r.code, r.stderr], [3, 'err\ncommand terminated with exit code 3\n'])
    const piped = await k127.run(['exec', '-i', 'exec-runsc', '--', 'wc', '-c'], { input: 'abc\n' })
    assert.deepEqual([piped.code, piped.stdout.trim()], [0, '4'])
  })
})
