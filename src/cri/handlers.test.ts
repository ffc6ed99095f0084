import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { describeHandlers, findRuntimes } from './handlers.ts'
import { containerdPaths } from './paths.ts'
import { fakePath } from './testing/fake-path.ts'

describe('runtime detection', () => {
  const root = mkdtempSync(join(tmpdir(), 'rc-handlers-'))
  after(() => rmSync(root, { recursive: true, force: true }))

  it('finds only executables on the given PATH', () => {
    const path = fakePath(join(root, 'one'), ['runc', 'runsc', 'unshare'])
    writeFileSync(join(root, 'one', 'bin', 'crun'), 'not executable')
    assert.deepEqual(findRuntimes(path), {
      runc: join(root, 'one', 'sbin', 'runc'),
      runsc: join(root, 'one', 'bin', 'runsc'),
      unshare: join(root, 'one', 'sbin', 'unshare'),
    })
  })

  it('describes handlers sorted, with wrappers, roots and VM runtimes', () => {
    const paths = containerdPaths('/base')
    const handlers = describeHandlers(
      { runc: '/usr/sbin/runc', crun: '/usr/bin/crun', unshare: '/usr/bin/unshare', runsc: '/usr/bin/runsc', kataShim: '/opt/kata/containerd-shim-kata-v2', nvidia: '/usr/bin/nvidia-container-runtime' },
      paths,
    )
    assert.deepEqual(
      handlers.map((h) => [h.name, h.runtimeType, h.binaryName, h.root ?? null]),
      [
        ['crun', 'io.containerd.runc.v2', '/base/bin/crun-v1', '/base/oci-root/crun'],
        ['kata', 'io.containerd.kata.v2', '/opt/kata/containerd-shim-kata-v2', null],
        ['nvidia', 'io.containerd.runc.v2', '/usr/bin/nvidia-container-runtime', '/base/oci-root/nvidia'],
        ['runc', 'io.containerd.runc.v2', '/usr/sbin/runc', '/base/oci-root/runc'],
        ['runc-hardened', 'io.containerd.runc.v2', '/usr/sbin/runc', '/base/oci-root/runc-hardened'],
        ['runsc', 'io.containerd.runc.v2', '/base/bin/runsc-cri', '/base/oci-root/runsc'],
      ],
    )
  })

  it('skips crun without unshare (its wrapper needs it) and requires runc', () => {
    const paths = containerdPaths('/base')
    assert.deepEqual(describeHandlers({ runc: '/r', crun: '/c' }, paths).map((h) => h.name), ['runc', 'runc-hardened'])
    assert.throws(() => describeHandlers({ crun: '/c' }, paths), { message: 'runc is not installed (install it with: apt-get install containerd runc)' })
  })
})
