import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { DEFAULT_BUSYBOX } from './busybox-rootfs.ts'
import { BUSYBOX_IMAGE, PAUSE_IMAGE } from './names.ts'
import { buildImageLayoutTar, imageConfig, sha256, type LayoutResult } from './oci-layout.ts'

const skip = existsSync(DEFAULT_BUSYBOX) ? false : `${DEFAULT_BUSYBOX} missing (apt-get install busybox-static)`

/** `tar -x` one member to stdout. */
const member = (tar: string, name: string): Buffer => execFileSync('tar', ['-xOf', tar, name], { maxBuffer: 64 << 20 })
const listing = (tar: string, verbose = false): string[] =>
  execFileSync('tar', [verbose ? '-tvf' : '-tf', tar], { encoding: 'utf8' }).split('\n').filter(Boolean)

describe('offline OCI image layout', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rc-layout-'))
  const a = join(dir, 'a.tar')
  const b = join(dir, 'b.tar')
  let result: LayoutResult
  before(async () => {
    result = await buildImageLayoutTar(a)
    await buildImageLayoutTar(b)
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('is byte-for-byte reproducible', () => {
    assert.equal(sha256(readFileSync(a)), sha256(readFileSync(b)))
  })

  it('indexes every name with containerd and OCI ref annotations', () => {
    const index = JSON.parse(member(a, 'index.json').toString())
    assert.deepEqual(
      index.manifests.map((m: any) => [m.annotations['io.containerd.image.name'], m.annotations['org.opencontainers.image.ref.name'], m.digest === result.manifests[m.annotations['io.containerd.image.name']]]),
      [
        ['runclass.local/busybox:1.35', '1.35', true],
        ['docker.io/library/busybox:latest', 'latest', true],
        ['docker.io/library/busybox:1.35', '1.35', true],
        ['runclass.local/pause:1', '1', true],
      ],
    )
    assert.equal(member(a, 'oci-layout').toString(), '{"imageLayoutVersion":"1.0.0"}')
  })

  it('stores blobs under their digest, with the configs of busybox and pause', () => {
    for (const name of [BUSYBOX_IMAGE, PAUSE_IMAGE]) {
      const digest = result.manifests[name]
      const manifestBytes = member(a, `blobs/sha256/${digest.slice(7)}`)
      assert.equal(sha256(manifestBytes), digest)
      const manifest = JSON.parse(manifestBytes.toString())
      assert.deepEqual(manifest.layers.map((l: any) => [l.mediaType, l.digest]), [['application/vnd.oci.image.layer.v1.tar', result.layerDigest]])
      const config = JSON.parse(member(a, `blobs/sha256/${manifest.config.digest.slice(7)}`).toString())
      assert.deepEqual(config.config, name === PAUSE_IMAGE
        ? { Env: ['PATH=/bin'], Entrypoint: ['/bin/sleep', 'infinity'], WorkingDir: '/' }
        : { Env: ['PATH=/bin'], Cmd: ['sh'], WorkingDir: '/' })
      assert.deepEqual([config.created, config.os, config.rootfs], ['1970-01-01T00:00:00Z', 'linux', { type: 'layers', diff_ids: [result.layerDigest] }])
    }
  })

  it('has a busybox layer with applets, owned by root, epoch mtimes, sticky /tmp', () => {
    const layer = join(dir, 'layer.tar')
    execFileSync('sh', ['-c', `tar -xOf ${a} blobs/sha256/${result.layerDigest.slice(7)} > ${layer}`])
    const names = listing(layer)
    for (const want of ['bin/busybox', 'bin/sh', 'bin/sleep', 'bin/uname', 'etc/passwd', 'etc/resolv.conf', 'proc/', 'var/run/']) assert.ok(names.includes(want), want)
    const verbose = listing(layer, true)
    assert.ok(verbose.every((l) => l.includes(' 0/0 ') && l.includes('1970-01-01 00:00')), verbose.find((l) => !l.includes(' 0/0 ')))
    assert.match(verbose.find((l) => l.endsWith(' tmp/'))!, /^drwxrwxrwt /)
    assert.match(verbose.find((l) => l.includes(' bin/sh '))!, /^lrwxrwxrwx .* bin\/sh -> busybox$/)
  })

  it('renders image configs with a fixed key order', () => {
    assert.equal(
      imageConfig({ names: ['x:1'], cmd: ['sh'] }, 'sha256:0', 'amd64'),
      '{"created":"1970-01-01T00:00:00Z","architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"],"Cmd":["sh"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:0"]}}',
    )
  })
})
