/** Pod phase (upstream getPhase table) and container status shapes. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { podPhase } from './pod-status.ts'

const running = { state: { running: {} } }
const waiting = { state: { waiting: { reason: 'ContainerCreating' } } }
const ok = { state: { terminated: { exitCode: 0 } } }
const failed = { state: { terminated: { exitCode: 1 } } }
const crashLoop = { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } }

describe('podPhase', () => {
  for (const { name, policy, init, app, want } of [
    { name: 'all running', policy: 'Always', init: [], app: [running, running], want: 'Running' },
    { name: 'one waiting', policy: 'Always', init: [], app: [running, waiting], want: 'Pending' },
    { name: 'crash loop counts as restarting', policy: 'Always', init: [], app: [crashLoop], want: 'Running' },
    { name: 'all exited 0, Never', policy: 'Never', init: [], app: [ok, ok], want: 'Succeeded' },
    { name: 'one failed, Never', policy: 'Never', init: [], app: [ok, failed], want: 'Failed' },
    { name: 'one failed, OnFailure', policy: 'OnFailure', init: [], app: [ok, failed], want: 'Running' },
    { name: 'all exited, Always', policy: 'Always', init: [], app: [ok], want: 'Running' },
    { name: 'init pending', policy: 'Always', init: [running], app: [waiting], want: 'Pending' },
    { name: 'init failed, Never', policy: 'Never', init: [failed], app: [waiting], want: 'Failed' },
    { name: 'init failed, Always', policy: 'Always', init: [crashLoop], app: [waiting], want: 'Pending' },
    { name: 'init done, app running', policy: 'Always', init: [ok], app: [running], want: 'Running' },
  ]) {
    test(name, () => assert.equal(podPhase({ restartPolicy: policy }, init, app), want))
  }
})
