/**
 * The runtime side on real components: our supervisor starts Debian's
 * containerd in a temp dir with the generated config, the offline images are
 * built and imported, and for each installed handler a pod (sandbox + busybox
 * container logging through CRI) runs and proves which runtime ran it. Needs
 * root and containerd; skips loudly otherwise (fails under CI=true). Cleans up
 * pods, containerd, mounts and its own bridge even when a test fails.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { release, tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { ContainerdSupervisor } from '../../src/cri/containerd-supervisor.ts'
import { CriError } from '../../src/cri/errors.ts'
import { linkExists, mountsUnder } from '../../src/cri/host-cleanup.ts'
import { connectCri, type InstrumentedCriClient } from '../../src/cri/instrumented.ts'
import { ensureOfflineImages } from '../../src/images/ensure-images.ts'
import { BUSYBOX_IMAGE, PAUSE_IMAGE } from '../../src/images/names.ts'
import { busyboxContainer, podConfig, readCriLog, realContainerdUnavailable, waitFor } from './helpers/cri-pod.ts'

const run = promisify(execFile)
const unavailable = realContainerdUnavailable()
if (unavailable) {
  console.error(`!!! SKIPPED test/e2e/cri.test.ts: ${unavailable}`)
  if (process.env.CI === 'true') throw new Error(`CI=true but real containerd tests cannot run: ${unavailable}`)
}

const quiet = { info: () => {}, debug: () => {} }
const rand = Math.floor(Math.random() * 0xffff)
const BRIDGE = `rce2e${rand.toString(16)}`
const SUBNET = `10.${150 + (rand % 50)}.${rand % 250}.0/24`

describe('CRI on a real containerd', { skip: unavailable, timeout: 120_000 }, () => {
  let dir: string
  let sup: ContainerdSupervisor
  let cri: InstrumentedCriClient
  const sandboxes: string[] = []
  const timings: Record<string, number> = {}

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rc-cri-'))
    sup = new ContainerdSupervisor({ baseDir: join(dir, 'containerd'), bridge: BRIDGE, subnet: SUBNET })
    const t0 = performance.now()
    await sup.start()
    console.log(`containerd ready in ${(performance.now() - t0).toFixed(0)} ms; handlers ${JSON.stringify(sup.handlers)}`)
    cri = connectCri(sup.socket, quiet)
    const img = await ensureOfflineImages({ cri, socket: sup.socket, ctr: sup.ctr, cacheDir: join(dir, 'images') })
    console.log(`offline images: built=${img.built} imported=${img.imported} in ${img.ms.toFixed(0)} ms`)
  })

  after(async () => {
    for (const id of sandboxes) {
      await cri?.stopPodSandbox(id, { timeoutMs: 15_000 }).catch(() => {})
      await cri?.removePodSandbox(id, { timeoutMs: 15_000 }).catch(() => {})
    }
    cri?.close()
    await sup?.stop({ teardown: true })
    if (Object.keys(timings).length) console.log(`RunPodSandbox -> RUNNING (ms): ${JSON.stringify(timings)}`)
    const leftover = dir ? mountsUnder(dir) : []
    const bridgeLeft = linkExists(BRIDGE)
    if (dir) await rm(dir, { recursive: true, force: true })
    assert.deepEqual({ leftover, bridgeLeft }, { leftover: [], bridgeLeft: false })
  })

  it('reports the handlers of the installed runtimes, sorted', () => {
    assert.deepEqual(sup.handlers, sup.handlerSpecs.map((h) => h.name))
    assert.ok(sup.handlers.includes('runc') && sup.handlers.includes('runc-hardened'))
  })

  it('has the offline images under every name, so busybox resolves without a pull', async () => {
    const busybox = await cri.imageStatus('busybox')
    assert.ok(busybox)
    assert.deepEqual(
      [...busybox.repo_tags].sort(),
      ['docker.io/library/busybox:1.35', 'docker.io/library/busybox:latest', BUSYBOX_IMAGE],
    )
    assert.equal((await cri.imageStatus('busybox:latest'))?.id, busybox.id)
    assert.deepEqual((await cri.imageStatus(PAUSE_IMAGE))?.repo_tags, [PAUSE_IMAGE])
    assert.equal(await cri.imageStatus('docker.io/library/nginx:latest'), undefined)
  })

  /** Runs a pod under `handler`; returns what it logged and where its state lives. */
  const runPod = async (handler: string) => {
    const name = `pod-${handler}`
    const logDir = join(dir, 'logs', name)
    const config = podConfig(name, logDir)
    const t0 = performance.now()
    const id = await cri.runPodSandbox(config, handler)
    sandboxes.push(id)
    const ctr = await cri.createContainer(id, busyboxContainer('app', 'uname -r; ulimit -n; echo done; exec sleep 3600'), config)
    await cri.startContainer(ctr)
    await waitFor('container RUNNING', async () => ((await cri.containerStatus(ctr)).state === 'CONTAINER_RUNNING' ? true : undefined))
    timings[handler] = Math.round(performance.now() - t0)
    const lines = await waitFor('the log', async () => {
      const l = await readCriLog(join(logDir, 'app.log'))
      return l.includes('done') ? l : undefined
    })
    const { status, info } = await cri.podSandboxStatusVerbose(id)
    const verbose = JSON.parse(info.info) as { runtimeHandler: string; runtimeOptions: { root?: string } }
    assert.equal(status.runtime_handler, handler)
    assert.equal(verbose.runtimeHandler, handler)
    assert.ok(status.network?.ip.startsWith(SUBNET.split('.').slice(0, 3).join('.')), `pod ip ${status.network?.ip} in ${SUBNET}`)
    return { id, ctr, uname: lines[0], nofile: lines[1], root: verbose.runtimeOptions.root! }
  }

  const listed = async (binary: string, root: string): Promise<string> => (await run(binary, ['--root', join(root, 'k8s.io'), 'list'], { timeout: 10_000 })).stdout

  const spec = (handler: string) => sup.handlerSpecs.find((h) => h.name === handler)
  // The set-up installs every runtime, so under CI a missing handler is a failure, not a skip.
  const skipUnless = (handler: string) => {
    if (sup?.handlers.includes(handler)) return false
    if (process.env.CI === 'true') throw new Error(`${handler} is not installed (CI=true: scripts/setup.sh installs it)`)
    console.error(`\n!!! SKIPPED ${handler} case: ${handler} is not installed\n`)
    return `${handler} is not installed`
  }

  it('runc runs the pod on the host kernel', async (t) => {
    if (skipUnless('runc')) return t.skip('runc not installed')
    const pod = await runPod('runc')
    assert.equal(pod.uname, release())
    assert.notEqual(pod.nofile, '256')
    assert.equal(pod.root, join(sup.paths.ociRoot, 'runc'))
    const list = await listed('runc', pod.root)
    assert.ok(list.includes(pod.id) && list.includes(pod.ctr), list)
  })

  it('runc-hardened applies its base spec (RLIMIT_NOFILE 256) and its own state root', async () => {
    const pod = await runPod('runc-hardened')
    assert.equal(pod.nofile, '256')
    assert.equal(pod.uname, release())
    const list = await listed('runc', pod.root)
    assert.ok(list.includes(pod.ctr), list)
  })

  it('crun runs the pod (its own state root lists the container)', async (t) => {
    if (skipUnless('crun')) return t.skip('crun not installed')
    const pod = await runPod('crun')
    assert.equal(pod.uname, release())
    assert.equal(pod.root, join(sup.paths.ociRoot, 'crun'))
    const list = await listed(spec('crun')!.runtime, pod.root)
    assert.ok(list.includes(pod.ctr), list)
  })

  it('runsc runs the pod in gVisor (kernel 4.4.0, not the host)', async (t) => {
    if (skipUnless('runsc')) return t.skip('runsc not installed')
    const pod = await runPod('runsc')
    assert.equal(pod.uname, '4.4.0')
    const list = await listed(spec('runsc')!.runtime, pod.root)
    assert.ok(list.includes(pod.ctr), list)
  })

  it('an unknown handler fails at once with the runtime message', async () => {
    const t0 = performance.now()
    const err = await cri.runPodSandbox(podConfig('pod-unknown', join(dir, 'logs', 'unknown')), 'no-such').then(
      () => assert.fail('RunPodSandbox with an unknown handler succeeded'),
      (e: unknown) => e,
    )
    assert.ok(err instanceof CriError)
    assert.deepEqual(
      { code: err.code, method: err.method, message: err.message },
      {
        code: 'Unknown',
        method: 'RunPodSandbox',
        message: 'rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "no-such" is configured',
      },
    )
    assert.ok(performance.now() - t0 < 5_000)
  })

  it('restarts containerd after a crash and keeps the running pods', async () => {
    const before = (await cri.listPodSandbox({ state: 'SANDBOX_READY' })).map((p) => p.id).sort()
    const ready = once(sup, 'ready', { signal: AbortSignal.timeout(15_000) })
    const t0 = performance.now()
    process.kill(sup.pid!, 'SIGKILL')
    await ready
    console.log(`containerd restarted and ready ${(performance.now() - t0).toFixed(0)} ms after SIGKILL`)
    const after = await waitFor('pods listed after restart', async () => (await cri.listPodSandbox({ state: 'SANDBOX_READY' })).map((p) => p.id).sort())
    assert.deepEqual(after, before)
  })
})
