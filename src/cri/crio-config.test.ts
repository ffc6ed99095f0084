import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { crioConfig } from './crio-config.ts'
import { describeHandlers } from './handlers.ts'
import { containerdPaths } from './paths.ts'

const WANT = `[crio.runtime]
default_runtime = "runc"

[crio.runtime.runtimes.crun]
runtime_path = "/var/lib/runclass/containerd/bin/crun-v1"
runtime_type = "oci"
runtime_root = "/var/lib/runclass/containerd/oci-root/crun"

[crio.runtime.runtimes.kata]
runtime_path = "/usr/bin/containerd-shim-kata-v2"
runtime_type = "vm"
runtime_root = "/run/vc"
privileged_without_host_devices = true

[crio.runtime.runtimes.nvidia]
runtime_path = "/usr/bin/nvidia-container-runtime"
runtime_type = "oci"
runtime_root = "/var/lib/runclass/containerd/oci-root/nvidia"

[crio.runtime.runtimes.runc]
runtime_path = "/usr/sbin/runc"
runtime_type = "oci"
runtime_root = "/var/lib/runclass/containerd/oci-root/runc"

[crio.runtime.runtimes.runsc]
runtime_path = "/var/lib/runclass/containerd/bin/runsc-cri"
runtime_type = "oci"
runtime_root = "/var/lib/runclass/containerd/oci-root/runsc"
`

describe('CRI-O runtimes config', () => {
  const paths = containerdPaths('/var/lib/runclass/containerd')
  const handlers = describeHandlers(
    {
      runc: '/usr/sbin/runc', crun: '/usr/bin/crun', unshare: '/usr/bin/unshare', runsc: '/usr/bin/runsc',
      kataShim: '/usr/bin/containerd-shim-kata-v2', nvidia: '/usr/bin/nvidia-container-runtime',
    },
    paths,
  )

  it('renders the same handler set as crio.runtime.runtimes (snapshot)', () => {
    assert.equal(crioConfig(handlers).toml, WANT)
  })

  it('reports the handler it cannot express instead of dropping its hardening silently', () => {
    assert.deepEqual(crioConfig(handlers).skipped, [{ handler: 'runc-hardened', reason: 'CRI-O has no per-handler base_runtime_spec' }])
  })
})
