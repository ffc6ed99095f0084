import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { StatusError } from '../../api/errors.ts'
import { applyStrategicMergePatch } from './strategic-merge-patch.ts'
import { POD, RUNTIME_CLASS, testDefs } from './testing-defs.ts'

const LAST = 'kubectl.kubernetes.io/last-applied-configuration'

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', ...metadata },
  spec,
})
const names = (list: unknown) => (list as { name: string }[]).map((c) => c.name)

describe('applyStrategicMergePatch', () => {
  it('applies kubectl client-side apply change bodies to a RuntimeClass', () => {
    const live = {
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'gvisor', labels: { tier: 'sandbox' }, annotations: { [LAST]: '{}\n' } },
      handler: 'runsc',
      scheduling: { nodeSelector: { runtime: 'gvisor' } },
    }
    const patch = {
      metadata: { annotations: { [LAST]: '{"new":1}\n' }, labels: { tier: 'sandbox2' } },
      overhead: { podFixed: { memory: '120Mi' } },
      scheduling: null,
    }
    assert.deepEqual(applyStrategicMergePatch(testDefs, RUNTIME_CLASS, live, patch), {
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'gvisor', labels: { tier: 'sandbox2' }, annotations: { [LAST]: '{"new":1}\n' } },
      handler: 'runsc',
      overhead: { podFixed: { memory: '120Mi' } },
    })
    assert.equal((live.metadata.labels as Record<string, string>).tier, 'sandbox', 'input untouched')
  })

  const table: { name: string; original: object; patch: object; want: unknown; pick?: (o: any) => unknown }[] = [
    {
      name: 'pod directives: $setElementOrder, $patch delete, env null',
      original: pod({
        containers: [
          { name: 'main', image: 'nginx:1', env: [{ name: 'A', value: '1' }] },
          { name: 'side', image: 'busybox' },
        ],
      }),
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 'main' }],
          containers: [{ name: 'main', env: null, image: 'nginx:2' }, { $patch: 'delete', name: 'side' }],
        },
      },
      want: pod({ containers: [{ name: 'main', image: 'nginx:2' }] }),
    },
    {
      name: 'a new merge-list item without $setElementOrder goes first',
      original: pod({ containers: [{ name: 'main', image: 'a' }] }),
      patch: { spec: { containers: [{ name: 'new', image: 'b' }] } },
      want: ['new', 'main'],
      pick: (o) => names(o.spec.containers),
    },
    {
      name: 'merge by key keeps unpatched fields and nested merge lists',
      original: pod({ containers: [{ name: 'main', image: 'a', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80, protocol: 'TCP' }] }] }),
      patch: { spec: { containers: [{ name: 'main', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 80, name: 'http' }] }] } },
      want: [{ name: 'main', image: 'a', env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }], ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }],
      pick: (o) => o.spec.containers,
    },
    {
      // apimachinery "add map and delete map from merging list"
      name: 'add and delete with $setElementOrder keeps server-only items in place',
      original: pod({ containers: [{ name: '1' }, { name: '2', image: 'b' }, { name: '4', image: 'c' }] }),
      patch: { spec: { '$setElementOrder/containers': [{ name: '2' }, { name: '3' }], containers: [{ name: '3' }, { name: '1', $patch: 'delete' }] } },
      want: [{ name: '2', image: 'b' }, { name: '4', image: 'c' }, { name: '3' }],
      pick: (o) => o.spec.containers,
    },
    {
      // apimachinery "set elements order in a list with server-only items 2"
      name: '$setElementOrder alone reorders and interleaves server-only items',
      original: pod({ containers: [{ name: '1' }, { name: '2' }, { name: '9' }, { name: '3' }, { name: '4' }] }),
      patch: { spec: { '$setElementOrder/containers': [{ name: '2' }, { name: '1' }, { name: '4' }, { name: '3' }] } },
      want: ['2', '1', '9', '4', '3'],
      pick: (o) => names(o.spec.containers),
    },
    {
      name: 'merge list of scalars is a set union; $deleteFromPrimitiveList removes',
      original: pod({}, { finalizers: ['a', 'b'] }),
      patch: { metadata: { finalizers: ['b', 'c'], '$deleteFromPrimitiveList/finalizers': ['a'] } },
      want: ['b', 'c'],
      pick: (o) => o.metadata.finalizers,
    },
    {
      name: 'scalar union keeps server order around patch items',
      original: pod({}, { finalizers: ['a', 'b'] }),
      patch: { metadata: { finalizers: ['c'] } },
      want: ['c', 'a', 'b'],
      pick: (o) => o.metadata.finalizers,
    },
    {
      name: '$retainKeys clears the other volume source',
      original: pod({ volumes: [{ name: 'v', emptyDir: { medium: 'Memory' } }] }),
      patch: { spec: { volumes: [{ name: 'v', hostPath: { path: '/x' }, $retainKeys: ['hostPath', 'name'] }] } },
      want: [{ name: 'v', hostPath: { path: '/x' } }],
      pick: (o) => o.spec.volumes,
    },
    {
      name: 'atomic lists and maps without strategy are replaced',
      original: pod({ tolerations: [{ key: 'a' }, { key: 'b' }] }),
      patch: { spec: { tolerations: [{ key: 'c' }] } },
      want: [{ key: 'c' }],
      pick: (o) => o.spec.tolerations,
    },
    {
      name: '$patch: replace on a map replaces it',
      original: pod({}, { labels: { a: '1', b: '2' } }),
      patch: { metadata: { labels: { $patch: 'replace', c: '3' } } },
      want: { c: '3' },
      pick: (o) => o.metadata.labels,
    },
    {
      name: '$patch: delete on an existing map leaves it empty',
      original: pod({}, { labels: { a: '1' } }),
      patch: { metadata: { labels: { $patch: 'delete' } } },
      want: {},
      pick: (o) => o.metadata.labels,
    },
    {
      name: '$patch: replace as a list element replaces the list',
      original: pod({ containers: [{ name: 'a' }, { name: 'b' }] }),
      patch: { spec: { containers: [{ name: 'c' }, { $patch: 'replace' }] } },
      want: [{ name: 'c' }],
      pick: (o) => o.spec.containers,
    },
    {
      name: 'a new subtree loses nulls and $patch maps',
      original: pod({}),
      patch: { spec: { nodeSelector: { a: '1', b: null }, containers: [{ name: 'x' }, { name: 'y', $patch: 'delete' }] } },
      want: { nodeSelector: { a: '1' }, containers: [{ name: 'x' }] },
      pick: (o) => o.spec,
    },
    {
      name: 'unknown fields merge like a JSON merge patch',
      original: { ...pod({}), extra: { a: { b: 1, c: 2 }, list: [1, 2] } },
      patch: { extra: { a: { c: null, d: 4 }, list: [3] } },
      want: { a: { b: 1, d: 4 }, list: [3] },
      pick: (o) => o.extra,
    },
    {
      name: 'null patch changes nothing',
      original: pod({ nodeName: 'n' }),
      patch: null as unknown as object,
      want: pod({ nodeName: 'n' }),
    },
  ]
  for (const c of table) {
    it(c.name, () => {
      const got = applyStrategicMergePatch(testDefs, POD, c.original, c.patch)
      assert.deepEqual(c.pick ? c.pick(got) : got, c.want)
    })
  }

  const errors: { name: string; patch: unknown; code: number; reason?: string; message: string }[] = [
    {
      name: 'missing merge key (upstream: a raw 500; here 400 with the same text)',
      patch: { spec: { containers: [{ image: 'x' }] } },
      code: 400,
      reason: 'BadRequest',
      message: 'map: map[image:x] does not contain declared merge key: name',
    },
    {
      name: 'unknown list directive',
      patch: { spec: { containers: [{ name: 'x', $patch: 'foo' }] } },
      code: 400,
      reason: 'BadRequest',
      message: 'unknown patch type: foo in map: map[$patch:foo name:x]',
    },
    {
      name: 'merge directive in a list',
      patch: { spec: { containers: [{ name: 'x', $patch: 'merge' }] } },
      code: 400,
      reason: 'BadRequest',
      message: 'merging lists cannot yet be specified in the patch',
    },
    {
      name: 'unknown map directive',
      patch: { metadata: { labels: { $patch: 'merge' } } },
      code: 400,
      reason: 'BadRequest',
      message: 'unknown patch type: merge in map: map[$patch:merge]',
    },
    {
      name: 'patched key missing from $retainKeys',
      patch: { spec: { volumes: [{ name: 'v', hostPath: { path: '/x' }, $retainKeys: ['name'] }] } },
      code: 400,
      reason: 'BadRequest',
      message: 'invalid patch format of retainKeys',
    },
    {
      name: 'malformed $setElementOrder key',
      patch: { spec: { $setElementOrder: [] } },
      code: 400,
      reason: 'BadRequest',
      message: 'invalid patch format of setElementOrder list',
    },
    {
      name: 'patch order contradicting $setElementOrder',
      patch: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b' }] } },
      code: 400,
      reason: 'BadRequest',
      message: "The order in patch list:\n[map[name:b]]\n doesn't match $setElementOrder list:\n[map[name:a]]\n",
    },
    {
      name: 'a body that is not an object',
      patch: [1],
      code: 400,
      reason: 'BadRequest',
      message: 'json: cannot unmarshal array into Go value of type map[string]interface {}',
    },
  ]
  for (const c of errors) {
    it(`error: ${c.name}`, () => {
      const original = pod({ containers: [{ name: 'a' }], volumes: [{ name: 'v', emptyDir: {} }] }, { labels: { a: '1' } })
      assert.throws(
        () => applyStrategicMergePatch(testDefs, POD, original, c.patch),
        (err: unknown) => {
          assert.ok(err instanceof StatusError)
          assert.equal(err.status.code, c.code)
          assert.equal(err.status.reason, c.reason)
          assert.equal(err.status.message, c.message)
          return true
        },
      )
    })
  }
})
