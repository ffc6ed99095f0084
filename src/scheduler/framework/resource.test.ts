/** Pod requests as scheduler.md §1 computes them: containers, init max with sidecars, pod-level, overhead. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { podRequests, type PodSpecForResources } from './resource.ts'

const c = (cpu?: string, memory?: string, restartPolicy?: string) => ({
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
  ...(restartPolicy ? { restartPolicy } : {}),
})
const Mi = 1024 * 1024

const cases: { name: string; spec: PodSpecForResources; nonZero?: boolean; want: Record<string, number> }[] = [
  {
    name: 'scheduler.md example: 500m + 1500m CPU, 100Mi + 100Mi, overhead 250m/120Mi → 2250m and 320Mi',
    spec: { containers: [c('500m', '100Mi'), c('1500m', '100Mi')], overhead: { cpu: '250m', memory: '120Mi' } },
    want: { milliCPU: 2250, memory: 320 * Mi },
  },
  { name: 'no overhead: plain sum', spec: { containers: [c('500m', '100Mi'), c('1500m', '100Mi')] }, want: { milliCPU: 2000, memory: 200 * Mi } },
  {
    name: 'an init container larger than the sum wins',
    spec: { initContainers: [c('3', '10Mi')], containers: [c('1', '50Mi')] },
    want: { milliCPU: 3000, memory: 50 * Mi },
  },
  {
    name: 'sidecars add to the steady state and to later init steps',
    spec: { initContainers: [c('1', undefined, 'Always'), c('2')], containers: [c('500m')] },
    want: { milliCPU: 3000, memory: 0 },
  },
  {
    name: 'sidecar steady state beats the init step',
    spec: { initContainers: [c('2'), c('1', undefined, 'Always')], containers: [c('1500m')] },
    want: { milliCPU: 2500, memory: 0 },
  },
  {
    name: 'pod-level requests override cpu/memory; overhead still added',
    spec: { resources: { requests: { cpu: '3' } }, containers: [c('1', '1Mi')], overhead: { cpu: '100m' } },
    want: { milliCPU: 3100, memory: 1 * Mi },
  },
  {
    name: 'scoring requests fill in 100m / 200Mi for containers that request nothing',
    spec: { containers: [c(), c('1')], overhead: { memory: '1Mi' } },
    nonZero: true,
    want: { milliCPU: 1100, memory: 401 * Mi },
  },
]

for (const tc of cases) {
  test(tc.name, () => {
    const r = podRequests(tc.spec, tc.nonZero)
    assert.deepEqual({ milliCPU: r.milliCPU, memory: r.memory }, tc.want)
  })
}

test('extended resources and ephemeral storage are counted; unknown names ignored', () => {
  const r = podRequests({ containers: [{ resources: { requests: { 'example.com/beardsecond': '3', 'ephemeral-storage': '1Gi', foo: '1' } } }], overhead: { 'example.com/beardsecond': '1' } })
  assert.deepEqual([...r.scalar], [['example.com/beardsecond', 4]])
  assert.equal(r.ephemeralStorage, 1024 * Mi)
})
