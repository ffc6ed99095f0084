import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fakeHost } from '../testing/fake-host.ts'
import { CAP_SYS_RESOURCE, checkOomScoreAdj, hasCapability } from './oom-score-adj.ts'

const NO_SYS_RESOURCE = 'Name:\tnode\nCapEff:\t000001fffeffffff\n'
const FULL = 'CapEff:\t000001ffffffffff\n'
const CONFIG = '/data/containerd/config.toml'
const toml = (restrict: boolean) => `version = 2\n[plugins."io.containerd.grpc.v1.cri"]\nrestrict_oom_score_adj = ${restrict}\n`

describe('hasCapability', () => {
  it('reads bit 24 of CapEff', () => {
    assert.equal(hasCapability(NO_SYS_RESOURCE, CAP_SYS_RESOURCE), false)
    assert.equal(hasCapability(FULL, CAP_SYS_RESOURCE), true)
    assert.equal(hasCapability('Name: x', CAP_SYS_RESOURCE), undefined)
  })
})

describe('checkOomScoreAdj', () => {
  const cases = [
    { name: 'CAP_SYS_RESOURCE held', files: { '/proc/self/status': FULL }, want: { name: 'oom_score_adj', result: 'ok', detail: 'CAP_SYS_RESOURCE held: negative oom_score_adj allowed' } },
    {
      name: 'no capability, no config yet: ok (runclass writes it)',
      files: { '/proc/self/status': NO_SYS_RESOURCE },
      want: { name: 'oom_score_adj', result: 'ok', detail: `no CAP_SYS_RESOURCE; runclass up writes restrict_oom_score_adj = true (no ${CONFIG} yet)` },
    },
    {
      name: 'no capability, config restricts: ok',
      files: { '/proc/self/status': NO_SYS_RESOURCE, [CONFIG]: toml(true) },
      want: { name: 'oom_score_adj', result: 'ok', detail: `no CAP_SYS_RESOURCE; ${CONFIG} sets restrict_oom_score_adj = true` },
    },
    {
      name: 'no capability, config does not restrict: FAIL',
      files: { '/proc/self/status': NO_SYS_RESOURCE, [CONFIG]: toml(false) },
      want: {
        name: 'oom_score_adj',
        result: 'FAIL',
        detail: `no CAP_SYS_RESOURCE and ${CONFIG} lacks restrict_oom_score_adj = true: every RunPodSandbox fails`,
        fix: 'restart runclass up (it rewrites config.toml), or set restrict_oom_score_adj = true in its CRI plugin section',
      },
    },
  ]
  for (const c of cases) it(c.name, () => assert.deepEqual(checkOomScoreAdj(fakeHost(c.files)), c.want))
})
