import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fieldErrorText, invalidObject } from '../errors.ts'
import type { PodObject } from './pod.ts'
import { validatePod } from './pod.ts'

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

const container = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'busybox', ...extra })
const pod = (spec: Record<string, unknown> = {}, metadata: PodObject['metadata'] = { name: 'p', namespace: 'default' }): PodObject => ({
  metadata,
  spec: { containers: [container()], ...spec },
})

const cases: { name: string; pod: PodObject; want: string[] }[] = [
  { name: 'valid', pod: pod(), want: [] },
  { name: 'no namespace', pod: pod({}, { name: 'p' }), want: ['metadata.namespace: Required value'] },
  { name: 'no containers', pod: pod({ containers: [] }), want: ['spec.containers: Required value'] },
  { name: 'container without image', pod: pod({ containers: [{ name: 'app' }] }), want: ['spec.containers[0].image: Required value'] },
  { name: 'container without name', pod: pod({ containers: [{ image: 'x' }] }), want: ['spec.containers[0].name: Required value'] },
  { name: 'container name not a label', pod: pod({ containers: [container({ name: 'App' })] }), want: [`spec.containers[0].name: Invalid value: "App": ${LABEL}`] },
  { name: 'duplicate container names', pod: pod({ containers: [container(), container()] }), want: ['spec.containers[1].name: Duplicate value: "app"'] },
  {
    name: 'init container clashing with a container',
    pod: pod({ initContainers: [container(), container({ name: 'init', image: '' })] }),
    want: ['spec.initContainers[0].name: Duplicate value: "app"', 'spec.initContainers[1].image: Required value'],
  },
  {
    name: 'restartPolicy',
    pod: pod({ restartPolicy: 'Sometimes' }),
    want: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
  },
  {
    name: 'dnsPolicy',
    pod: pod({ dnsPolicy: 'Bad' }),
    want: ['spec.dnsPolicy: Unsupported value: "Bad": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
  },
  { name: 'empty runtimeClassName', pod: pod({ runtimeClassName: '' }), want: [`spec.runtimeClassName: Invalid value: "": ${SUBDOMAIN}`] },
  { name: 'runtimeClassName with capitals', pod: pod({ runtimeClassName: 'Kata' }), want: [`spec.runtimeClassName: Invalid value: "Kata": ${SUBDOMAIN}`] },
  { name: 'valid runtimeClassName', pod: pod({ runtimeClassName: 'gvisor.example' }), want: [] },
  {
    name: 'overhead',
    pod: pod({ overhead: { cpu: '-100m', 'hugepages-2Mi': '2Mi', 'example.com/gpu': '1500m' } }),
    want: [
      'spec.overhead.limits[cpu]: Invalid value: "-100m": must be greater than or equal to 0',
      'spec.overhead.limits[example.com/gpu]: Invalid value: "1500m": must be an integer',
    ],
  },
  { name: 'hugepages overhead alone', pod: pod({ overhead: { 'hugepages-1Gi': '1Gi' } }), want: ['spec.overhead: Forbidden: HugePages require cpu or memory'] },
  {
    name: 'request above limit',
    pod: pod({ containers: [container({ resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } })] }),
    want: ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
  },
  {
    name: 'extended resource request must equal limit and needs one',
    pod: pod({ containers: [container({ resources: { limits: { 'example.com/gpu': '2' }, requests: { 'example.com/gpu': '1', 'example.com/fpga': '1' } } })] }),
    want: [
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2',
      'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
    ],
  },
  {
    name: 'bad resource name',
    pod: pod({ containers: [container({ resources: { requests: { pods: '1' } } })] }),
    want: ['spec.containers[0].resources.requests[pods]: Invalid value: "pods": must be a standard resource for containers'],
  },
  {
    name: 'ports',
    pod: pod({ containers: [container({ ports: [{ containerPort: 0 }, { containerPort: 70000, protocol: 'ICMP' }, { name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] }),
    want: [
      'spec.containers[0].ports[0].containerPort: Required value',
      'spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].ports[3].name: Duplicate value: "http"',
    ],
  },
  {
    name: 'env names',
    pod: pod({ containers: [container({ env: [{ name: 'OK' }, { name: '' }] })] }),
    want: [
      'spec.containers[0].env[1].name: Required value',
      "spec.containers[0].env[1].name: Invalid value: \"\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ],
  },
  {
    name: 'tolerations and nodeSelector',
    pod: pod({ nodeSelector: { 'a/b/c': 'x' }, tolerations: [{ operator: 'Equal' }] }),
    want: [
      "spec.nodeSelector: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ],
  },
  {
    name: 'activeDeadlineSeconds and preemptionPolicy',
    pod: pod({ activeDeadlineSeconds: 0, preemptionPolicy: 'Always' }),
    want: [
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
      'spec.preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"',
    ],
  },
]

for (const { name, pod: input, want } of cases) {
  test(`validatePod: ${name}`, () => assert.deepEqual(validatePod(input).map(fieldErrorText), want))
}

test('Pod envelope has no group', () => {
  const err = invalidObject({ group: '', kind: 'Pod' }, 'p', validatePod(pod({ runtimeClassName: '' })))
  assert.equal(err.message, `Pod "p" is invalid: spec.runtimeClassName: Invalid value: "": ${SUBDOMAIN}`)
  assert.equal(err.status.details?.kind, 'Pod')
  assert.equal(err.status.details?.group, undefined)
})
