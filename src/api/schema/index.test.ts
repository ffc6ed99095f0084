import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Definition, ObjectDefinition, Schema } from './dsl.ts'
import { definitions } from './index.ts'

const obj = (name: string): ObjectDefinition => {
  const def = definitions[name]
  assert.ok(def, `missing ${name}`)
  assert.equal(def.type, 'object')
  return def as ObjectDefinition
}

const refs = (s: Schema): string[] => (s.type === 'ref' ? [s.name] : s.type === 'array' ? refs(s.items) : s.type === 'map' ? refs(s.values) : [])

describe('schema definitions', () => {
  it('are closed: every reference resolves to a definition', () => {
    const dangling: string[] = []
    for (const [name, def] of Object.entries(definitions) as [string, Definition][]) {
      if (def.type !== 'object') continue
      for (const [field, s] of Object.entries(def.properties)) for (const r of refs(s)) if (!definitions[r]) dangling.push(`${name}.${field} -> ${r}`)
    }
    assert.deepEqual(dangling, [])
  })

  it('give every definition a description', () => {
    assert.deepEqual(Object.entries(definitions).filter(([, d]) => !d.description).map(([n]) => n), [])
  })

  it('mark top-level kinds with their group-version-kind', () => {
    const table: [string, { group: string; version: string; kind: string }][] = [
      ['io.k8s.api.node.v1.RuntimeClass', { group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass' }],
      ['io.k8s.api.node.v1beta1.RuntimeClassList', { group: 'node.k8s.io', version: 'v1beta1', kind: 'RuntimeClassList' }],
      ['io.k8s.api.node.v1alpha1.RuntimeClass', { group: 'node.k8s.io', version: 'v1alpha1', kind: 'RuntimeClass' }],
      ['io.k8s.api.core.v1.Pod', { group: '', version: 'v1', kind: 'Pod' }],
      ['io.k8s.api.core.v1.Binding', { group: '', version: 'v1', kind: 'Binding' }],
      ['io.k8s.api.policy.v1.Eviction', { group: 'policy', version: 'v1', kind: 'Eviction' }],
      ['io.k8s.api.coordination.v1.Lease', { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }],
      ['io.k8s.apimachinery.pkg.apis.meta.v1.Status', { group: '', version: 'v1', kind: 'Status' }],
    ]
    for (const [name, gvk] of table) assert.deepEqual(obj(name).gvk, [gvk], name)
    for (const name of ['DeleteOptions', 'WatchEvent']) {
      const gvks = obj(`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`).gvk ?? []
      assert.deepEqual(gvks.map((g) => `${g.group}/${g.version}`), ['/v1', 'coordination.k8s.io/v1', 'node.k8s.io/v1', 'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1'])
    }
  })

  it('require what upstream requires', () => {
    const table: [string, string[] | undefined][] = [
      ['io.k8s.api.node.v1.RuntimeClass', ['handler']],
      ['io.k8s.api.node.v1beta1.RuntimeClass', ['handler']],
      ['io.k8s.api.node.v1alpha1.RuntimeClass', ['spec']],
      ['io.k8s.api.node.v1alpha1.RuntimeClassSpec', ['runtimeHandler']],
      ['io.k8s.api.node.v1.RuntimeClassList', ['items']],
      ['io.k8s.api.core.v1.Container', ['name']],
      ['io.k8s.api.core.v1.PodSpec', ['containers']],
      ['io.k8s.api.core.v1.Taint', ['key', 'effect']],
      ['io.k8s.api.core.v1.ContainerPort', ['containerPort']],
      ['io.k8s.api.core.v1.Toleration', undefined],
      ['io.k8s.api.core.v1.Event', ['metadata', 'involvedObject']],
    ]
    for (const [name, required] of table) assert.deepEqual(obj(name).required, required, name)
  })

  it('carry upstream patch metadata', () => {
    const field = (def: string, f: string) => obj(def).properties[f]
    const table: [string, string, Partial<Schema>][] = [
      ['io.k8s.api.core.v1.PodSpec', 'containers', { listType: 'map', listMapKeys: ['name'], patchStrategy: 'merge', patchMergeKey: 'name' }],
      ['io.k8s.api.core.v1.PodSpec', 'volumes', { listType: 'map', listMapKeys: ['name'], patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' }],
      ['io.k8s.api.core.v1.PodSpec', 'tolerations', { listType: 'atomic' }],
      ['io.k8s.api.core.v1.Container', 'env', { listType: 'map', listMapKeys: ['name'], patchStrategy: 'merge', patchMergeKey: 'name' }],
      ['io.k8s.api.core.v1.Container', 'ports', { listType: 'map', listMapKeys: ['containerPort', 'protocol'], patchStrategy: 'merge', patchMergeKey: 'containerPort' }],
      ['io.k8s.api.core.v1.PodStatus', 'conditions', { listType: 'map', listMapKeys: ['type'], patchStrategy: 'merge', patchMergeKey: 'type' }],
      ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'ownerReferences', { listType: 'map', listMapKeys: ['uid'], patchStrategy: 'merge', patchMergeKey: 'uid' }],
      ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers', { listType: 'set', patchStrategy: 'merge' }],
      ['io.k8s.api.node.v1.Scheduling', 'tolerations', { listType: 'atomic' }],
      ['io.k8s.api.core.v1.NodeStatus', 'runtimeHandlers', { listType: 'atomic' }],
    ]
    for (const [def, f, want] of table) {
      const s = field(def, f) as Record<string, unknown>
      for (const [k, v] of Object.entries(want)) assert.deepEqual(s[k], v, `${def}.${f} ${k}`)
    }
    assert.equal((field('io.k8s.api.node.v1.Scheduling', 'nodeSelector') as { mapType?: string }).mapType, 'atomic')
    assert.equal((field('io.k8s.api.core.v1.PodSpec', 'nodeSelector') as { mapType?: string }).mapType, 'atomic')
    assert.equal(obj('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector').mapType, 'atomic')
  })

  it('list every PodSpec field of Kubernetes 1.33', () => {
    assert.deepEqual(Object.keys(obj('io.k8s.api.core.v1.PodSpec').properties).sort(), [
      'activeDeadlineSeconds', 'affinity', 'automountServiceAccountToken', 'containers', 'dnsConfig', 'dnsPolicy',
      'enableServiceLinks', 'ephemeralContainers', 'hostAliases', 'hostIPC', 'hostNetwork', 'hostPID', 'hostUsers',
      'hostname', 'imagePullSecrets', 'initContainers', 'nodeName', 'nodeSelector', 'os', 'overhead', 'preemptionPolicy',
      'priority', 'priorityClassName', 'readinessGates', 'resourceClaims', 'resources', 'restartPolicy', 'runtimeClassName',
      'schedulerName', 'schedulingGates', 'securityContext', 'serviceAccount', 'serviceAccountName', 'setHostnameAsFQDN',
      'shareProcessNamespace', 'subdomain', 'terminationGracePeriodSeconds', 'tolerations', 'topologySpreadConstraints', 'volumes',
    ])
  })

  it('model ResourceList maps as maps of Quantity', () => {
    for (const [def, f] of [['io.k8s.api.node.v1.Overhead', 'podFixed'], ['io.k8s.api.core.v1.PodSpec', 'overhead'], ['io.k8s.api.core.v1.NodeStatus', 'capacity']]) {
      assert.deepEqual(obj(def).properties[f], { type: 'map', values: { type: 'ref', name: 'io.k8s.apimachinery.pkg.api.resource.Quantity', description: undefined }, description: obj(def).properties[f].description, mapType: undefined })
    }
  })
})
