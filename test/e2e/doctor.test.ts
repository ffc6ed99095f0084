/**
 * `runclass doctor` as a user runs it, against a real `runclass up` (embedded
 * containerd, node agent): a healthy host passes (exit 0, host rows ok or
 * warn); a runtime binary missing from the search path and a RuntimeClass
 * whose handler no node has (`kubectl apply`, handler `nosuch`) are FAIL rows
 * with their fixes and exit code 1; without a cluster only the host is
 * checked. Needs root and containerd; skips loudly otherwise (fails under CI=true).
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { SYSTEM_PATH, which } from '../../src/cri/handlers.ts'
import { BINARIES } from '../../src/doctor/checks/binaries.ts'
import type { CheckResult } from '../../src/doctor/interface.ts'
import { Kubectl, requireKubectl } from '../helpers/kubectl.ts'
import { RUNCLASS_BIN, startRunclass, type RunclassProcess } from '../helpers/runclass-process.ts'
import { realContainerdUnavailable } from './helpers/cri-pod.ts'

const unavailable = realContainerdUnavailable()
if (unavailable) {
  if (process.env.CI === 'true') throw new Error(`e2e needs root and containerd: ${unavailable}`)
  console.error(`\n!!! SKIPPED test/e2e/doctor.test.ts: ${unavailable}\n`)
}
const kubectl = requireKubectl(33)
const skip = unavailable ?? ('skip' in kubectl ? kubectl.skip : false)

interface DoctorRun {
  code: number
  stdout: string
  stderr: string
  ms: number
}

const doctor = (args: string[], env: Record<string, string | undefined> = {}): Promise<DoctorRun> => {
  const started = Date.now()
  return new Promise((resolve) => {
    execFile(process.execPath, [RUNCLASS_BIN, 'doctor', ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as any).code ?? 1) : 0, stdout, stderr, ms: Date.now() - started }),
    )
  })
}
const rowsOf = (run: DoctorRun): CheckResult[] => (JSON.parse(run.stdout) as { checks: CheckResult[] }).checks
const HOST_ROWS = new Set(['root', ...BINARIES.map((b) => b.name), 'cgroups', 'overlayfs', 'cni plugins', 'oom_score_adj', 'kernel / kvm', 'containerd config'])

describe('runclass doctor against a running runclass up', { skip, timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rc-e2e-doctor-'))
  const bins = mkdtempSync(join(tmpdir(), 'rc-e2e-doctor-bin-'))
  const systemPath = `${process.env.PATH ?? ''}:${SYSTEM_PATH}`
  // The runtime to hide from the doctor: one the node reports (crun, else runsc).
  const hidden = ['crun', 'runsc'].find((b) => which(b, systemPath))
  let rc: RunclassProcess
  let k: Kubectl

  before(async () => {
    rc = await startRunclass(['up', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'])
    k = new Kubectl((kubectl as { bin: string }).bin, rc.kubeconfig)
    // A search path of symlinks to every binary the doctor looks for, except the hidden one.
    for (const b of BINARIES.map((s) => s.name).filter((n) => n !== hidden)) {
      const path = which(b, systemPath)
      if (path) symlinkSync(path, join(bins, b))
    }
  })

  after(async () => {
    if (rc) {
      rc.child.kill('SIGTERM')
      await rc.exited
    }
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(bins, { recursive: true, force: true })
  })

  test('a healthy host with runclass up passes: exit 0, host rows ok or warn, node and classes ok', async () => {
    const table = await doctor(['--kubeconfig', rc.kubeconfig, '--data-dir', dataDir])
    console.log(`doctor (healthy) in ${table.ms} ms:\n${table.stdout}`)
    assert.equal(table.code, 0, table.stdout + table.stderr)
    assert.match(table.stdout, /^CHECK +RESULT +WHAT TO DO$/m)
    assert.match(table.stdout, /FAIL: nothing blocks Pods$/m)

    const json = await doctor(['--kubeconfig', rc.kubeconfig, '--data-dir', dataDir, '--json'])
    assert.equal(json.code, 0)
    const rows = rowsOf(json)
    const host = rows.filter((r) => HOST_ROWS.has(r.name))
    assert.equal(host.length, HOST_ROWS.size)
    for (const r of host) assert.ok(r.result === 'ok' || r.result === 'warn', `${r.name}: ${r.result} ${r.detail}`)
    for (const name of ['containerd', 'ctr', 'runc', 'cgroups', 'overlayfs', 'cni plugins']) assert.equal(rows.find((r) => r.name === name)?.result, 'ok', name)
    assert.ok(rows.every((r) => r.result !== 'FAIL'))
    assert.match(rows.find((r) => r.name === 'api server')!.detail, new RegExp(`^v1\\.33\\.\\d+\\S* at ${rc.url.replace(/[.]/g, '\\.')}$`))
    const node = rows.find((r) => / ready$/.test(r.name))!
    assert.equal(node.result, 'ok')
    const nodeName = node.name.split(' ')[1]
    assert.deepEqual(
      rows.filter((r) => r.name.startsWith(`node ${nodeName} `)).map((r) => [r.name.slice(`node ${nodeName} `.length), r.result]),
      [['ready', 'ok'], ['heartbeat', 'ok'], ['handlers', 'ok'], ['binaries', 'ok'], ['vs config.toml', 'ok']],
    )
  })

  test('a missing runtime binary and a RuntimeClass with an unknown handler are FAIL rows with their fixes, exit 1', async () => {
    await k.ok(['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'broken' }, handler: 'nosuch' }) })
    const args = ['--kubeconfig', rc.kubeconfig, '--data-dir', dataDir, '--search-path', bins]
    const table = await doctor(args)
    console.log(`doctor (broken) in ${table.ms} ms:\n${table.stdout}`)
    assert.equal(table.code, 1, table.stdout + table.stderr)
    assert.match(table.stdout, /^runtimeclass broken +FAIL +handler "nosuch" is reported by no node \(nodes have: .*runc.*\); Pods using it cannot run +kubectl delete runtimeclass broken, then recreate it with a handler the nodes have \(.*runc.*\)$/m)
    assert.match(table.stdout, /FAIL: something blocks Pods: fix the FAIL rows$/m)

    const rows = rowsOf(await doctor([...args, '--json']))
    const fails = rows.filter((r) => r.result === 'FAIL').map((r) => r.name)
    if (hidden) {
      const nodeName = rows.find((r) => / ready$/.test(r.name))!.name.split(' ')[1]
      assert.deepEqual(fails, [`node ${nodeName} handler ${hidden}`, 'runtimeclass broken'])
      assert.deepEqual(rows.find((r) => r.name === hidden), { name: hidden, result: 'warn', detail: `not found: no ${hidden === 'crun' ? 'crun' : 'runsc (gVisor)'} handler`, fix: `apt-get install ${hidden}` })
      const row = rows.find((r) => r.name === `node ${nodeName} handler ${hidden}`)!
      assert.equal(row.detail, `${nodeName} (this host) reports handler ${hidden} but ${hidden} is not installed here: its Pods fail at RunPodSandbox`)
      assert.equal(row.fix, `apt-get install ${hidden}, then restart runclass up`)
    } else {
      console.error('!!! crun and runsc are not installed: only the RuntimeClass half of this test ran')
      assert.deepEqual(fails, ['runtimeclass broken'])
    }
    await k.ok(['delete', 'runtimeclass', 'broken'])
  })

  test('without a cluster only the host is checked: one skip note, exit 0', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'rc-e2e-doctor-empty-'))
    try {
      const run = await doctor(['--data-dir', empty, '--json'], { KUBECONFIG: '' })
      assert.equal(run.code, 0, run.stdout + run.stderr)
      const rows = rowsOf(run)
      assert.deepEqual(rows.at(-1), {
        name: 'cluster',
        result: 'warn',
        detail: `skipped: no kubeconfig at ${join(empty, 'kubeconfig')}`,
        fix: 'start the cluster: runclass up (or pass --kubeconfig / set $KUBECONFIG)',
      })
      assert.deepEqual(rows.slice(0, -1).map((r) => r.name).filter((n) => !HOST_ROWS.has(n)), [])
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })

  test('a --kubeconfig that does not exist is an error naming the flag', async () => {
    const run = await doctor(['--kubeconfig', '/nonexistent/kubeconfig'])
    assert.equal(run.code, 1)
    assert.equal(run.stderr, 'error: --kubeconfig /nonexistent/kubeconfig: no such file (leave the flag out to check only the host)\n')
  })
})
