import { test } from 'node:test'
import assert from 'node:assert/strict'
import { containerdConfig } from '../cri/containerd-config.ts'
import { describeHandlers } from '../cri/handlers.ts'
import { containerdPaths } from '../cri/paths.ts'
import { runscWrapper, crunWrapper } from '../cri/wrappers.ts'
import { entriesFromCriConfig, entriesFromToml, runtimeInWrapper } from './runtime-entries.ts'

test('entries from the generated config.toml', () => {
  const paths = containerdPaths('/d/containerd')
  const toml = containerdConfig({ paths, handlers: describeHandlers({ runc: '/usr/sbin/runc', runsc: '/usr/bin/runsc' }, paths) })
  const r = entriesFromToml(toml, paths.config)
  assert.equal(r.defaultHandler, 'runc')
  assert.deepEqual(Object.keys(r.entries).sort(), ['runc', 'runc-hardened', 'runsc'])
  assert.deepEqual(r.entries.runsc, { handler: 'runsc', runtimeType: 'io.containerd.runc.v2', binaryName: '/d/containerd/bin/runsc-cri', root: '/d/containerd/oci-root/runsc' })
  assert.equal(r.entries['runc-hardened'].baseRuntimeSpec, '/d/containerd/hardened-spec.json')
})

test('entries from the verbose CRI Status config (containerd 1.6 JSON)', () => {
  const json = JSON.stringify({ containerd: { defaultRuntimeName: 'runc', runtimes: { runsc: { runtimeType: 'io.containerd.runc.v2', baseRuntimeSpec: '', options: { BinaryName: '/b/runsc-cri', Root: '/r/runsc' } } } } })
  assert.deepEqual(entriesFromCriConfig(json), {
    source: 'CRI Status (verbose) config',
    defaultHandler: 'runc',
    entries: { runsc: { handler: 'runsc', runtimeType: 'io.containerd.runc.v2', binaryName: '/b/runsc-cri', root: '/r/runsc' } },
  })
})

test('the runtime behind runclass wrappers', () => {
  assert.equal(runtimeInWrapper(runscWrapper('/usr/bin/runsc')), '/usr/bin/runsc')
  assert.equal(runtimeInWrapper(crunWrapper('/usr/bin/crun', '/usr/bin/unshare')), '/usr/bin/crun')
  assert.equal(runtimeInWrapper('\x7fELF...'), undefined)
})
