/**
 * Pod lifecycle on the node agent (fake CRI, real in-process apiserver):
 * CrashLoopBackOff, restartPolicy Never/OnFailure, init containers in order,
 * graceful deletion, and restart safety (adoption without duplicates, removal
 * of deleted pods' sandboxes), plus logs through `podLogs`.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isNotFound } from '../api/errors.ts'
import { PODS } from '../client/index.ts'
import { harness, pod, until, type Harness } from './testing/agent-harness.ts'
import { POD_UID } from './labels.ts'

type Obj = Record<string, any>

const phaseOf = async (h: Harness, name: string, phase: string) =>
  until(`${name} ${phase}`, async () => {
    const p = await h.getPod(name)
    return p.status?.phase === phase && p
  })

const collect = async (it: AsyncIterable<string>) => {
  let out = ''
  for await (const s of it) out += s
  return out
}

describe('pod lifecycle', () => {
  let h: Harness
  before(async () => {
    h = await harness()
    // Containers named crash* exit 1 at once, done* exit 0, init* exit 0.
    h.cri.onStart = (id, cfg) => {
      const code = cfg.metadata.name.startsWith('crash') ? 1 : cfg.metadata.name.startsWith('done') || cfg.metadata.name.startsWith('init') ? 0 : undefined
      if (code !== undefined) setImmediate(() => h.cri.exit(id, code))
    }
  })
  after(() => h.stop())

  test('restartPolicy Always: restarts with growing backoff, CrashLoopBackOff and BackOff events', async () => {
    await h.client.create(PODS, pod('crasher', {}, { name: 'crash' }))
    const p = await until('crash loop', async () => {
      const p = await h.getPod('crasher')
      const cs = p.status?.containerStatuses?.[0]
      return cs?.restartCount >= 2 && cs.state.waiting?.reason === 'CrashLoopBackOff' && p
    })
    const cs = p.status!.containerStatuses[0]
    assert.match(cs.state.waiting.message, /^back-off \d+s restarting failed container=crash pod=crasher_default\(.+\)$/)
    assert.equal(cs.lastState.terminated.exitCode, 1)
    assert.equal(cs.lastState.terminated.reason, 'Error')
    assert.equal(p.status!.phase, 'Running')
    const events = await h.events('crasher')
    assert.ok(events.some((e) => /^Warning BackOff Back-off restarting failed container crash in pod crasher_default\(/.test(e)), events.join('\n'))
    assert.deepEqual(h.cri.byName('crash').map((c) => c.config.log_path).slice(-2), [`crash/${cs.restartCount - 1}.log`, `crash/${cs.restartCount}.log`].slice(-2))
    await h.client.delete(PODS, 'crasher', { namespace: 'default', gracePeriodSeconds: 0 })
  })

  for (const { name, container, policy, want, exitCode } of [
    { name: 'never-ok', container: 'done', policy: 'Never', want: 'Succeeded', exitCode: 0 },
    { name: 'never-fail', container: 'crash', policy: 'Never', want: 'Failed', exitCode: 1 },
    { name: 'onfailure-ok', container: 'done', policy: 'OnFailure', want: 'Succeeded', exitCode: 0 },
  ]) {
    test(`restartPolicy ${policy}, exit ${exitCode} → ${want}`, async () => {
      await h.client.create(PODS, pod(name, { restartPolicy: policy }, { name: container }))
      const p = await phaseOf(h, name, want)
      const cs = p.status!.containerStatuses[0]
      assert.equal(cs.state.terminated.exitCode, exitCode)
      assert.equal(cs.restartCount, 0)
      assert.deepEqual(
        p.status!.conditions.filter((c: Obj) => c.type === 'Ready').map((c: Obj) => `${c.status} ${c.reason}`),
        [want === 'Succeeded' ? 'False PodCompleted' : 'False ContainersNotReady'],
      )
      // A finished pod's sandbox is stopped (kept for logs) once the phase is written.
      await until('sandbox stopped', () => [...h.cri.sandboxes.values()].some((s) => s.config.metadata.name === name && s.sandbox.state === 'SANDBOX_NOTREADY'))
    })
  }

  test('init containers run to completion in order before the app container', async () => {
    await h.client.create(PODS, pod('inits', { initContainers: [{ name: 'init-a', image: 'busybox' }, { name: 'init-b', image: 'busybox' }] }))
    const p = await phaseOf(h, 'inits', 'Running')
    const order = h.cri.calls.filter((c) => /^createContainer (init-a|init-b|main) /.test(c)).slice(-3)
    assert.deepEqual(order, ['createContainer init-a 0', 'createContainer init-b 0', 'createContainer main 0'])
    assert.deepEqual(p.status!.initContainerStatuses.map((s: Obj) => `${s.name} ${s.state.terminated?.reason}`), ['init-a Completed', 'init-b Completed'])
  })

  test('graceful deletion: Killing with the remaining grace, sandbox removed, object gone', async () => {
    await h.client.create(PODS, pod('deleteme', { terminationGracePeriodSeconds: 20 }))
    const p = await phaseOf(h, 'deleteme', 'Running')
    await h.client.delete(PODS, 'deleteme', { namespace: 'default' })
    await until('pod object removed', async () => {
      try {
        await h.getPod('deleteme')
        return false
      } catch (err) {
        return isNotFound(err)
      }
    })
    const stop = h.cri.calls.find((c) => c.startsWith('stopContainer'))
    assert.match(stop ?? '', /^stopContainer c\d+ (19|20)$/)
    assert.equal([...h.cri.sandboxes.values()].filter((s) => s.config.metadata.uid === p.metadata.uid).length, 0)
    const events = await h.events('deleteme')
    assert.ok(events.includes('Normal Killing Stopping container main'), events.join('\n'))
  })

  test('logs: current, tail, previous', async () => {
    await h.client.create(PODS, pod('logger'))
    const p = await phaseOf(h, 'logger', 'Running')
    const dir = join(h.dataDir, 'pods', `default_logger_${p.metadata.uid}`, 'main')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, '0.log'), '2024-01-01T00:00:00.1Z stdout F hello\n2024-01-01T00:00:00.2Z stderr F world\n')
    const q = (s: string) => new URLSearchParams(`container=main&${s}`)
    assert.equal(await collect(await h.agent.podLogs(p, q(''))), 'hello\nworld\n')
    assert.equal(await collect(await h.agent.podLogs(p, q('tailLines=1&timestamps=true'))), '2024-01-01T00:00:00.2Z world\n')
    await assert.rejects(h.agent.podLogs(p, q('previous=true')), { message: 'previous terminated container "main" in pod "logger" not found' })
  })
})

describe('restart safety', () => {
  test('a new agent adopts running pods without duplicates and removes those of deleted pods', async () => {
    const h = await harness()
    try {
      await h.client.create(PODS, pod('keep'))
      const p = await phaseOf(h, 'keep', 'Running')
      h.abort.abort()
      await h.agent.stopped
      // While the agent was down: a duplicate sandbox appeared for `keep`, and a pod was deleted.
      const dup = await h.cri.runPodSandbox({ metadata: { name: 'keep', namespace: 'default', uid: p.metadata.uid!, attempt: 1 }, labels: { [POD_UID]: p.metadata.uid!, 'runclass.dev/node-name': 'node-a' } }, '')
      const orphan = await h.cri.runPodSandbox({ metadata: { name: 'gone', namespace: 'default', uid: 'gone-uid', attempt: 0 }, labels: { [POD_UID]: 'gone-uid', 'io.kubernetes.pod.name': 'gone', 'io.kubernetes.pod.namespace': 'default', 'runclass.dev/node-name': 'node-a' } }, '')
      const foreign = await h.cri.runPodSandbox({ metadata: { name: 'x', namespace: 'default', uid: 'other-uid', attempt: 0 }, labels: { [POD_UID]: 'other-uid', 'runclass.dev/node-name': 'node-b' } }, '')
      const sandboxesBefore = h.cri.calls.filter((c) => c.startsWith('runPodSandbox')).length
      const containersBefore = h.cri.calls.filter((c) => c.startsWith('createContainer')).length
      await h.start()
      await until('orphan removed', () => !h.cri.sandboxes.has(orphan))
      await until('one sandbox for keep', () => [...h.cri.sandboxes.values()].filter((s) => s.config.metadata.uid === p.metadata.uid).length === 1)
      assert.ok(h.cri.sandboxes.has(foreign), "another node's sandbox is left alone")
      await h.agent.idle()
      const kept = [...h.cri.sandboxes.values()].filter((s) => s.config.metadata.uid === p.metadata.uid)
      assert.equal(kept.length, 1)
      assert.ok(kept[0].sandbox.id === dup || h.cri.byName('main', 'CONTAINER_RUNNING').some((c) => c.container.pod_sandbox_id === kept[0].sandbox.id))
      assert.equal(h.cri.calls.filter((c) => c.startsWith('runPodSandbox')).length, sandboxesBefore, 'no new sandbox')
      const after = await h.getPod('keep')
      assert.equal(after.status!.phase, 'Running')
      assert.equal(after.status!.containerStatuses[0].restartCount, 0)
      assert.equal(after.status!.containerStatuses[0].ready, true)
      assert.ok(h.cri.calls.filter((c) => c.startsWith('createContainer')).length - containersBefore <= 1)
    } finally {
      await h.stop()
    }
  })
})
