/**
 * pods/exec and pods/attach for the apiserver's podExec hook: finds the
 * running container of a pod on this node (else `container not found
 * ("app")`, the kubelet's text) and runs the command through CRI.
 * Non-interactive exec (no stdin, no tty) uses ExecSync and hands its output
 * over when the command ends; stdin, tty and attach go through the runtime's
 * streaming server (the URL from CRI Exec/Attach), spoken to as a SPDY/3.1
 * remotecommand v4 client, so stdin EOF, resize and exit codes pass through.
 */
import http from 'node:http'
import type { Duplex } from 'node:stream'
import type { KubeObject } from '../api/meta.ts'
import type { ExecIO, ExecOptions, ExecSession } from '../streaming/exec-io.ts'
import { SpdySession, type SpdyStream } from '../streaming/spdy-session.ts'
import type { CallOptions, CriClient } from '../cri/interface.ts'
import { CONTAINER_NAME, POD_UID } from './labels.ts'

type StreamRequest = { container_id: string; cmd?: string[]; tty?: boolean; stdin?: boolean; stdout?: boolean; stderr?: boolean }

/** CRI calls beyond CriClient (GrpcCriClient has them; fakes may not). */
export type ExecCri = CriClient & {
  exec?(req: StreamRequest & { cmd: string[] }, opts?: CallOptions): Promise<string>
  attach?(req: StreamRequest, opts?: CallOptions): Promise<string>
}

export interface ExecDeps {
  cri: ExecCri
  callTimeoutMs: number
}

/** ExecSync has no client-side end: a day bounds a forgotten command (the runtime's own timeout is off). */
const EXEC_SYNC_DEADLINE_MS = 24 * 3600_000

export const podExec = async (deps: ExecDeps, pod: KubeObject, opts: ExecOptions, kind: 'exec' | 'attach'): Promise<ExecSession> => {
  const running = await deps.cri.listContainers(
    { state: 'CONTAINER_RUNNING', label_selector: { [POD_UID]: pod.metadata.uid!, [CONTAINER_NAME]: opts.container } },
    { timeoutMs: deps.callTimeoutMs },
  )
  const container = running.sort((a, b) => b.metadata.attempt - a.metadata.attempt)[0]
  if (!container) throw new Error(`container not found (${JSON.stringify(opts.container)})`)
  const req = { container_id: container.id, tty: opts.tty, stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr && !opts.tty }
  if (kind === 'exec' && !opts.stdin && !opts.tty) return { run: (io) => runExecSync(deps, container.id, opts.command, io) }
  const url =
    kind === 'exec'
      ? await deps.cri.exec?.({ ...req, cmd: opts.command }, { timeoutMs: deps.callTimeoutMs })
      : await deps.cri.attach?.(req, { timeoutMs: deps.callTimeoutMs })
  if (!url) throw new Error(`the container runtime client does not support interactive ${kind}`)
  return { run: (io) => runStreaming(url, opts, io) }
}

const runExecSync = async (deps: ExecDeps, id: string, cmd: string[], io: ExecIO): Promise<number> => {
  const res = await deps.cri.execSync(id, cmd, 0, { timeoutMs: EXEC_SYNC_DEADLINE_MS })
  if (res.stdout.length) await io.stdout?.(res.stdout)
  if (res.stderr.length) await io.stderr?.(res.stderr)
  return res.exit_code
}

/** Upgrades to SPDY/3.1 at the runtime's streaming URL (remotecommand v4). */
const dialSpdy = (url: string, signal: AbortSignal): Promise<Duplex> =>
  new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      signal,
      headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' },
    })
    req.on('upgrade', (_res, socket, head) => {
      if (head.length) socket.unshift(head)
      resolve(socket)
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => reject(new Error(Buffer.concat(chunks).toString('utf8').trim() || `streaming server answered ${res.statusCode}`)))
    })
    req.on('error', reject)
    req.end()
  })

const drain = async (s: SpdyStream | undefined, sink?: (chunk: Buffer) => Promise<void>) => {
  if (!s) return
  for await (const chunk of s.data) await sink?.(chunk)
}

/** The exit code from the v4 error stream: empty or Success is 0, NonZeroExitCode carries it. */
export const exitCodeOf = (errorText: string): number => {
  if (!errorText.trim()) return 0
  const status = JSON.parse(errorText) as { status?: string; reason?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } }
  if (status.status === 'Success') return 0
  const code = status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message
  if (status.reason === 'NonZeroExitCode' && code !== undefined) return Number(code)
  throw new Error(status.message ?? errorText)
}

const runStreaming = async (url: string, opts: ExecOptions, io: ExecIO): Promise<number> => {
  const socket = await dialSpdy(url, io.signal)
  const session = new SpdySession(socket, { client: true })
  const onAbort = () => socket.destroy()
  io.signal.addEventListener('abort', onAbort, { once: true })
  try {
    // The order kubectl uses; the server waits for all of them before it starts.
    const error = await session.open({ streamtype: 'error' })
    const stdin = opts.stdin ? await session.open({ streamtype: 'stdin' }) : undefined
    const stdout = opts.stdout ? await session.open({ streamtype: 'stdout' }) : undefined
    const stderr = opts.stderr && !opts.tty ? await session.open({ streamtype: 'stderr' }) : undefined
    const resize = opts.tty ? await session.open({ streamtype: 'resize' }) : undefined
    if (stdin && io.stdin) {
      void (async () => {
        for await (const chunk of io.stdin!) await stdin.write(chunk)
        await stdin.end()
      })()
    }
    if (resize && io.resize) {
      void (async () => {
        for await (const size of io.resize!) await resize.write(Buffer.from(JSON.stringify({ Width: size.width, Height: size.height }) + '\n'))
      })()
    }
    let errorText = ''
    await Promise.all([drain(stdout, io.stdout), drain(stderr, io.stderr), drain(error, async (c) => void (errorText += c.toString('utf8')))])
    return exitCodeOf(errorText)
  } finally {
    io.signal.removeEventListener('abort', onAbort)
    await session.close()
  }
}
