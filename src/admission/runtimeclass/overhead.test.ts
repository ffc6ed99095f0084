import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { KubeObject } from '../../api/meta.ts'
import { attrsFor, pod, statusOf } from '../testing.ts'
import { OVERHEAD_MISMATCH, OVERHEAD_WITHOUT_CLASS, setOverhead, validateOverhead } from './overhead.ts'
import type { ResourceList, RuntimeClassObject } from './pod-spec.ts'

type Quantities = Record<string, string>

// admission.md §8: "setOverhead" means {cpu: 100m, memory: 1}; guaranteed containers have requests = limits = {cpu: 1, memory: 10}.
const SMALL: Quantities = { cpu: '100m', memory: '1' }
const BIG: Quantities = { cpu: '10', memory: '10G' }
const GUARANTEED = { requests: { cpu: '1', memory: '10' }, limits: { cpu: '1', memory: '10' } }

const rc = (podFixed?: Quantities): RuntimeClassObject => ({ metadata: { name: 'foo' }, handler: 'bar', ...(podFixed ? { overhead: { podFixed } } : {}) })
const overheadPod = (overhead?: ResourceList, guaranteed = false): KubeObject => {
  const p = pod('mypod', overhead ? { overhead } : {})
  if (guaranteed) (p.spec as any).containers[0].resources = GUARANTEED
  return p
}
const forbiddenStatus = (why: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: `pods "mypod" is forbidden: ${why}`,
  reason: 'Forbidden',
  details: { name: 'mypod', kind: 'pods' },
  code: 403,
})

describe('setOverhead (TestSetOverhead)', () => {
  const cases = [
    { name: 'overhead, no container requirements', rc: rc(SMALL), pod: overheadPod(), want: SMALL },
    { name: 'overhead, guaranteed pod', rc: rc(SMALL), pod: overheadPod(undefined, true), want: SMALL },
    { name: 'overhead, pod with differing overhead already set', rc: rc(BIG), pod: overheadPod(SMALL), error: OVERHEAD_MISMATCH },
    { name: 'overhead, pod with same overhead already set', rc: rc(SMALL), pod: overheadPod(SMALL), want: SMALL },
    // Beyond upstream's table: numeric equality, empty = unset, and a class without podFixed.
    { name: 'numerically equal preset overhead is accepted', rc: rc({ cpu: '1', memory: '1Gi' }), pod: overheadPod({ cpu: '1000m', memory: '1073741824' }), want: { cpu: '1', memory: '1Gi' } },
    { name: 'a preset overhead with a different resource set is refused', rc: rc(SMALL), pod: overheadPod({ cpu: '100m' }), error: OVERHEAD_MISMATCH },
    { name: 'an empty preset overhead counts as unset and is overwritten', rc: rc(SMALL), pod: overheadPod({}), want: SMALL },
    { name: 'class podFixed quantities are written canonically', rc: rc({ cpu: '0.25', memory: '128Mi' }), pod: overheadPod(), want: { cpu: '250m', memory: '128Mi' } },
    { name: 'class overhead without podFixed clears the field', rc: { ...rc(), overhead: {} }, pod: overheadPod(), want: undefined },
    { name: 'class without overhead leaves the pod alone', rc: rc(), pod: overheadPod(SMALL), want: SMALL },
    { name: 'no class leaves the pod alone', rc: undefined, pod: overheadPod(), want: undefined },
  ]
  for (const c of cases) {
    test(c.name, async () => {
      if (c.error) {
        assert.deepEqual(await statusOf(() => setOverhead(attrsFor(c.pod), c.pod, c.rc)), forbiddenStatus(c.error))
        return
      }
      setOverhead(attrsFor(c.pod), c.pod, c.rc)
      assert.deepEqual((c.pod.spec as any).overhead, c.want)
    })
  }
})

describe('validateOverhead (TestValidateOverhead)', () => {
  const cases = [
    { name: 'Overhead part of RuntimeClass, no Overhead defined in pod', rc: rc(SMALL), overhead: undefined },
    { name: 'No Overhead in RuntimeClass, Overhead set in pod', rc: rc(), overhead: SMALL, error: OVERHEAD_WITHOUT_CLASS },
    { name: 'No RuntimeClass, Overhead set in pod', rc: undefined, overhead: SMALL, error: OVERHEAD_WITHOUT_CLASS },
    { name: 'No RuntimeClass, empty Overhead set in pod', rc: undefined, overhead: {} },
    { name: 'No RuntimeClass, no Overhead set in pod', rc: undefined, overhead: undefined },
    { name: 'Non-matching Overheads', rc: rc(BIG), overhead: SMALL, error: OVERHEAD_MISMATCH },
    { name: 'Non-matching Overheads, empty Overhead in pod', rc: rc(BIG), overhead: {} },
    { name: 'Non-matching Overheads, no Overhead in pod', rc: rc(BIG), overhead: undefined },
    { name: 'Matching Overheads', rc: rc(SMALL), overhead: SMALL },
  ]
  for (const c of cases) {
    test(c.name, async () => {
      const p = overheadPod(c.overhead)
      if (c.error) assert.deepEqual(await statusOf(() => validateOverhead(attrsFor(p), p, c.rc)), forbiddenStatus(c.error))
      else assert.equal(validateOverhead(attrsFor(p), p, c.rc), undefined)
    })
  }
})
