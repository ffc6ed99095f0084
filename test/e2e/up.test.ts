/**
 * Issue 5 end to end, as a user runs it: `runclass up` (control plane, embedded
 * containerd, node agent) and real kubectl. Each handler runs a Pod and the test
 * proves which runtime ran it; an unconfigured handler fails the Pod with the
 * event; the Node lists the handlers. Prints apply → Running per handler.
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
  console.error(`\n!!! SKIPPED test/e2e/up.test.ts: ${unavailable}\n`)
}
const kubectl = requireKubectl(33)
const skip = unavailable ?? ('skip' in kubectl ? kubectl.skip : false)

const HANDLERS = ['runc', 'crun', 'runc-hardened', 'runsc'] as const
const classYaml = (handler: string) => `apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: e2e-${handler}\nhandler: ${handler}\n`
const podYaml = (name: string, runtimeClass: string, script: string, restartPolicy = 'Never') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  runtimeClassName: ${runtimeClass}
  restartPolicy: ${restartPolicy}
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", ${JSON.stringify(script)}]
`

describe('runclass up with its node agent, driven by kubectl', { skip }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rc-e2e-up-'))
  const work = mkdtempSync(join(tmpdir(), 'rc-e2e-up-files-'))
  let rc: RunclassProcess
  let k: Kubectl
  const apply = async (name: string, yaml: string) => {
    const path = join(work, `${name}.yaml`)
    writeFileSync(path, yaml)
    return k.ok(['apply', '-f', path])
  }
  const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (await check()) return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`timed out waiting for ${what}`)
  }
  const phase = async (pod: string) => (await k.run(['get', 'pod', pod, '-o', 'jsonpath={.status.phase}'])).stdout

  before(async () => {
    rc = await startRunclass(['up', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1', '--no-default-runtimeclasses'])
    k = new Kubectl((kubectl as { bin: string }).bin, rc.kubeconfig)
    for (const h of HANDLERS) await apply(`class-${h}`, classYaml(h))
  })
  after(async () => {
    if (rc) {
      await k?.run(['delete', 'pods', '--all', '--wait=true', '--timeout=60s'])
      rc.child.kill('SIGTERM')
      await rc.exited
    }
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(work, { recursive: true, force: true })
  })

  test('the Node lists the installed handlers and looks as upstream in kubectl', async () => {
    const node = JSON.parse(await k.ok(['get', 'nodes', '-o', 'json'])).items[0]
    const handlers = node.status.runtimeHandlers.map((h: { name: string }) => h.name)
    for (const h of HANDLERS) assert.ok(handlers.includes(h), `node reports ${h}: ${handlers}`)
    assert.equal(node.metadata.labels['runtime-handler.runclass.dev/runsc'], 'true')
    const table = await k.ok(['get', 'nodes'])
    assert.match(table, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m)
    assert.match(table, new RegExp(`^${node.metadata.name}\\s+Ready\\s+<none>\\s+\\d+s\\s+v1\\.33\\.0-runclass$`, 'm'))
    const described = await k.ok(['describe', 'node', node.metadata.name])
    assert.match(described, /^\s+Ready\s+True\s+.*KubeletReady\s+kubelet is posting ready status/m)
    assert.match(described, /^\s+Container Runtime Version:\s+containerd:\/\/1\.6/m)
  })

  test('runc shows the host kernel, runsc the gVisor kernel', async () => {
    await apply('kernel-runc', podYaml('kernel-runc', 'e2e-runc', 'uname -r'))
    await apply('kernel-runsc', podYaml('kernel-runsc', 'e2e-runsc', 'uname -r; dmesg | head -1'))
    await waitFor('both pods to finish', async () => (await phase('kernel-runc')) === 'Succeeded' && (await phase('kernel-runsc')) === 'Succeeded')
    assert.equal((await k.ok(['logs', 'kernel-runc'])).trim(), release())
    const gvisor = (await k.ok(['logs', 'kernel-runsc'])).trim().split('\n')
    assert.equal(gvisor[0], '4.4.0')
    assert.notEqual(gvisor[0], release())
    assert.match(gvisor[1], /Starting gVisor\.\.\./)
  })

  test('runc-hardened applies its rlimit and no_new_privs; crun runs the pod', async () => {
    await apply('hardened', podYaml('hardened', 'e2e-runc-hardened', 'ulimit -n; grep NoNewPrivs /proc/self/status'))
    await apply('crun', podYaml('crun', 'e2e-crun', 'ulimit -n; uname -r'))
    await waitFor('both pods to finish', async () => (await phase('hardened')) === 'Succeeded' && (await phase('crun')) === 'Succeeded')
    const hardened = (await k.ok(['logs', 'hardened'])).trim().split('\n')
    assert.equal(hardened[0], '256')
    assert.match(hardened[1], /^NoNewPrivs:\s+1$/)
    const crun = (await k.ok(['logs', 'crun'])).trim().split('\n')
    assert.notEqual(crun[0], '256', 'crun has the default rlimit, not the hardened one')
    assert.equal(crun[1], release())
  })

  test('a class whose handler containerd lacks fails the Pod within seconds, with the event', async () => {
    await apply('broken-class', 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: e2e-broken\nhandler: nosuch\n')
    const started = Date.now()
    await apply('broken', podYaml('broken', 'e2e-broken', 'sleep 100', 'Always'))
    await waitFor('the pod to fail', async () => (await phase('broken')) === 'Failed', 20_000)
    assert.ok(Date.now() - started < 20_000)
    const pod = JSON.parse(await k.ok(['get', 'pod', 'broken', '-o', 'json']))
    assert.equal(pod.status.reason, 'RuntimeHandlerUnavailable')
    assert.equal(pod.status.message, 'Pod was rejected: failed to get sandbox runtime: no runtime for "nosuch" is configured')
    const events = await k.ok(['get', 'events', '--field-selector', 'involvedObject.name=broken,reason=FailedCreatePodSandBox', '-o', 'jsonpath={.items[*].message}'])
    assert.equal(events, 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "nosuch" is configured')
  })

  test('apply → Running per handler (printed, not asserted), and delete removes the pods', async () => {
    const timings: Record<string, number> = {}
    for (const h of HANDLERS) {
      const name = `timing-${h}`
      const started = Date.now()
      await apply(name, podYaml(name, `e2e-${h}`, 'sleep 3600', 'Always'))
      await waitFor(`${name} Running`, async () => (await phase(name)) === 'Running')
      timings[h] = Date.now() - started
    }
    console.log(`apply → Running (ms, one run each, kubectl apply + polling every 100 ms): ${JSON.stringify(timings)}`)
    for (const h of HANDLERS) assert.match(await k.ok(['delete', 'pod', `timing-${h}`, '--timeout=60s']), /deleted/)
    assert.equal((await k.ok(['get', 'pods', '-o', 'name', '--field-selector', 'status.phase=Running'])).trim(), '')
  })
})
