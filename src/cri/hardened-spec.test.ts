import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { hardenSpec } from './hardened-spec.ts'

describe('hardenSpec', () => {
  it('adds RLIMIT_NOFILE 256 and noNewPrivileges, keeping the rest of the default spec', () => {
    const base = { ociVersion: '1.0.2-dev', process: { cwd: '/', rlimits: [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }] }, root: { path: 'rootfs' } }
    assert.deepEqual(hardenSpec(base), {
      ociVersion: '1.0.2-dev',
      process: { cwd: '/', noNewPrivileges: true, rlimits: [{ type: 'RLIMIT_NOFILE', hard: 256, soft: 256 }] },
      root: { path: 'rootfs' },
    })
    assert.deepEqual(base.process.rlimits, [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }])
  })
})
