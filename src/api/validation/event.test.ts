import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fieldErrorText } from '../errors.ts'
import type { EventObject } from './event.ts'
import { validateEvent, validateEventUpdate } from './event.ts'

const event = (extra: Partial<EventObject> = {}, namespace = 'default'): EventObject => ({
  metadata: { name: 'pod.1', namespace },
  involvedObject: { kind: 'Pod', name: 'pod', namespace },
  reason: 'Scheduled',
  ...extra,
})

const cases: { name: string; input: EventObject; want: string[] }[] = [
  { name: 'valid old-style event', input: event(), want: [] },
  {
    name: 'involvedObject namespace mismatch',
    input: event({ involvedObject: { kind: 'Pod', name: 'pod', namespace: 'other' } }),
    want: ['involvedObject.namespace: Invalid value: "other": does not match event.namespace'],
  },
  { name: 'cluster-scoped object in default namespace', input: event({ involvedObject: { kind: 'Node', name: 'n' } }), want: [] },
  {
    name: 'new-style event needs reporting fields',
    input: event({ eventTime: '2026-01-01T00:00:00.000000Z', reason: '' }),
    want: [
      'reportingComponent: Required value',
      "reportingComponent: Invalid value: \"\": name part must be non-empty",
      "reportingComponent: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'reportingInstance: Required value',
      'action: Required value',
      'reason: Required value',
    ],
  },
  {
    name: 'reason too long',
    input: event({ eventTime: '2026-01-01T00:00:00.000000Z', reportingComponent: 'kubelet', reportingInstance: 'n', action: 'Run', reason: 'r'.repeat(129) }),
    want: ['reason: Invalid value: "": can have at most 128 characters'],
  },
  { name: 'metadata checked after the event rules', input: { ...event(), metadata: { name: 'a/b', namespace: 'default' } }, want: ['metadata.name: Invalid value: "a/b": may not contain \'/\''] },
]
for (const { name, input, want } of cases) {
  test(`validateEvent: ${name}`, () => assert.deepEqual(validateEvent(input).map(fieldErrorText), want))
}

test('validateEventUpdate: metadata update rules', () => {
  const old = { ...event(), metadata: { name: 'pod.1', namespace: 'default', resourceVersion: '1' } }
  assert.deepEqual(validateEventUpdate(event(), old).map(fieldErrorText), ['metadata.resourceVersion: Invalid value: "": must be specified for an update'])
})
