/**
 * Durability end to end: a runclass process killed with SIGKILL in the middle
 * of a stream of creates comes back on the same data dir with every
 * acknowledged object, each with the same uid and resourceVersion.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clientFromKubeconfig, RUNTIME_CLASSES } from '../../src/client/index.ts'
import { startRunclass } from '../helpers/runclass-process.ts'

test('SIGKILL during writes loses no acknowledged object', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rc-restart-'))
  try {
    const first = await startRunclass(['up', '--no-agent', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'])
    const client = clientFromKubeconfig(first.kubeconfig)
    const acked = new Map<string, { uid: string; rv: string }>()
    let n = 0
    const writers = Array.from({ length: 8 }, async () => {
      while (true) {
        const name = `rc-${n++}`
        try {
          const obj = await client.create(RUNTIME_CLASSES, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler: 'runc' })
          acked.set(name, { uid: obj.metadata.uid!, rv: obj.metadata.resourceVersion! })
        } catch {
          return // the server died under us
        }
      }
    })
    while (acked.size < 300) await new Promise((r) => setTimeout(r, 5))
    first.child.kill('SIGKILL')
    await Promise.all(writers)
    await first.exited
    client.close()

    const second = await startRunclass(['up', '--no-agent', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'])
    const again = clientFromKubeconfig(second.kubeconfig)
    try {
      const list = await again.list(RUNTIME_CLASSES)
      const byName = new Map(list.items.map((o) => [o.metadata.name!, o]))
      for (const [name, want] of acked) {
        const got = byName.get(name)
        assert.ok(got, `acknowledged ${name} is missing after the restart`)
        assert.equal(got.metadata.uid, want.uid)
        assert.equal(got.metadata.resourceVersion, want.rv)
      }
      assert.ok(acked.size >= 300)
      // The revision keeps increasing after the restart.
      const created = await again.create(RUNTIME_CLASSES, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'after' }, handler: 'runc' })
      assert.ok(Number(created.metadata.resourceVersion) > Math.max(...[...acked.values()].map((v) => Number(v.rv))))
    } finally {
      again.close()
      second.child.kill('SIGTERM')
      assert.equal(await second.exited, 0, 'SIGTERM stops runclass cleanly')
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
