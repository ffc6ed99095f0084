import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fakePath } from '../../cri/testing/fake-path.ts'
import { fakeBins, fakeHost, tempDir } from '../testing/fake-host.ts'
import { BINARIES, checkBinaries, checkBinary } from './binaries.ts'

const spec = (name: string) => BINARIES.find((b) => b.name === name)!

describe('checkBinary', () => {
  const dir = fakeBins({
    containerd: 'containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3',
    runsc: 'runsc version 0.0~20221219.0\nspec: 1.0.2-dev',
    runc: { output: 'runc: error while loading shared libraries', code: 127 },
    crun: 'crun version 1.8.1\ncommit: f8a096be',
  })
  const host = fakeHost({}, { searchPath: `/nonexistent:${dir}` })
  const cases = [
    { name: 'required and present: version and path', bin: 'containerd', want: { name: 'containerd', result: 'ok', detail: `1.6.20~ds1 (${dir}/containerd)` } },
    { name: 'optional and present', bin: 'runsc', want: { name: 'runsc', result: 'ok', detail: `0.0~20221219.0 (${dir}/runsc)` } },
    {
      name: 'required but broken: FAIL, reinstall',
      bin: 'runc',
      want: { name: 'runc', result: 'FAIL', detail: `${dir}/runc --version failed: exit status 127: runc: error while loading shared libraries`, fix: 'apt-get install --reinstall runc' },
    },
    { name: 'required and missing: FAIL with the package', bin: 'ctr', want: { name: 'ctr', result: 'FAIL', detail: 'not found: no Pod can start', fix: 'apt-get install containerd' } },
    { name: 'optional and missing: warn with the package', bin: 'unshare', want: { name: 'unshare', result: 'warn', detail: 'not found: no crun handler (its hybrid-cgroup wrapper needs unshare)', fix: 'apt-get install util-linux' } },
  ]
  for (const c of cases) it(c.name, async () => assert.deepEqual(await checkBinary(host, spec(c.bin)), c.want))

  it('a binary that prints no version is broken', async () => {
    const empty = fakePath(tempDir(), ['containerd'])
    const r = await checkBinary(fakeHost({}, { searchPath: empty }), spec('containerd'))
    assert.equal(r.result, 'FAIL')
    assert.match(r.detail, /--version failed: no version in output ""$/)
  })
})

describe('checkBinaries', () => {
  it('one row per binary, in order, only crun and unshare missing', async () => {
    const dir = fakeBins({ containerd: 'v 1.6.20', ctr: 'v 1.6.20', 'containerd-shim-runc-v2': 'Version: 1.6.20', runc: 'runc version 1.1.5', runsc: 'runsc version 0.0~1' })
    const rows = await checkBinaries(fakeHost({}, { searchPath: dir }))
    assert.deepEqual(
      rows.map((r) => [r.name, r.result]),
      [['containerd', 'ok'], ['ctr', 'ok'], ['containerd-shim-runc-v2', 'ok'], ['runc', 'ok'], ['crun', 'warn'], ['unshare', 'warn'], ['runsc', 'ok']],
    )
  })
})
