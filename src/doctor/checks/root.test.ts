import assert from 'node:assert/strict'
import { it } from 'node:test'
import { fakeHost } from '../testing/fake-host.ts'
import { checkRoot } from './root.ts'

for (const c of [
  { uid: 0, want: { name: 'root', result: 'ok', detail: 'running as uid 0' } },
  {
    uid: 1000,
    want: {
      name: 'root',
      result: 'FAIL',
      detail: 'running as uid 1000: the embedded containerd, pod cgroups and the CNI bridge need root',
      fix: 'run as root: sudo runclass up (or runclass up --no-agent for the API only)',
    },
  },
]) {
  it(`uid ${c.uid}`, () => assert.deepEqual(checkRoot(fakeHost({}, { uid: c.uid })), c.want))
}
