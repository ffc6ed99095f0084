import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { StatusError } from '../../api/errors.ts'
import { updateManagedFields } from './managed-fields.ts'
import { applyConflictError, applyServerSide, type ApplyConflict } from './server-side-apply.ts'
import { POD, RUNTIME_CLASS, testDefs } from './testing-defs.ts'

const AV = 'node.k8s.io/v1'
const T1 = '2026-01-01T00:00:00Z'
const T2 = '2026-01-01T00:05:00Z'

const config = (extra: Record<string, unknown> = {}, labels: Record<string, string> | null = { tier: 'sandbox' }) => ({
  apiVersion: AV,
  kind: 'RuntimeClass',
  metadata: { name: 'gvisor', ...(labels ? { labels } : {}) },
  handler: 'runsc',
  ...extra,
})

const apply = (live: object | undefined, cfg: object, manager = 'kubectl', force = false, time = T2) =>
  applyServerSide(testDefs, RUNTIME_CLASS, { live, config: cfg, manager, force, apiVersion: AV, time })

const ok = (r: ReturnType<typeof apply>) => {
  assert.ok(r.ok, `unexpected conflicts: ${JSON.stringify(!r.ok && r.conflicts)}`)
  return r.object as any
}

const applyEntry = (fieldsV1: object, time = T1) => ({ manager: 'kubectl', operation: 'Apply', apiVersion: AV, time, fieldsType: 'FieldsV1', fieldsV1 })

/** A RuntimeClass as `kubectl apply` (client-side) created it. */
const csaLive = (handler = 'runc') => {
  const obj = { apiVersion: AV, kind: 'RuntimeClass', metadata: { name: 'gvisor', uid: 'u-1', resourceVersion: '3' }, handler } as any
  obj.metadata.managedFields = updateManagedFields(testDefs, RUNTIME_CLASS, {
    oldObj: undefined,
    newObj: obj,
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
    apiVersion: AV,
    time: T1,
  })
  return obj
}

describe('applyServerSide', () => {
  it('creates: the object is the config, owned by the applier', () => {
    const got = ok(apply(undefined, config(), 'kubectl', false, T1))
    assert.deepEqual(got, {
      ...config(),
      metadata: { name: 'gvisor', labels: { tier: 'sandbox' }, managedFields: [applyEntry({ 'f:handler': {}, 'f:metadata': { 'f:labels': { 'f:tier': {} } } })] },
    })
  })

  it('updates: fields no longer applied and owned by nobody else are removed', () => {
    const live = ok(apply(undefined, config({ scheduling: { nodeSelector: { a: '1' } } }), 'kubectl', false, T1))
    const got = ok(apply(live, config({ handler: 'kata' }, null)))
    assert.deepEqual(got, {
      apiVersion: AV,
      kind: 'RuntimeClass',
      metadata: { name: 'gvisor', managedFields: [applyEntry({ 'f:handler': {} }, T2)] },
      handler: 'kata',
    })
  })

  it('keeps a removed field another manager still owns', () => {
    const live = ok(apply(undefined, config(), 'a', false, T1))
    const shared = ok(apply(live, config(), 'b', false, T1))
    const got = ok(apply(shared, config({}, null), 'a'))
    assert.deepEqual(got.metadata.labels, { tier: 'sandbox' })
    assert.deepEqual(
      got.metadata.managedFields.map((e: any) => [e.manager, e.time, e.fieldsV1]),
      [
        // b's apply changed nothing, so upstream gives it no time, and it sorts first.
        ['b', undefined, { 'f:handler': {}, 'f:metadata': { 'f:labels': { 'f:tier': {} } } }],
        ['a', T1, { 'f:handler': {} }],
      ],
    )
  })

  it('reports a conflict with the client-side apply manager', () => {
    const r = apply(csaLive(), config({}, null))
    assert.deepEqual(r, {
      ok: false,
      conflicts: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: AV, field: '.handler' }],
    })
  })

  it('force takes ownership', () => {
    const got = ok(apply(csaLive(), config({}, null), 'kubectl', true))
    assert.equal(got.handler, 'runsc')
    assert.deepEqual(got.metadata.managedFields, [applyEntry({ 'f:handler': {} }, T2)])
  })

  it('applying the live value is not a conflict and shares ownership without changing the object', () => {
    const live = csaLive('runsc')
    const got = ok(apply(live, config({}, null)))
    assert.equal(got.metadata.resourceVersion, '3')
    assert.deepEqual(
      got.metadata.managedFields.map((e: any) => [e.manager, e.operation, e.time, e.fieldsV1]),
      [
        ['kubectl', 'Apply', undefined, { 'f:handler': {} }],
        ['kubectl-client-side-apply', 'Update', T1, { 'f:handler': {} }],
      ],
    )
  })

  it('merges list maps by key and keeps other managers\u2019 items in place', () => {
    const pod = (containers: object[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers } })
    const opts = { force: false, apiVersion: 'v1', time: T1 }
    const first = applyServerSide(testDefs, POD, { ...opts, live: undefined, manager: 'a', config: pod([{ name: 'main', image: 'x:1' }]) })
    assert.ok(first.ok)
    const second = applyServerSide(testDefs, POD, { ...opts, live: first.object, manager: 'b', config: pod([{ name: 'side', image: 'y' }]) })
    assert.ok(second.ok)
    const third = applyServerSide(testDefs, POD, { ...opts, live: second.object, manager: 'a', config: pod([{ name: 'main', image: 'x:2' }]) })
    assert.ok(third.ok)
    assert.deepEqual((third.object as any).spec.containers, [
      { name: 'main', image: 'x:2' },
      { name: 'side', image: 'y' },
    ])
    const conflict = applyServerSide(testDefs, POD, { ...opts, live: third.object, manager: 'b', config: pod([{ name: 'main', image: 'x:3' }]) })
    assert.deepEqual(conflict, { ok: false, conflicts: [{ manager: 'a', operation: 'Apply', apiVersion: 'v1', field: '.spec.containers[name="main"].image' }] })
  })

  const bad: { name: string; cfg: object; message: string }[] = [
    { name: 'wrong kind', cfg: { ...config(), kind: 'Pod' }, message: 'invalid object type: node.k8s.io/v1, Kind=Pod' },
    { name: 'wrong version', cfg: { ...config(), apiVersion: 'node.k8s.io/v1beta1' }, message: 'invalid object type: node.k8s.io/v1beta1, Kind=RuntimeClass' },
    { name: 'managedFields set', cfg: config({ metadata: { name: 'gvisor', managedFields: [] } }), message: 'metadata.managedFields must be nil' },
  ]
  for (const c of bad) {
    it(`rejects ${c.name} with 400`, () => {
      assert.throws(
        () => apply(undefined, c.cfg),
        (err: unknown) => err instanceof StatusError && err.status.code === 400 && err.status.reason === 'BadRequest' && err.status.message === c.message,
      )
    })
  }
})

describe('applyConflictError', () => {
  const csa: ApplyConflict = { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: AV, field: '.handler' }

  it('one conflict', () => {
    assert.deepEqual(applyConflictError([csa]).status, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using node.k8s.io/v1: .handler',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using node.k8s.io/v1', field: '.handler' }] },
      code: 409,
    })
  })

  it('several conflicts are grouped by manager', () => {
    const err = applyConflictError([
      csa,
      { ...csa, field: '.scheduling.nodeSelector.runtime' },
      { manager: 'ops', operation: 'Apply', apiVersion: AV, field: '.metadata.labels.tier' },
    ])
    assert.equal(
      err.status.message,
      'Apply failed with 3 conflicts: conflicts with "kubectl-client-side-apply" using node.k8s.io/v1:\n- .handler\n- .scheduling.nodeSelector.runtime\nconflicts with "ops":\n- .metadata.labels.tier',
    )
    assert.equal(err.status.details?.causes?.[2].message, 'conflict with "ops"')
  })
})
