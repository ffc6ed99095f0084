import assert from 'node:assert/strict'
import { it } from 'node:test'
import { parseVersion, probeVersion } from './host-fs.ts'
import { fakeBins } from './testing/fake-host.ts'

const cases = [
  { out: 'containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3', want: '1.6.20~ds1' },
  { out: 'runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1', want: '1.1.5+ds1' },
  { out: 'crun version 1.8.1\ncommit: f8a096be', want: '1.8.1' },
  { out: 'runsc version 0.0~20221219.0\nspec: 1.0.2-dev', want: '0.0~20221219.0' },
  { out: 'containerd-shim-runc-v2:\n  Version:  1.6.20~ds1', want: '1.6.20~ds1' },
  { out: 'no version here', want: undefined },
]
for (const c of cases) it(`parseVersion ${JSON.stringify(c.out.split('\n')[0])}`, () => assert.equal(parseVersion(c.out), c.want))

it('probeVersion: a hanging binary times out', async () => {
  const dir = fakeBins({ slow: 'x' })
  const { writeFileSync } = await import('node:fs')
  writeFileSync(`${dir}/slow`, '#!/bin/sh\nexec sleep 5\n')
  assert.deepEqual(await probeVersion(`${dir}/slow`, ['--version'], 200), { ok: false, error: 'timed out after 200 ms' })
})
