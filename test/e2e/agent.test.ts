/**
 * The node agent on a real containerd (our supervisor, offline images, pod
 * cgroups on): pods run under their RuntimeClass's handler and prove it from
 * inside (kernel, rlimit, no_new_privs), an unconfigured handler fails the pod
 * with the event, the pod cgroup holds limits + overhead, an agent restart
 * keeps one sandbox per pod, and deletion removes everything. Needs root and
 * containerd; skips loudly otherwise (fails under CI=true).
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { release, tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { isNotFound } from '../../src/api/errors.ts'
import type { KubeObject } from '../../src/api/meta.ts'
import { ApiServer } from '../../src/apiserver/server.ts'
import { EVENTS, inProcessClient, NAMESPACES, PODS, RUNTIME_CLASSES, type ApiClient } from '../../src/client/index.ts'
import { ContainerdSupervisor } from '../../src/cri/containerd-supervisor.ts'
import { connectCri, type InstrumentedCriClient } from '../../src/cri/instrumented.ts'
import { ensureOfflineImages } from '../../src/images/ensure-images.ts'
import { startAgent, type Agent } from '../../src/kubelet/agent.ts'
import { POD_UID } from '../../src/kubelet/labels.ts'
import { MemoryStore } from '../../src/store/memory/memory-store.ts'
import { realContainerdUnavailable, waitFor } from './helpers/cri-pod.ts'

type Obj = Record<string, any>

const unavailable = realContainerdUnavailable()
if (unavailable) {
  console.error(`!!! SKIPPED test/e2e/agent.test.ts: ${unavailable}`)
  if (process.env.CI === 'true') throw new Error(`CI=true but real containerd tests cannot run: ${unavailable}`)
}

const quiet = { info: () => {}, debug: () => {}, warn: () => {}, error: () => {} }
const rand = Math.floor(Math.random() * 0xffff)
const BRIDGE = `rcag${rand.toString(16)}`
const SUBNET = `10.${200 + (rand % 50)}.${rand % 250}.0/24`
const NODE = 'e2e-node'

const pod = (name: string, runtimeClassName: string | undefined, script: string, extra: Obj = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: {
    nodeName: NODE,
    restartPolicy: 'Never',
    terminationGracePeriodSeconds: 2,
    ...(runtimeClassName ? { runtimeClassName } : {}),
    containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', script], ...extra }],
  },
})

describe('node agent on a real containerd', { skip: unavailable, timeout: 240_000 }, () => {
  let dir: string
  let sup: ContainerdSupervisor
  let cri: InstrumentedCriClient
  let client: ApiClient
  let agent: Agent
  let abort: AbortController
  const timings: Record<string, number> = {}

  const start = async () => {
    abort = new AbortController()
    agent = await startAgent({ client, cri, nodeName: NODE, handlers: sup.handlers, signal: abort.signal, log: quiet, dataDir: join(dir, 'agent'), timings: { plegMs: 200 } })
  }
  const get = (name: string) => client.get(PODS, name, 'default') as Promise<Obj>
  const phase = (name: string, want: string, ms = 30_000) => waitFor(`${name} ${want}`, async () => ((await get(name)).status?.phase === want ? get(name) : undefined), ms)
  const logs = async (p: Obj) => {
    let out = ''
    for await (const s of await agent.podLogs(p as KubeObject, new URLSearchParams('container=main'))) out += s
    return out
  }
  const runToEnd = async (name: string, cls: string | undefined, script: string) => {
    const t0 = performance.now()
    await client.create(PODS, pod(name, cls, script))
    const p = await phase(name, 'Succeeded')
    timings[name] = Math.round(performance.now() - t0)
    return logs(p)
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rc-agent-'))
    sup = new ContainerdSupervisor({ baseDir: join(dir, 'containerd'), bridge: BRIDGE, subnet: SUBNET })
    await sup.start()
    cri = connectCri(sup.socket, quiet)
    await ensureOfflineImages({ cri, socket: sup.socket, ctr: sup.ctr, cacheDir: join(dir, 'images') })
    client = inProcessClient(new ApiServer({ store: new MemoryStore() }))
    for (const ns of ['default', 'kube-node-lease']) await client.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } })
    for (const h of [...sup.handlers, 'no-such-handler']) {
      await client.create(RUNTIME_CLASSES, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: h }, handler: h })
    }
    await start()
  })

  after(async () => {
    abort?.abort()
    await agent?.stopped
    for (const s of (await cri?.listPodSandbox().catch(() => [])) ?? []) {
      await cri.stopPodSandbox(s.id, { timeoutMs: 15_000 }).catch(() => {})
      await cri.removePodSandbox(s.id, { timeoutMs: 15_000 }).catch(() => {})
    }
    cri?.close()
    await sup?.stop({ teardown: true })
    console.log(`apply -> Succeeded incl. logs (ms): ${JSON.stringify(timings)}`)
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('runc prints the host kernel', async () => {
    assert.equal(await runToEnd('k-runc', 'runc', 'uname -r'), `${release()}\n`)
  })

  it('runsc prints gVisor kernel, not the host one', { skip: !existsSync('/usr/bin/runsc') && 'runsc not installed' }, async () => {
    assert.equal(await runToEnd('k-runsc', 'runsc', 'uname -r'), '4.4.0\n')
  })

  it('crun runs (host kernel) and runc-hardened shows its rlimit and no_new_privs', async () => {
    if (sup.handlers.includes('crun')) assert.equal(await runToEnd('k-crun', 'crun', 'uname -r'), `${release()}\n`)
    assert.equal(await runToEnd('k-hardened', 'runc-hardened', 'ulimit -n; grep NoNewPrivs /proc/self/status'), '256\nNoNewPrivs:\t1\n')
  })

  it('an unconfigured handler fails the pod within seconds, with the event', async () => {
    const t0 = performance.now()
    await client.create(PODS, pod('bad', 'no-such-handler', 'true'))
    const p = await phase('bad', 'Failed', 10_000)
    timings.bad = Math.round(performance.now() - t0)
    const msg = 'failed to get sandbox runtime: no runtime for "no-such-handler" is configured'
    assert.equal(p.status.reason, 'RuntimeHandlerUnavailable')
    assert.equal(p.status.message, `Pod was rejected: ${msg}`)
    await agent.flushEvents()
    const events = await client.list(EVENTS, { namespace: 'default', fieldSelector: 'involvedObject.name=bad' })
    assert.deepEqual(events.items.map((e: Obj) => `${e.type} ${e.reason} ${e.message}`), [`Warning FailedCreatePodSandBox Failed to create pod sandbox: rpc error: code = Unknown desc = ${msg}`])
  })

  it('the pod cgroup holds limits + overhead', async () => {
    const p = pod('sized', 'runc', 'sleep 3600', { resources: { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '100m', memory: '100Mi' } } })
    ;(p.spec as Obj).overhead = { cpu: '200m', memory: '140Mi' }
    await client.create(PODS, p)
    const running = await phase('sized', 'Running')
    const base = `/sys/fs/cgroup/memory/kubepods/pod${running.metadata.uid}`
    assert.equal(readFileSync(`${base}/memory.limit_in_bytes`, 'utf8').trim(), '251658240')
    assert.equal(readFileSync(`/sys/fs/cgroup/cpu/kubepods/pod${running.metadata.uid}/cpu.cfs_quota_us`, 'utf8').trim(), '30000')
  })

  it('an agent restart leaves exactly one sandbox per pod; deletion removes sandbox and containers', async () => {
    const uid = (await get('sized')).metadata.uid
    abort.abort()
    await agent.stopped
    await start()
    await new Promise((r) => setTimeout(r, 1500))
    await agent.idle()
    const sandboxes = await cri.listPodSandbox({ label_selector: { [POD_UID]: uid } })
    assert.equal(sandboxes.filter((s) => s.state === 'SANDBOX_READY').length, 1)
    assert.equal(sandboxes.length, 1)
    assert.equal((await get('sized')).status.containerStatuses[0].ready, true)
    await client.delete(PODS, 'sized', { namespace: 'default' })
    await waitFor('sized removed', async () => {
      try {
        await get('sized')
        return undefined
      } catch (err) {
        return isNotFound(err) ? true : undefined
      }
    }, 30_000)
    assert.deepEqual(await cri.listPodSandbox({ label_selector: { [POD_UID]: uid } }), [])
    assert.deepEqual(await cri.listContainers({ label_selector: { [POD_UID]: uid } }), [])
  })
})
