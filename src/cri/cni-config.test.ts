import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cniConflist } from './cni-config.ts'

describe('cniConflist', () => {
  it('renders the bridge network of runtimes-debian.md §3', () => {
    assert.deepEqual(JSON.parse(cniConflist({ ipamDir: '/b/cni/ipam' })), {
      cniVersion: '1.0.0',
      name: 'runclass',
      plugins: [
        {
          type: 'bridge', bridge: 'rcbr0', isGateway: true, ipMasq: false, hairpinMode: true,
          ipam: { type: 'host-local', ranges: [[{ subnet: '10.88.0.0/16' }]], routes: [{ dst: '0.0.0.0/0' }], dataDir: '/b/cni/ipam' },
        },
      ],
    })
  })

  it('takes a bridge and subnet (tests use their own) and rejects names Linux cannot hold', () => {
    const c = JSON.parse(cniConflist({ ipamDir: '/i', bridge: 'rce2e1', subnet: '10.150.1.0/24' }))
    assert.deepEqual([c.plugins[0].bridge, c.plugins[0].ipam.ranges[0][0].subnet], ['rce2e1', '10.150.1.0/24'])
    assert.throws(() => cniConflist({ ipamDir: '/i', bridge: 'a-very-long-bridge' }), { message: 'bridge name "a-very-long-bridge" is longer than 15 characters' })
  })
})
