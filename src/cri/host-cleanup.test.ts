import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { mountsUnder } from './host-cleanup.ts'

const MOUNTINFO = [
  '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/vda rw',
  '300 22 0:50 / /tmp/rc-x/containerd/state/io.containerd.grpc.v1.cri/netns/cni-1 rw shared:9 - nsfs nsfs rw',
  '301 22 0:51 / /tmp/rc-x/containerd/state/io.containerd.runtime.v2.task/k8s.io/abc/rootfs rw - overlay overlay rw',
  '302 22 0:52 / /tmp/rc-x/containerd/state/io.containerd.grpc.v1.cri/sandboxes/abc/shm rw - tmpfs shm rw',
  '303 22 0:53 / /tmp/rc-x/with\\040space rw - tmpfs t rw',
  '304 22 0:54 / /tmp/rc-xy/other rw - tmpfs t rw',
  '305 22 0:55 / /tmp/rc-x rw - tmpfs t rw',
  '',
].join('\n')

describe('mountsUnder', () => {
  it('lists mounts strictly under the dir, deepest first, decoding octal escapes', () => {
    assert.deepEqual(mountsUnder('/tmp/rc-x', MOUNTINFO), [
      '/tmp/rc-x/containerd/state/io.containerd.runtime.v2.task/k8s.io/abc/rootfs',
      '/tmp/rc-x/containerd/state/io.containerd.grpc.v1.cri/sandboxes/abc/shm',
      '/tmp/rc-x/containerd/state/io.containerd.grpc.v1.cri/netns/cni-1',
      '/tmp/rc-x/with space',
    ])
  })
})
