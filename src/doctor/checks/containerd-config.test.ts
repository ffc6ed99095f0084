import assert from 'node:assert/strict'
import { chmodSync } from 'node:fs'
import { it } from 'node:test'
import { containerdConfig } from '../../cri/containerd-config.ts'
import { describeHandlers } from '../../cri/handlers.ts'
import { containerdPaths } from '../../cri/paths.ts'
import { fakeHost } from '../testing/fake-host.ts'
import { checkContainerdConfig } from './containerd-config.ts'

const CONFIG = '/data/containerd/config.toml'
// The config runclass itself writes, for runc + crun + runsc found in /usr/bin.
const paths = containerdPaths('/data/containerd')
const real = containerdConfig({ paths, handlers: describeHandlers({ runc: '/usr/sbin/runc', crun: '/usr/bin/crun', unshare: '/usr/bin/unshare', runsc: '/usr/bin/runsc' }, paths) })
const wrappers = { '/usr/sbin/runc': '', '/data/containerd/bin/crun-v1': '', '/data/containerd/bin/runsc-cri': '' }

const cases = [
  { name: 'not written yet: ok', files: {}, want: { name: 'containerd config', result: 'ok', detail: `not written yet: runclass up writes ${CONFIG}` } },
  { name: 'every BinaryName present: ok', files: { [CONFIG]: real, ...wrappers }, want: { name: 'containerd config', result: 'ok', detail: `handlers crun, runc, runc-hardened, runsc (${CONFIG})` } },
  {
    name: 'a wrapper gone: FAIL',
    files: { [CONFIG]: real, '/usr/sbin/runc': '', '/data/containerd/bin/crun-v1': '' },
    want: { name: 'containerd config', result: 'FAIL', detail: `${CONFIG}: runsc → /data/containerd/bin/runsc-cri missing`, fix: 'restart runclass up (it rewrites the runtime wrappers and config.toml)' },
  },
  {
    name: 'no runtimes: FAIL',
    files: { [CONFIG]: 'version = 2\n' },
    want: { name: 'containerd config', result: 'FAIL', detail: `${CONFIG} configures no runtime handler`, fix: 'restart runclass up (it rewrites config.toml)' },
  },
  {
    name: 'unparsable: warn',
    files: { [CONFIG]: 'version = = 2' },
    want: { name: 'containerd config', result: 'warn', fix: 'restart runclass up (it rewrites config.toml)' },
  },
]
const chmod = (f: string) => chmodSync(f, 0o755)

for (const c of cases) {
  it(c.name, () => {
    const host = fakeHost(c.files)
    // fakeHost writes plain files; make the binaries executable like real ones.
    for (const f of Object.keys(c.files).filter((f) => !f.endsWith('.toml'))) chmod(`${host.root}${f}`)
    const got = checkContainerdConfig(host)
    if (c.name.startsWith('unparsable')) {
      assert.equal(got.result, c.want.result)
      assert.equal(got.fix, c.want.fix)
      assert.match(got.detail, new RegExp(`^cannot parse ${CONFIG}: `))
    } else assert.deepEqual(got, c.want)
  })
}
