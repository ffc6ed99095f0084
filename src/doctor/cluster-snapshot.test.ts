import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import type { ApiClient } from '../client/index.ts'
import { fetchSnapshot, kubeconfigServer, snapshotFromKubeconfig } from './cluster-snapshot.ts'
import { NOW, node, runtimeClass, tempDir } from './testing/fake-host.ts'

const list = (items: unknown[]) => Promise.resolve({ apiVersion: 'v1', kind: 'List', metadata: {}, items }) as any

const fakeClient = (over: Partial<ApiClient> = {}): ApiClient =>
  ({
    version: () => Promise.resolve({ gitVersion: 'v1.33.0' }),
    list: (r: { plural: string }, opts?: { namespace?: string }) =>
      list(r.plural === 'nodes' ? [node('a')] : r.plural === 'leases' ? [{ metadata: { name: 'a', namespace: opts?.namespace } }] : [runtimeClass('runc', 'runc')]),
    ...over,
  }) as ApiClient

it('fetches version, nodes, leases of kube-node-lease and RuntimeClasses', async () => {
  const s = await fetchSnapshot(fakeClient(), 'https://x', 1000, () => NOW)
  assert.deepEqual(s.version, { gitVersion: 'v1.33.0' })
  assert.deepEqual([s.nodes.map((n) => n.metadata.name), s.leases.map((l) => l.metadata.namespace), s.runtimeClasses.map((r) => r.metadata.name)], [['a'], ['kube-node-lease'], ['runc']])
  assert.equal(s.now, NOW)
})

it('a server that never answers hits the deadline', async () => {
  await assert.rejects(fetchSnapshot(fakeClient({ version: () => new Promise(() => {}) }), 'https://x', 50), { message: 'the API server at https://x did not answer within 50 ms' })
})

it('no kubeconfig: skipped with the path', async () => assert.deepEqual(await snapshotFromKubeconfig('/nonexistent/kubeconfig'), { skipped: 'no kubeconfig at /nonexistent/kubeconfig' }))

it('unreachable server: skipped with the reason', async () => {
  const file = join(tempDir(), 'kubeconfig')
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
current-context: runclass
clusters: [{ name: runclass, cluster: { server: "https://127.0.0.1:1" } }]
users: [{ name: runclass, user: { token: t } }]
contexts: [{ name: runclass, context: { cluster: runclass, user: runclass } }]
`,
  )
  assert.equal(kubeconfigServer(file), 'https://127.0.0.1:1')
  const r = await snapshotFromKubeconfig(file, 2000)
  assert.ok('skipped' in r)
  assert.match(r.skipped, /^cannot reach https:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/)
})
