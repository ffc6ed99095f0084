import assert from 'node:assert/strict'
import { it } from 'node:test'
import { fakeHost } from '../testing/fake-host.ts'
import { checkCniPlugins } from './cni-plugins.ts'

const cases = [
  {
    name: 'all three present',
    files: { '/usr/lib/cni/bridge': '', '/usr/lib/cni/host-local': '', '/usr/lib/cni/loopback': '', '/usr/lib/cni/portmap': '' },
    want: { name: 'cni plugins', result: 'ok', detail: 'bridge, host-local, loopback in /usr/lib/cni' },
  },
  {
    name: 'host-local missing',
    files: { '/usr/lib/cni/bridge': '', '/usr/lib/cni/loopback': '' },
    want: { name: 'cni plugins', result: 'FAIL', detail: 'missing in /usr/lib/cni: host-local (pod-network Pods cannot start)', fix: 'apt-get install containernetworking-plugins' },
  },
  {
    name: 'no dir',
    files: {},
    want: { name: 'cni plugins', result: 'FAIL', detail: 'missing in /usr/lib/cni: bridge, host-local, loopback (pod-network Pods cannot start)', fix: 'apt-get install containernetworking-plugins' },
  },
]
for (const c of cases) it(c.name, () => assert.deepEqual(checkCniPlugins(fakeHost(c.files)), c.want))
