/**
 * Default RuntimeClasses on a real `runclass up`: from a clean data dir it
 * creates one managed class per handler the node reports (gvisor for runsc),
 * each selecting that handler's node label with an overhead; a user's edit of
 * a managed class and a user's own class under a default name survive a
 * restart on the same dir; `--no-default-runtimeclasses` creates none. Needs
 * root, containerd and kubectl 1.33; skips loudly otherwise (fails under CI=true).
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { compareQuantities } from '../../src/api/quantity/quantity.ts'
import { Kubectl, requireKubectl } from '../helpers/kubectl.ts'
import { startRunclass, type RunclassProcess } from '../helpers/runclass-process.ts'
import { realContainerdUnavailable } from './helpers/cri-pod.ts'

const unavailable = realContainerdUnavailable()
if (unavailable) {
  console.error(`!!! SKIPPED test/e2e/default-runtimeclasses.test.ts: ${unavailable}`)
  if (process.env.CI === 'true') throw new Error(`CI=true but real containerd tests cannot run: ${unavailable}`)
}
const kc = unavailable ? undefined : requireKubectl(33)
const skip = unavailable ?? (kc && 'skip' in kc ? kc.skip : false)

const PREFIX = 'runtime-handler.runclass.dev/'
const CLASS_NAME: Record<string, string> = { runsc: 'gvisor' }

interface RuntimeClass {
  metadata: { name: string; labels?: Record<string, string>; resourceVersion: string }
  handler: string
  overhead?: { podFixed: { memory: string; cpu: string } }
  scheduling?: { nodeSelector: Record<string, string> }
}

const up = (dir: string, ...extra: string[]) => startRunclass(['up', '--data-dir', dir, '--port', '0', '--host', '127.0.0.1', ...extra], 90_000)

const stop = async (rc: RunclassProcess | undefined) => {
  if (!rc || rc.child.exitCode !== null) return
  rc.child.kill('SIGTERM')
  const code = await Promise.race([rc.exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000))])
  if (code === 'timeout') rc.child.kill('SIGKILL')
}

const classes = async (k: Kubectl): Promise<Record<string, RuntimeClass>> => {
  const list = JSON.parse(await k.ok(['get', 'runtimeclasses', '-o', 'json'])) as { items: RuntimeClass[] }
  return Object.fromEntries(list.items.map((i) => [i.metadata.name, i]))
}

describe('default RuntimeClasses from runclass up', { skip, timeout: 240_000 }, () => {
  let dir: string
  let rc: RunclassProcess | undefined
  let k: Kubectl
  let handlers: string[]

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rc-default-rc-'))
    rc = await up(dir)
    k = new Kubectl((kc as { bin: string }).bin, rc.kubeconfig)
    const nodes = JSON.parse(await k.ok(['get', 'nodes', '-o', 'json'])) as { items: { metadata: { labels: Record<string, string> } }[] }
    handlers = Object.keys(nodes.items[0].metadata.labels).filter((l) => l.startsWith(PREFIX)).map((l) => l.slice(PREFIX.length)).sort()
  })

  after(async () => {
    await stop(rc)
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('creates one managed class per handler the node has, selecting its handler label', async () => {
    assert.ok(handlers.includes('runc') && handlers.includes('runc-hardened'), `node handlers: ${handlers}`)
    const got = await classes(k)
    const want = handlers.map((h) => CLASS_NAME[h] ?? h).sort()
    assert.deepEqual(Object.keys(got).sort(), want)
    assert.match(rc!.output(), new RegExp(`default RuntimeClasses created: ${want.join(', ')}`))
    for (const h of handlers) {
      const c = got[CLASS_NAME[h] ?? h]
      assert.deepEqual(
        { handler: c.handler, managedBy: c.metadata.labels?.['app.kubernetes.io/managed-by'], nodeSelector: c.scheduling?.nodeSelector },
        { handler: h, managedBy: 'runclass', nodeSelector: { [`${PREFIX}${h}`]: 'true' } },
      )
      assert.match(c.overhead!.podFixed.memory, /^\d+Mi$/)
      assert.match(c.overhead!.podFixed.cpu, /^\d+m$/)
    }
    if (got.gvisor) assert.equal(compareQuantities(got.gvisor.overhead!.podFixed.memory, got.runc.overhead!.podFixed.memory), 1)
    console.log(`default classes: ${want.map((n) => `${n}=${JSON.stringify(got[n].overhead?.podFixed)}`).join(' ')}`)
  })

  it("keeps a user's edit and a user's class under a default name across a restart", async () => {
    await k.ok(['label', 'runtimeclass', 'runc', 'team=platform'])
    const userName = CLASS_NAME.runsc && handlers.includes('runsc') ? 'gvisor' : 'runc-hardened'
    const userHandler = userName === 'gvisor' ? 'runsc' : 'runc-hardened'
    await k.ok(['delete', 'runtimeclass', userName])
    await k.ok(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: userName }, handler: userHandler }) })
    const before = await classes(k)

    await stop(rc)
    rc = await up(dir)
    k = new Kubectl(k.bin, rc.kubeconfig)
    const after = await classes(k)
    assert.doesNotMatch(rc.output(), /default RuntimeClasses created/)
    assert.equal(after.runc.metadata.labels?.team, 'platform')
    assert.deepEqual(after[userName], before[userName])
    assert.equal(after[userName].metadata.labels?.['app.kubernetes.io/managed-by'], undefined)
    assert.equal(after[userName].overhead, undefined)
    assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort())
  })
})

describe('runclass up --no-default-runtimeclasses', { skip, timeout: 120_000 }, () => {
  let dir: string
  let rc: RunclassProcess | undefined

  after(async () => {
    await stop(rc)
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('creates no RuntimeClass', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rc-no-default-rc-'))
    rc = await up(dir, '--no-default-runtimeclasses')
    const k = new Kubectl((kc as { bin: string }).bin, rc.kubeconfig)
    assert.deepEqual(await classes(k), {})
    assert.doesNotMatch(rc.output(), /default RuntimeClasses created/)
  })
})
