import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { containerdConfig } from '../../cri/containerd-config.ts'
import { describeHandlers } from '../../cri/handlers.ts'
import { containerdPaths } from '../../cri/paths.ts'
import { fakeBins, fakeHost, node, snapshot } from '../testing/fake-host.ts'
import { checkLocalNode, findLocalNode } from './local-node.ts'

const CONFIG = '/data/containerd/config.toml'
const paths = containerdPaths('/data/containerd')
const config = (bins: Parameters<typeof describeHandlers>[0]) => containerdConfig({ paths, handlers: describeHandlers(bins, paths) })
const ALL = { runc: '/usr/sbin/runc', crun: '/usr/bin/crun', unshare: '/usr/bin/unshare', runsc: '/usr/bin/runsc' }
const HANDLERS = ['crun', 'runc', 'runc-hardened', 'runsc']

describe('findLocalNode', () => {
  it('matches machine-id, else boot-id, else none', () => {
    const nodes = [node('other'), node('me', { machineID: 'abc' })]
    assert.equal(findLocalNode(fakeHost({ '/etc/machine-id': 'abc\n' }), nodes)?.metadata.name, 'me')
    assert.equal(findLocalNode(fakeHost({ '/proc/sys/kernel/random/boot_id': 'boot-other\n' }), nodes)?.metadata.name, 'other')
    assert.equal(findLocalNode(fakeHost({ '/etc/machine-id': 'zzz\n' }), nodes), undefined)
  })
})

describe('checkLocalNode', () => {
  const everything = fakeBins({ runc: '', crun: '', unshare: '', runsc: '' })
  const noCrun = fakeBins({ runc: '', unshare: '', runsc: '' })
  const me = node('me', { machineID: 'abc', handlers: HANDLERS })
  const cases = [
    {
      name: 'all binaries here, config matches',
      files: { '/etc/machine-id': 'abc', [CONFIG]: config(ALL) },
      searchPath: everything,
      want: [
        { name: 'node me binaries', result: 'ok', detail: 'this host has the runtimes for crun, runc, runc-hardened, runsc' },
        { name: 'node me vs config.toml', result: 'ok', detail: 'same handlers: crun, runc, runc-hardened, runsc' },
      ],
    },
    {
      name: 'crun gone from this host: FAIL with the install command',
      files: { '/etc/machine-id': 'abc' },
      searchPath: noCrun,
      want: [
        {
          name: 'node me handler crun',
          result: 'FAIL',
          detail: 'me (this host) reports handler crun but crun is not installed here: its Pods fail at RunPodSandbox',
          fix: 'apt-get install crun, then restart runclass up',
        },
      ],
    },
    {
      name: 'config without runsc: stale, warn',
      files: { '/etc/machine-id': 'abc', [CONFIG]: config({ ...ALL, runsc: undefined }) },
      searchPath: everything,
      want: [
        { name: 'node me binaries', result: 'ok', detail: 'this host has the runtimes for crun, runc, runc-hardened, runsc' },
        { name: 'node me vs config.toml', result: 'warn', detail: `the node reports runsc not in config.toml (${CONFIG})`, fix: 'restart runclass up so config and node agree' },
      ],
    },
    {
      name: 'no node on this host: a note',
      files: { '/etc/machine-id': 'elsewhere' },
      searchPath: everything,
      want: [{ name: 'local node', result: 'ok', detail: 'no Node of this cluster runs on this host: handler binaries not compared' }],
    },
  ]
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(checkLocalNode({ host: fakeHost(c.files, { searchPath: c.searchPath }), cluster: snapshot({ nodes: [me] }) }), c.want))
  }
  it('without a cluster: nothing', () => assert.deepEqual(checkLocalNode({ host: fakeHost() }), []))
})
