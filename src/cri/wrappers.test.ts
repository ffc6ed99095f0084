import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { crunWrapper, runscWrapper } from './wrappers.ts'

/** Runs `file args` and resolves with exit status and combined output, like go-runc's cmdOutput. */
const runScript = (file: string, args: string[]) =>
  new Promise<{ status: number; output: string }>((resolve) => {
    const child = execFile(file, args, (err) => resolve({ status: err ? Number((err as { code?: number }).code) : 0, output }))
    let output = ''
    child.stdout!.on('data', (d) => (output += d))
    child.stderr!.on('data', (d) => (output += d))
  })

describe('runtime wrappers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rc-wrappers-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  const argsLog = join(dir, 'args')
  // A stand-in runsc: records its argv; `kill` fails like runsc 20221219 does after the sandbox exited.
  const fakeRunsc = join(dir, 'runsc')
  writeFileSync(fakeRunsc, `#!/bin/sh\necho "$*" > ${argsLog}\ncase "$*" in *" kill "*) echo 'sandbox is not running' >&2; exit 128 ;; esac\necho ok\n`)
  chmodSync(fakeRunsc, 0o755)
  const wrapper = join(dir, 'runsc-cri')
  writeFileSync(wrapper, runscWrapper(fakeRunsc))
  chmodSync(wrapper, 0o755)

  it('always runs runsc with host network and ptrace, global flags first', async () => {
    const res = await runScript(wrapper, ['--root', '/r/k8s.io', '--log', '/l.json', 'state', 'abc'])
    assert.deepEqual(res, { status: 0, output: 'ok\n' })
    assert.equal(readFileSync(argsLog, 'utf8'), '--network=host --platform=ptrace --root /r/k8s.io --log /l.json state abc\n')
  })

  it('renames the two CRI sandbox annotations on create, keeping the rest', async () => {
    const bundle = join(dir, 'bundle')
    mkdirSync(bundle)
    const spec = {
      ociVersion: '1.0.2-dev',
      annotations: {
        'io.kubernetes.cri.container-type': 'container',
        'io.kubernetes.cri.sandbox-id': 'f00',
        'io.kubernetes.cri.container-name': 'app',
      },
    }
    writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec))
    const res = await runScript(wrapper, ['--root', '/r', 'create', '--bundle', bundle, '--pid-file', '/p', 'abc'])
    assert.equal(res.status, 0)
    assert.deepEqual(JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8')).annotations, {
      'runclass.hidden.container-type': 'container',
      'runclass.hidden.sandbox-id': 'f00',
      'io.kubernetes.cri.container-name': 'app',
    })
  })

  it('maps "is not running" on kill to the "container not running" the shim understands, same status', async () => {
    const res = await runScript(wrapper, ['--root', '/r', 'kill', 'abc', '9'])
    assert.deepEqual(res, { status: 128, output: 'container not running: sandbox is not running\n' })
  })

  it('crun wrapper hides the cgroup v2 mount in a private mount namespace', () => {
    assert.equal(
      crunWrapper('/usr/bin/crun', '/usr/bin/unshare'),
      `#!/bin/sh
# runclass crun wrapper: crun refuses hybrid cgroups, so hide the v2 mount in a private mount namespace.
exec /usr/bin/unshare --mount --propagation private /bin/sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec /usr/bin/crun "$@"' crun "$@"
`,
    )
  })
})
