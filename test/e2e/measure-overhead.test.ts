/**
 * `runclass measure-overhead` as a user runs it, on an embedded containerd in
 * a temp data dir: a podFixed per installed handler (gVisor's memory larger
 * than runc's), RuntimeClass YAML that parses, `--write` storing
 * overhead.json, and no measurement pod or shim left behind — also after
 * Ctrl-C in the middle of a run. Needs root and containerd; skips loudly
 * otherwise (fails under CI=true).
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parseAllDocuments } from 'yaml'
import { compareQuantities } from '../../src/api/quantity/quantity.ts'
import { findRuntimes, SYSTEM_PATH } from '../../src/cri/handlers.ts'
import { findShims, mountsUnder } from '../../src/cri/host-cleanup.ts'
import { containerdPaths } from '../../src/cri/paths.ts'
import { RUNCLASS_BIN } from '../helpers/runclass-process.ts'
import { realContainerdUnavailable } from './helpers/cri-pod.ts'

const unavailable = realContainerdUnavailable()
if (unavailable) {
  console.error(`!!! SKIPPED test/e2e/measure-overhead.test.ts: ${unavailable}`)
  if (process.env.CI === 'true') throw new Error(`CI=true but real containerd tests cannot run: ${unavailable}`)
}

/** The handlers runclass configures for what is installed (src/cri/handlers.ts). */
const installedHandlers = (): string[] => {
  const bins = findRuntimes(`${process.env.PATH ?? ''}:${SYSTEM_PATH}`)
  return ['runc', 'runc-hardened', ...(bins.crun && bins.unshare ? ['crun'] : []), ...(bins.runsc ? ['runsc'] : [])].sort()
}

interface Run {
  code: number | string
  stdout: string
  stderr: string
}

/** Runs the CLI; `onStderr` may act on progress (e.g. send SIGINT). Bounded. */
const runCli = (args: string[], onStderr?: (text: string, kill: (s: NodeJS.Signals) => void) => void, timeoutMs = 150_000): Promise<Run> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [RUNCLASS_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => {
      stderr += d
      onStderr?.(stderr, (s) => child.kill(s))
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: code ?? signal ?? -1, stdout, stderr })
    })
  })

/** Table rows: handler → [rss, pss, podFixed memory, podFixed cpu]. */
const tableRows = (stdout: string): Record<string, string[]> => {
  const rows: Record<string, string[]> = {}
  for (const line of stdout.split('\n')) {
    const m = /^(\S+)\s+(\d+)\s+([\d.]+ MiB)\s+([\d.]+ MiB)\s+[\d.]+m\s+\d+ ms\s+\d+ ms\s+(\S+)\s+(\S+)$/.exec(line)
    if (m) rows[m[1]] = [m[3], m[4], m[5], m[6]]
  }
  return rows
}

describe('runclass measure-overhead', { skip: unavailable, timeout: 300_000 }, () => {
  let dir: string
  const socket = () => containerdPaths(join(dir, 'containerd')).socket

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rc-measure-'))
  })

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('prints a podFixed per installed handler, gVisor larger than runc, and --write stores it', async () => {
    const handlers = installedHandlers()
    const t0 = Date.now()
    const r = await runCli(['measure-overhead', '--data-dir', dir, '--pods', '2', '--window', '1', '--write'])
    console.log(`measure-overhead (${handlers.join(', ')}, 2 pods each) took ${Date.now() - t0} ms:\n${r.stdout.split('\n\n')[0]}`)
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, new RegExp(`measuring 2 pod\\(s\\) per handler: ${handlers.join(', ')}`))
    for (const h of handlers) assert.match(r.stderr, new RegExp(`${h}: pod 2/2 running in \\d+ ms`))

    const rows = tableRows(r.stdout)
    assert.deepEqual(Object.keys(rows).sort(), handlers)
    for (const [h, [, , memory, cpu]] of Object.entries(rows)) {
      assert.match(memory, /^\d+Mi$/, h)
      assert.match(cpu, /^\d+m$/, h)
    }
    if (rows.runsc) assert.equal(compareQuantities(rows.runsc[2], rows.runc[2]), 1, `gvisor ${rows.runsc[2]} vs runc ${rows.runc[2]}`)

    const docs = parseAllDocuments(r.stdout.slice(r.stdout.indexOf('apiVersion:'), r.stdout.indexOf('\nwrote '))).map((d) => d.toJS())
    assert.deepEqual(
      docs.map((d) => [d.metadata.name, d.handler, d.overhead.podFixed.memory]),
      handlers.map((h) => [h === 'runsc' ? 'gvisor' : h, h, rows[h][2]]),
    )

    const stored = JSON.parse(readFileSync(join(dir, 'overhead.json'), 'utf8'))
    assert.deepEqual(
      Object.fromEntries(Object.entries(stored.handlers as Record<string, { podFixed: { memory: string; cpu: string } }>).map(([h, e]) => [h, [e.podFixed.memory, e.podFixed.cpu]])),
      Object.fromEntries(handlers.map((h) => [h, [rows[h][2], rows[h][3]]])),
    )
    assert.deepEqual({ shims: findShims(socket()), mounts: mountsUnder(dir) }, { shims: [], mounts: [] })
  })

  it('an unknown handler is an error naming it and the handlers there are', async () => {
    const r = await runCli(['measure-overhead', 'no-such', '--data-dir', dir, '--pods', '1'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, new RegExp(`error: handler "no-such" is not configured in the containerd at ${socket()} \\(it has: ${installedHandlers().join(', ')}\\)`))
  })

  it('Ctrl-C in the middle removes every measurement pod and exits 130', async () => {
    let sent = false
    const r = await runCli(['measure-overhead', 'runc', '--data-dir', dir, '--pods', '4', '--window', '5'], (text, kill) => {
      if (!sent && text.includes('runc: pod 2/4 running')) {
        sent = true
        kill('SIGINT')
      }
    })
    assert.equal(sent, true, r.stderr)
    assert.equal(r.code, 130, r.stderr)
    assert.match(r.stderr, /SIGINT: stopping; removing the measurement pods/)
    assert.match(r.stderr, /error: interrupted; the measurement pods were removed/)
    assert.equal(r.stdout, '')
    assert.deepEqual({ shims: findShims(socket()), mounts: mountsUnder(dir) }, { shims: [], mounts: [] })
  })
})
