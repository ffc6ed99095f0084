/**
 * `runclass explain` against a real `runclass up` (control plane, node agent,
 * embedded containerd): a running runsc pod shows the gVisor proof, an
 * unschedulable pod shows one reason per node, a pod whose class names an
 * unknown handler shows the cause and the fix, and the same command runs as
 * `kubectl runclass …` through kubectl's plugin mechanism (bin/ on PATH).
 * Needs root and containerd; skips loudly otherwise (fails under CI=true).
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { release, tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { isAlreadyExists } from '../../src/api/errors.ts'
import type { KubeObject } from '../../src/api/meta.ts'
import { clientFromKubeconfig, PODS, RUNTIME_CLASSES } from '../../src/client/index.ts'
import { findRuntimes, SYSTEM_PATH } from '../../src/cri/handlers.ts'
import { requireKubectl } from '../helpers/kubectl.ts'
import { RUNCLASS_BIN, startRunclass, type RunclassProcess } from '../helpers/runclass-process.ts'
import { realContainerdUnavailable, waitFor } from './helpers/cri-pod.ts'

type Obj = Record<string, any>

const unavailable = realContainerdUnavailable()
if (unavailable) {
  console.error(`!!! SKIPPED test/e2e/explain.test.ts: ${unavailable}`)
  if (process.env.CI === 'true') throw new Error(`CI=true but real containerd tests cannot run: ${unavailable}`)
}
const noRunsc = findRuntimes(`${process.env.PATH ?? ''}:${SYSTEM_PATH}`).runsc ? undefined : 'runsc is not installed (apt-get install runsc)'
if (!unavailable && noRunsc) {
  console.error(`!!! SKIPPED the gVisor cases of test/e2e/explain.test.ts: ${noRunsc}`)
  if (process.env.CI === 'true') throw new Error(`CI=true but ${noRunsc}`)
}

const BIN_DIR = fileURLToPath(new URL('../../bin/', import.meta.url))
const rand = Math.floor(Math.random() * 0xffff)
const NODE = `explain-e2e-${rand.toString(16)}`

const pod = (name: string, runtimeClassName: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { runtimeClassName, terminationGracePeriodSeconds: 1, containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }] },
})

const run = (bin: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; out: string }> =>
  new Promise((resolve) => {
    execFile(bin, args, { env, timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as any).code ?? 1) : 0, out: stdout + stderr }))
  })

describe('runclass explain on a real cluster', { skip: unavailable, timeout: 240_000 }, () => {
  let dir: string
  let rc: RunclassProcess
  let client: ReturnType<typeof clientFromKubeconfig>
  const explain = (...args: string[]) => run(process.execPath, [RUNCLASS_BIN, 'explain', ...args, '--kubeconfig', rc.kubeconfig, '--data-dir', dir])
  const get = (name: string) => client.get(PODS, name, 'default') as Promise<Obj>

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rc-explain-'))
    rc = await startRunclass([
      'up', '--data-dir', dir, '--port', '0', '--host', '127.0.0.1', '--node-name', NODE,
      '--pod-subnet', `10.${150 + (rand % 40)}.${rand % 250}.0/24`, '--bridge', `rcex${rand.toString(16)}`, '--stop-pods-on-exit',
    ], 60_000)
    client = clientFromKubeconfig(rc.kubeconfig)
    const classes: Obj[] = [
      { metadata: { name: 'e2e-pinned' }, handler: 'runc', scheduling: { nodeSelector: { 'e2e.runclass.dev/pool': 'gpu' } } },
      { metadata: { name: 'e2e-bad' }, handler: 'nosuch' },
      ...(noRunsc ? [] : [{ metadata: { name: 'gvisor' }, handler: 'runsc' }]),
    ]
    for (const c of classes) {
      try {
        await client.create(RUNTIME_CLASSES, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', ...c } as KubeObject)
      } catch (err) {
        if (!isAlreadyExists(err)) throw err // a default class of the same name serves as well
      }
    }
    for (const [name, cls] of [['unsched', 'e2e-pinned'], ['badhandler', 'e2e-bad'], ...(noRunsc ? [] : [['sandboxed', 'gvisor']])]) {
      await client.create(PODS, pod(name, cls), { namespace: 'default' })
    }
  })

  after(async () => {
    client?.close()
    if (rc) {
      rc.child.kill('SIGTERM')
      await rc.exited
    }
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('a running runsc pod shows the whole chain and the gVisor proof', { skip: noRunsc }, async () => {
    await waitFor('sandboxed Running', async () => ((await get('sandboxed')).status?.phase === 'Running' ? true : undefined), 60_000, 200)
    const { code, out } = await explain('pod', 'sandboxed')
    assert.equal(code, 0, out)
    for (const want of [
      /^✔ RuntimeClass +gvisor$/m,
      /^✔ Handler +runsc$/m,
      new RegExp(`^✔ Scheduling +node ${NODE}$`, 'm'),
      new RegExp(`Normal Scheduled: Successfully assigned default/sandboxed to ${NODE}`),
      /^✔ containerd runtime +runtimes\.runsc$/m,
      new RegExp(`BinaryName ${dir}/containerd/bin/runsc-cri`),
      /^✔ Runtime binary .*runsc-cri\n {4}wrapper for \/\S+\/runsc$/m,
      /^✔ Sandbox +[0-9a-f]{12} SANDBOX_READY$/m,
      /^ {4}runtime_handler runsc$/m,
      new RegExp(`^✔ Isolation proof +gVisor: guest kernel 4\\.4\\.0, not the host's ${release().replace(/[.+]/g, '\\$&')}$`, 'm'),
      /^ {4}dmesg: .*Starting gVisor\.\.\.$/m,
    ]) assert.match(out, want)
    console.log(out)
  })

  it('an unschedulable pod shows one reason per node and the fix', async () => {
    await waitFor('unsched PodScheduled=False', async () => ((await get('unsched')).status?.conditions?.some((c: Obj) => c.type === 'PodScheduled' && c.status === 'False') ? true : undefined), 30_000, 100)
    const { code, out } = await explain('pod', 'unsched')
    assert.equal(code, 0, out)
    assert.match(out, /^✖ Scheduling +unschedulable: no node fits$/m)
    assert.match(out, /PodScheduled=False Unschedulable: 0\/1 nodes are available: 1 node\(s\) didn't match Pod's node affinity\/selector\./)
    assert.match(out, new RegExp(`^ {6}✖ ${NODE}: node\\(s\\) didn't match Pod's node affinity/selector\n {10}label e2e\\.runclass\\.dev/pool=gpu: node has no "e2e\\.runclass\\.dev/pool" label$`, 'm'))
    assert.match(out, /fix: +label a node \(kubectl label node <node> e2e\.runclass\.dev\/pool=gpu\) or change RuntimeClass "e2e-pinned" scheduling\.nodeSelector/)
    assert.match(out, /^– Node agent +not on a node$/m)
    console.log(out)
  })

  it('a pod whose class names an unknown handler shows the cause and the fix', async () => {
    await waitFor('badhandler Failed', async () => ((await get('badhandler')).status?.phase === 'Failed' ? true : undefined), 30_000, 100)
    const { code, out } = await explain('pod', 'badhandler')
    assert.equal(code, 0, out)
    assert.match(out, /^✖ Handler +nosuch\n {4}nodes reporting "nosuch": none\n {4}cause: no node reports runtime handler "nosuch"\n {4}fix: +fix the RuntimeClass handler: recreate RuntimeClass "e2e-bad" with a handler the node has \(.*runc.*\)/m)
    assert.match(out, new RegExp(`^✖ Node agent +${NODE}: Failed \\(RuntimeHandlerUnavailable\\)$`, 'm'))
    assert.match(out, /Warning FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "nosuch" is configured/)
    assert.match(out, /cause: the node's runtime has no handler "nosuch": failed to get sandbox runtime: no runtime for "nosuch" is configured/)
    assert.match(out, /^✖ containerd runtime +no runtimes\.nosuch in containerd$/m)
    console.log(out)
  })

  it('explain runtimeclass: which nodes can run it and why not', async () => {
    const { code, out } = await run(process.execPath, [RUNCLASS_BIN, 'explain', 'runtimeclass', 'e2e-pinned', '--kubeconfig', rc.kubeconfig])
    assert.equal(code, 0, out)
    assert.match(out, /^RuntimeClass e2e-pinned: 0\/1 node\(s\) can run it$/m)
    assert.match(out, new RegExp(`^✖ node ${NODE} +cannot run e2e-pinned: lacks label e2e\\.runclass\\.dev/pool=gpu$`, 'm'))
  })

  it('runs as `kubectl runclass explain pod …` through kubectl\'s plugin mechanism', async (t) => {
    const k = requireKubectl(33)
    if ('skip' in k) return t.skip(k.skip)
    const target = noRunsc ? 'badhandler' : 'sandboxed'
    if (!noRunsc) await waitFor('sandboxed Running', async () => ((await get('sandboxed')).status?.phase === 'Running' ? true : undefined), 60_000, 200)
    // Plugin lookup needs the plugin name first: kubectl stops looking at the first flag, so the kubeconfig comes from $KUBECONFIG.
    const env = { ...process.env, PATH: `${BIN_DIR}${delimiter}${process.env.PATH ?? ''}`, KUBECONFIG: rc.kubeconfig }
    const { code, out } = await run(k.bin, ['runclass', 'explain', 'pod', target, '-n', 'default'], env)
    assert.equal(code, 0, out)
    assert.match(out, new RegExp(`^Pod default/${target} \\(uid [0-9a-f-]+\\)$`, 'm'))
    if (noRunsc) assert.match(out, /^✖ Node agent/m)
    else assert.match(out, /^✔ Isolation proof +gVisor: guest kernel 4\.4\.0/m)
  })
})
