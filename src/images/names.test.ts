import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normalizeReference, OFFLINE_IMAGE_NAMES, tagOf } from './names.ts'

describe('image names', () => {
  for (const [input, want] of [
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:latest', 'docker.io/library/busybox:latest'],
    ['busybox:1.35', 'docker.io/library/busybox:1.35'],
    ['library/busybox', 'docker.io/library/busybox:latest'],
    ['someone/app:v1', 'docker.io/someone/app:v1'],
    ['runclass.local/pause:1', 'runclass.local/pause:1'],
    ['localhost/x', 'localhost/x:latest'],
    ['localhost:5000/x', 'localhost:5000/x:latest'],
    ['quay.io/a/b@sha256:abc', 'quay.io/a/b@sha256:abc'],
  ]) {
    it(`normalizes ${input}`, () => assert.equal(normalizeReference(input), want))
  }

  it('offers every name a Pod may use for busybox, and the pause image', () => {
    assert.deepEqual(OFFLINE_IMAGE_NAMES, [
      'runclass.local/busybox:1.35', 'docker.io/library/busybox:latest', 'docker.io/library/busybox:1.35', 'runclass.local/pause:1',
    ])
    assert.ok(OFFLINE_IMAGE_NAMES.includes(normalizeReference('busybox')))
    assert.equal(tagOf('localhost:5000/x:v2'), 'v2')
  })
})
