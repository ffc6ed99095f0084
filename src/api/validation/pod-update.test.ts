import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fieldErrorText } from '../errors.ts'
import type { PodObject } from './pod.ts'
import { POD_UPDATE_FORBIDDEN, validatePodUpdate } from './pod-update.ts'

const old: PodObject = {
  metadata: { name: 'p', namespace: 'default', resourceVersion: '1' },
  spec: {
    containers: [{ name: 'app', image: 'busybox:1', resources: { requests: { cpu: '1' } } }],
    tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }],
    activeDeadlineSeconds: 100,
    runtimeClassName: 'gvisor',
  },
}
const withSpec = (spec: Record<string, unknown>): PodObject => ({ ...old, spec: { ...old.spec, ...spec } })

test('the forbidden-update message is upstream text', () => {
  assert.equal(
    `spec: Forbidden: ${POD_UPDATE_FORBIDDEN}`,
    'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
  )
})

const cases: { name: string; pod: PodObject; want: string[] }[] = [
  { name: 'unchanged', pod: old, want: [] },
  { name: 'image change', pod: withSpec({ containers: [{ name: 'app', image: 'busybox:2', resources: { requests: { cpu: '1' } } }] }), want: [] },
  { name: 'same quantity written differently', pod: withSpec({ containers: [{ name: 'app', image: 'busybox:1', resources: { requests: { cpu: '1000m' } } }] }), want: [] },
  { name: 'shorter deadline', pod: withSpec({ activeDeadlineSeconds: 50 }), want: [] },
  {
    name: 'longer deadline',
    pod: withSpec({ activeDeadlineSeconds: 200 }),
    want: ['spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value'],
  },
  {
    name: 'added toleration and changed tolerationSeconds',
    pod: withSpec({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }, { key: 'x', operator: 'Exists' }] }),
    want: [],
  },
  {
    name: 'removed toleration',
    pod: withSpec({ tolerations: [] }),
    want: ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'],
  },
  { name: 'runtimeClassName change', pod: withSpec({ runtimeClassName: 'kata' }), want: [`spec: Forbidden: ${POD_UPDATE_FORBIDDEN}`] },
  {
    name: 'added container',
    pod: withSpec({ containers: [{ name: 'app', image: 'a' }, { name: 'b', image: 'b' }] }),
    want: ['spec.containers: Forbidden: pod updates may not add or remove containers'],
  },
  {
    name: 'image with whitespace',
    pod: withSpec({ containers: [{ name: 'app', image: ' busybox', resources: { requests: { cpu: '1' } } }] }),
    want: ['spec.containers[0].image: Invalid value: " busybox": must not have leading or trailing whitespace'],
  },
  {
    name: 'metadata rules apply',
    pod: { ...old, metadata: { name: 'p', namespace: 'default' } },
    want: ['metadata.resourceVersion: Invalid value: "": must be specified for an update'],
  },
]

for (const { name, pod, want } of cases) {
  test(`validatePodUpdate: ${name}`, () => assert.deepEqual(validatePodUpdate(pod, old).map(fieldErrorText), want))
}

test('terminationGracePeriodSeconds may go from negative to 1 only', () => {
  const negative = withSpec({ terminationGracePeriodSeconds: -1 })
  assert.deepEqual(validatePodUpdate({ ...negative, spec: { ...negative.spec, terminationGracePeriodSeconds: 1 } }, negative).map(fieldErrorText), [])
  assert.deepEqual(validatePodUpdate({ ...negative, spec: { ...negative.spec, terminationGracePeriodSeconds: 2 } }, negative).map(fieldErrorText), [
    `spec: Forbidden: ${POD_UPDATE_FORBIDDEN}`,
  ])
})
