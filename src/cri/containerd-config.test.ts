import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { parse } from 'smol-toml'
import { containerdConfig } from './containerd-config.ts'
import { describeHandlers, findRuntimes, type RuntimeBinaries } from './handlers.ts'
import { containerdPaths } from './paths.ts'
import { fakePath } from './testing/fake-path.ts'

const ALL: RuntimeBinaries = {
  runc: '/usr/sbin/runc', crun: '/usr/bin/crun', unshare: '/usr/bin/unshare', runsc: '/usr/bin/runsc',
  kataShim: '/usr/bin/containerd-shim-kata-v2', nvidia: '/usr/bin/nvidia-container-runtime',
}

const WANT_ALL = `version = 2
root = "/var/lib/runclass/containerd/containerd-root"
state = "/var/lib/runclass/containerd/state"
disabled_plugins = [ "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing" ]

[grpc]
address = "/var/lib/runclass/containerd/containerd.sock"

[plugins."io.containerd.grpc.v1.cri"]
sandbox_image = "runclass.local/pause:1"
stream_server_address = "127.0.0.1"
stream_server_port = "0"
restrict_oom_score_adj = true
netns_mounts_under_state_dir = true

[plugins."io.containerd.grpc.v1.cri".containerd]
snapshotter = "overlayfs"
default_runtime_name = "runc"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.crun]
runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.crun.options]
BinaryName = "/var/lib/runclass/containerd/bin/crun-v1"
Root = "/var/lib/runclass/containerd/oci-root/crun"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]
runtime_type = "io.containerd.kata.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nvidia]
runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nvidia.options]
BinaryName = "/usr/bin/nvidia-container-runtime"
Root = "/var/lib/runclass/containerd/oci-root/nvidia"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
BinaryName = "/usr/sbin/runc"
Root = "/var/lib/runclass/containerd/oci-root/runc"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc-hardened]
runtime_type = "io.containerd.runc.v2"
base_runtime_spec = "/var/lib/runclass/containerd/hardened-spec.json"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc-hardened.options]
BinaryName = "/usr/sbin/runc"
Root = "/var/lib/runclass/containerd/oci-root/runc-hardened"
NoNewKeyring = true

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc]
runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc.options]
BinaryName = "/var/lib/runclass/containerd/bin/runsc-cri"
Root = "/var/lib/runclass/containerd/oci-root/runsc"

[plugins."io.containerd.grpc.v1.cri".cni]
bin_dir = "/usr/lib/cni"
conf_dir = "/var/lib/runclass/containerd/cni/net.d"
max_conf_num = 1
`

describe('containerd config.toml', () => {
  const paths = containerdPaths('/var/lib/runclass/containerd')
  const root = mkdtempSync(join(tmpdir(), 'rc-cdcfg-'))
  after(() => rmSync(root, { recursive: true, force: true }))

  it('renders every installed runtime exactly', () => {
    assert.equal(containerdConfig({ paths, handlers: describeHandlers(ALL, paths) }), WANT_ALL)
  })

  it('parses back as TOML with the settings this machine needs', () => {
    const cfg = parse(WANT_ALL) as any
    const cri = cfg.plugins['io.containerd.grpc.v1.cri']
    assert.deepEqual(
      [cri.restrict_oom_score_adj, cri.netns_mounts_under_state_dir, cri.containerd.snapshotter, cri.sandbox_image],
      [true, true, 'overlayfs', 'runclass.local/pause:1'],
    )
  })

  const handlerTables = (toml: string) => [...toml.matchAll(/containerd\.runtimes\.([a-z0-9-]+)\]/g)].map((m) => m[1])

  for (const { name, installed, want } of [
    { name: 'only runc', installed: ['runc'], want: ['runc', 'runc-hardened'] },
    { name: 'Debian set', installed: ['runc', 'crun', 'unshare', 'runsc'], want: ['crun', 'runc', 'runc-hardened', 'runsc'] },
    { name: 'crun without unshare', installed: ['runc', 'crun'], want: ['runc', 'runc-hardened'] },
    { name: 'kata and nvidia', installed: ['runc', 'containerd-shim-kata-v2', 'nvidia-container-runtime'], want: ['kata', 'nvidia', 'runc', 'runc-hardened'] },
  ]) {
    it(`generates handlers only for installed runtimes: ${name}`, () => {
      const path = fakePath(join(root, name.replace(/ /g, '-')), installed)
      const toml = containerdConfig({ paths, handlers: describeHandlers(findRuntimes(path), paths) })
      assert.deepEqual([...new Set(handlerTables(toml))], want)
    })
  }

  it('rejects a default runtime that is not a handler', () => {
    assert.throws(() => containerdConfig({ paths, handlers: describeHandlers({ runc: '/r' }, paths), defaultRuntime: 'runsc' }), {
      message: 'default runtime "runsc" is not among the handlers',
    })
  })
})
