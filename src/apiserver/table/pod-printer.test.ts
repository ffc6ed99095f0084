import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { KubeObject } from '../../api/meta.ts'
import { printPod } from './pod-printer.ts'

const now = new Date('2026-11-22T17:00:00Z')
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')

const running = { running: { startedAt: ago(500) } }
const pod = (name: string, spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', creationTimestamp: ago(600), ...meta },
  spec: { containers: [{ name: 'main', image: 'busybox' }], ...spec },
  status,
})

const cases: { name: string; pod: KubeObject; cells: unknown[]; conditions?: unknown }[] = [
  {
    name: 'running and ready',
    pod: pod('web', { nodeName: 'n1' }, {
      phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }],
      conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'main', ready: true, restartCount: 0, state: running }],
    }),
    cells: ['web', '1/1', 'Running', '0', '10m', '10.0.0.5', 'n1', '<none>', '<none>'],
  },
  {
    name: 'crash looping with restarts',
    pod: pod('crash', { nodeName: 'n1' }, {
      phase: 'Running',
      containerStatuses: [{
        name: 'main', ready: false, restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(120) } },
      }],
    }),
    cells: ['crash', '0/1', 'CrashLoopBackOff', '3 (2m ago)', '10m', '<none>', 'n1', '<none>', '<none>'],
  },
  {
    name: 'first init container still running',
    pod: pod('init', { initContainers: [{ name: 'setup' }], nodeName: 'n1' }, {
      phase: 'Pending',
      conditions: [{ type: 'Initialized', status: 'False' }],
      initContainerStatuses: [{ name: 'setup', ready: false, restartCount: 0, state: running }],
      containerStatuses: [{ name: 'main', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    }),
    cells: ['init', '0/1', 'Init:0/1', '0', '10m', '<none>', 'n1', '<none>', '<none>'],
  },
  {
    name: 'init container crash looping counts its restarts',
    pod: pod('initcrash', { initContainers: [{ name: 'a' }, { name: 'b' }] }, {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'a', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        { name: 'b', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(30) } } },
      ],
    }),
    cells: ['initcrash', '0/1', 'Init:CrashLoopBackOff', '2 (30s ago)', '10m', '<none>', '<none>', '<none>', '<none>'],
  },
  {
    name: 'init container failed without a reason',
    pod: pod('initfail', { initContainers: [{ name: 'a' }] }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'a', restartCount: 0, state: { terminated: { exitCode: 3 } } }],
    }),
    cells: ['initfail', '0/1', 'Init:ExitCode:3', '0', '10m', '<none>', '<none>', '<none>', '<none>'],
  },
  {
    name: 'being deleted',
    pod: pod('gone', { nodeName: 'n1' }, {
      phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'main', ready: true, restartCount: 0, state: running }],
    }, { deletionTimestamp: ago(-30) }),
    cells: ['gone', '1/1', 'Terminating', '0', '10m', '<none>', 'n1', '<none>', '<none>'],
  },
  {
    name: 'on a lost node',
    pod: pod('lost', { nodeName: 'n1' }, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: ago(-30) }),
    cells: ['lost', '0/1', 'Unknown', '0', '10m', '<none>', 'n1', '<none>', '<none>'],
  },
  {
    name: 'completed',
    pod: pod('job', { nodeName: 'n1', restartPolicy: 'Never' }, {
      phase: 'Succeeded',
      containerStatuses: [{ name: 'main', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
    }),
    cells: ['job', '0/1', 'Completed', '0', '10m', '<none>', 'n1', '<none>', '<none>'],
    conditions: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
  },
  {
    name: 'failed, killed by a signal',
    pod: pod('killed', {}, {
      phase: 'Failed',
      containerStatuses: [{ name: 'main', restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }],
    }),
    cells: ['killed', '0/1', 'Signal:9', '0', '10m', '<none>', '<none>', '<none>', '<none>'],
    conditions: [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }],
  },
  {
    name: 'pending, not scheduled',
    pod: pod('wait', {}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] }),
    cells: ['wait', '0/1', 'Pending', '0', '10m', '<none>', '<none>', '<none>', '<none>'],
  },
  {
    name: 'scheduling gated',
    pod: pod('gated', { schedulingGates: [{ name: 'g' }] }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
    cells: ['gated', '0/1', 'SchedulingGated', '0', '10m', '<none>', '<none>', '<none>', '<none>'],
  },
  {
    name: 'pod with a RuntimeHandler rejection reason',
    pod: pod('rejected', { nodeName: 'n1' }, { phase: 'Failed', reason: 'RuntimeHandlerUnavailable' }),
    cells: ['rejected', '0/1', 'RuntimeHandlerUnavailable', '0', '10m', '<none>', 'n1', '<none>', '<none>'],
    conditions: [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }],
  },
  {
    name: 'sidecar counts towards ready; completed main still running reads Running',
    pod: pod('side', { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'a' }, { name: 'b' }], nodeName: 'n1', readinessGates: [{ conditionType: 'x' }, { conditionType: 'y' }] }, {
      phase: 'Running',
      podIPs: [{ ip: 'fd00::1' }],
      nominatedNodeName: 'n2',
      conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }, { type: 'x', status: 'True' }, { type: 'y', status: 'False' }],
      initContainerStatuses: [{ name: 'proxy', started: true, ready: true, restartCount: 1, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(400) } } }],
      containerStatuses: [
        { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        { name: 'b', ready: true, restartCount: 0, state: running },
      ],
    }),
    cells: ['side', '2/3', 'Running', '1 (6m40s ago)', '10m', 'fd00::1', 'n1', 'n2', '1/2'],
  },
]

for (const { name, pod: p, cells, conditions } of cases) {
  test(`pod row: ${name}`, () => {
    const row = printPod(p, now)
    assert.deepEqual(row.cells, cells)
    assert.deepEqual(row.conditions, conditions)
  })
}
