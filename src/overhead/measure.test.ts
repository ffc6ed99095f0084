/**
 * The pure parts of the measurement (which processes are the sandbox) and its
 * cleanup promise, against a fake CRI: every sandbox it created — and any
 * carrying the run label — is removed when a step fails.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { PodSandbox } from '../cri/interface.ts'
import { measureOverhead, RUN_LABEL, sandboxProcesses, shimsBySandbox, type MeasureCri } from './measure.ts'
import type { ProcInfo } from './proc.ts'

const SOCK = '/data/containerd/containerd.sock'
const proc = (pid: number, ppid: number, argv: string[], comm = argv[0] ?? 'exe'): ProcInfo => ({ pid, ppid, argv, comm })
const shim = (pid: number, id: string, socket = SOCK) =>
  proc(pid, 1, ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'k8s.io', '-id', id, '-address', socket])

describe('which processes are the sandbox', () => {
  const table = [
    proc(1, 0, ['/sbin/init']),
    shim(100, 'sb-runc'),
    proc(101, 100, ['/bin/sleep', 'infinity']), // pause
    proc(102, 100, ['sleep', '86399']), // the workload: not counted
    proc(103, 102, ['sh']), // a child of the workload: not counted
    shim(200, 'sb-runsc'),
    proc(201, 200, ['runsc-gofer', '--root=/x']),
    proc(202, 200, ['runsc-sandbox', '--root=/x']),
    proc(203, 202, [], 'exe'), // ptrace stub
    shim(300, 'sb-other', '/run/containerd/containerd.sock'),
  ]

  test('shims are found by their -address, keyed by -id', () => {
    assert.deepEqual([...shimsBySandbox(table, SOCK)], [['sb-runc', 100], ['sb-runsc', 200]])
  })

  const cases = [
    { name: 'runc: shim + pause, without the workload and its children', shim: 100, want: [100, 101] },
    { name: 'runsc: shim + gofer + sentry + stubs (the app runs inside the sentry)', shim: 200, want: [200, 201, 202, 203] },
  ]
  for (const c of cases) test(c.name, () => assert.deepEqual(sandboxProcesses(table, c.shim).map((p) => p.pid), c.want))
})

/** A CRI that runs sandboxes but whose container never starts; records removals. */
const fakeCri = (opts: { failStart?: boolean; labelled?: string[] } = {}) => {
  const calls: string[] = []
  let n = 0
  const cri: MeasureCri = {
    runPodSandbox: async (cfg) => {
      calls.push(`run ${cfg.metadata.name} ${cfg.labels?.[RUN_LABEL] ? 'labelled' : 'unlabelled'}`)
      return `sb${++n}`
    },
    createContainer: async (id) => `${id}-c`,
    startContainer: async (id) => {
      if (opts.failStart) throw new Error(`start ${id}: boom`)
    },
    containerStatus: async () => ({ state: 'CONTAINER_RUNNING' }) as never,
    listPodSandbox: async (filter) => {
      calls.push(`list ${JSON.stringify(Object.keys(filter?.label_selector ?? {}))}`)
      return (opts.labelled ?? []).map((id) => ({ id }) as PodSandbox)
    },
    stopPodSandbox: async (id) => void calls.push(`stop ${id}`),
    removePodSandbox: async (id) => void calls.push(`remove ${id}`),
  }
  return { cri, calls }
}

test('a failing step names the handler, and every sandbox is removed (tracked and labelled)', async () => {
  const { cri, calls } = fakeCri({ failStart: true, labelled: ['sb-inflight'] })
  await assert.rejects(
    measureOverhead({ cri, socket: SOCK, handlers: ['runc'], pods: 2, logDir: '/tmp/x', settleMs: 0, cpuWindowMs: 1 }),
    { message: 'runc: start sb1-c: boom' },
  )
  assert.deepEqual(calls, [
    'run overhead-runc-0 labelled',
    `list ${JSON.stringify([RUN_LABEL])}`,
    'stop sb1',
    'stop sb-inflight',
    'remove sb1',
    'remove sb-inflight',
  ])
})

test('no shim for a sandbox (wrong socket) fails after starting, and cleans up', async () => {
  const { cri, calls } = fakeCri()
  await assert.rejects(
    measureOverhead({ cri, socket: '/nowhere.sock', handlers: ['runc'], pods: 1, logDir: '/tmp/x', settleMs: 0, cpuWindowMs: 1 }),
    { message: 'runc: no containerd shim found for sandbox sb1 on /nowhere.sock' },
  )
  assert.deepEqual(calls.filter((c) => c.startsWith('remove')), ['remove sb1'])
})

test('an abort stops the run and still removes the pods', async () => {
  const { cri, calls } = fakeCri()
  const abort = new AbortController()
  abort.abort()
  await assert.rejects(
    measureOverhead({ cri, socket: SOCK, handlers: ['runc'], pods: 1, logDir: '/tmp/x', signal: abort.signal }),
    { name: 'AbortError' },
  )
  assert.deepEqual(calls, [`list ${JSON.stringify([RUN_LABEL])}`])
})
