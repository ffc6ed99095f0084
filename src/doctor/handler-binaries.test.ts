import assert from 'node:assert/strict'
import { it } from 'node:test'
import { fakePath } from '../cri/testing/fake-path.ts'
import { installFor, missingForHandler, offeredHandlers } from './handler-binaries.ts'
import { tempDir } from './testing/fake-host.ts'

const cases = [
  { name: 'everything', bins: ['runc', 'crun', 'unshare', 'runsc'], offered: ['crun', 'runc', 'runc-hardened', 'runsc'], crun: undefined },
  { name: 'crun without unshare', bins: ['runc', 'crun'], offered: ['runc', 'runc-hardened'], crun: { bins: ['unshare'], install: 'apt-get install util-linux' } },
  { name: 'no runc: nothing', bins: ['crun', 'unshare', 'runsc'], offered: [], crun: undefined },
  { name: 'neither crun nor unshare', bins: ['runc'], offered: ['runc', 'runc-hardened'], crun: { bins: ['crun', 'unshare'], install: 'apt-get install crun util-linux' } },
]
for (const c of cases) {
  it(c.name, () => {
    const path = fakePath(tempDir(), c.bins)
    assert.deepEqual(offeredHandlers(path), c.offered)
    assert.deepEqual(missingForHandler('crun', path), c.crun)
  })
}

it('unknown handlers are not judged; install commands for known ones', () => {
  assert.equal(missingForHandler('nosuch', '/nonexistent'), undefined)
  assert.equal(installFor('runsc'), 'apt-get install runsc')
  assert.equal(installFor('nosuch'), undefined)
})
