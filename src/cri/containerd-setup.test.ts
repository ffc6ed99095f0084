import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { prepareContainerd } from './containerd-setup.ts'
import { RuntimeSetupError } from './errors.ts'
import { fakePath } from './testing/fake-path.ts'

const isRoot = process.getuid?.() === 0

describe('prepareContainerd', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rc-setup-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('explains the fix when containerd is missing (root) or when not root', async () => {
    const path = fakePath(join(dir, 'no-containerd'), ['runc'])
    const want = isRoot
      ? { code: 'RC_CONTAINERD_MISSING', message: 'containerd, ctr not found on PATH: install with `apt-get install containerd runc` (or pass --containerd-socket)' }
      : { code: 'RC_CONTAINERD_NOT_ROOT', message: 'the embedded containerd needs root: run runclass as root, or pass --containerd-socket to use a running containerd' }
    await assert.rejects(prepareContainerd({ baseDir: join(dir, 'base0'), path }), (err: unknown) => {
      assert.ok(err instanceof RuntimeSetupError)
      assert.deepEqual({ code: err.code, message: err.message }, want)
      return true
    })
  })

  it('writes wrappers, the CNI conflist and config.toml before containerd starts', { skip: !isRoot && 'needs root' }, async () => {
    // A fake `ctr` that prints a minimal default spec, so no containerd is needed.
    const path = fakePath(join(dir, 'bins'), ['containerd', 'runc', 'crun', 'unshare', 'runsc'])
    const ctr = join(dir, 'bins', 'sbin', 'ctr')
    writeFileSync(ctr, '#!/bin/sh\necho \'{"ociVersion":"1.0.2-dev","process":{"cwd":"/"}}\'\n')
    chmodSync(ctr, 0o755)
    const base = join(dir, 'base1')
    const prepared = await prepareContainerd({ baseDir: base, path, bridge: 'rctest0', subnet: '10.199.0.0/24' })
    assert.deepEqual(prepared.handlers.map((h) => h.name), ['crun', 'runc', 'runc-hardened', 'runsc'])
    assert.equal(statSync(join(base, 'bin', 'runsc-cri')).mode & 0o777, 0o755)
    assert.equal(statSync(join(base, 'bin', 'crun-v1')).mode & 0o777, 0o755)
    assert.deepEqual(JSON.parse(readFileSync(join(base, 'hardened-spec.json'), 'utf8')).process, {
      cwd: '/', noNewPrivileges: true, rlimits: [{ type: 'RLIMIT_NOFILE', hard: 256, soft: 256 }],
    })
    assert.equal(JSON.parse(readFileSync(join(base, 'cni', 'net.d', '10-runclass.conflist'), 'utf8')).plugins[0].bridge, 'rctest0')
    assert.match(readFileSync(join(base, 'config.toml'), 'utf8'), /BinaryName = ".*\/base1\/bin\/runsc-cri"/)
    assert.equal(statSync(join(base, 'oci-root', 'runsc')).isDirectory(), true)
  })
})
