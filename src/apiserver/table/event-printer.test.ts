import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { KubeObject } from '../../api/meta.ts'
import { printEvent } from './event-printer.ts'

const now = new Date('2026-11-22T17:00:00Z')
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
const agoMicro = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString().replace(/Z$/, '000Z')

const event = (name: string, fields: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default', creationTimestamp: ago(600) }, ...fields,
})

const eventCases: { name: string; event: KubeObject; cells: unknown[] }[] = [
  {
    name: 'repeated kubelet warning',
    event: event('web.17a', {
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{main}' },
      reason: 'BackOff', type: 'Warning', message: 'Back-off restarting failed container\n',
      source: { component: 'kubelet', host: 'n1' },
      firstTimestamp: ago(600), lastTimestamp: ago(120), count: 3,
    }),
    cells: ['2m', 'Warning', 'BackOff', 'pod/web', 'spec.containers{main}', 'kubelet, n1', 'Back-off restarting failed container', '10m', 3, 'web.17a'],
  },
  {
    name: 'events.k8s.io style singleton with only eventTime',
    event: event('web.17b', {
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
      reason: 'Scheduled', type: 'Normal', message: 'Successfully assigned default/web to n1',
      source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: agoMicro(300),
      reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-host',
    }),
    cells: ['5m', 'Normal', 'Scheduled', 'pod/web', '', 'default-scheduler, default-scheduler-host', 'Successfully assigned default/web to n1', '5m', 1, 'web.17b'],
  },
  {
    name: 'series overrides last seen and count',
    event: event('web.17c', {
      involvedObject: { kind: 'Pod', name: 'web' },
      reason: 'Unhealthy', type: 'Warning', message: 'probe failed',
      eventTime: agoMicro(3600), series: { count: 7, lastObservedTime: agoMicro(59) },
      reportingComponent: 'kubelet',
    }),
    cells: ['59s', 'Warning', 'Unhealthy', 'pod/web', '', 'kubelet', 'probe failed', '60m', 7, 'web.17c'],
  },
  {
    name: 'no timestamps at all, object without a name',
    event: event('x', { involvedObject: { kind: 'Node' }, reason: 'R', type: 'Normal', message: 'm' }),
    cells: ['<unknown>', 'Normal', 'R', 'node', '', '', 'm', '<unknown>', 1, 'x'],
  },
  {
    name: 'only lastTimestamp missing falls back to firstTimestamp',
    event: event('y', { involvedObject: { kind: 'RuntimeClass', name: 'runc' }, reason: 'R', type: 'Normal', message: 'm', firstTimestamp: ago(7200), count: 1 }),
    cells: ['120m', 'Normal', 'R', 'runtimeclass/runc', '', '', 'm', '120m', 1, 'y'],
  },
]

for (const { name, event: e, cells } of eventCases) {
  test(`event row: ${name}`, () => assert.deepEqual(printEvent(e, now).cells, cells))
}
