/**
 * The SPDY/3.1 transport of exec/attach (kubectl 1.27–1.29, and 1.30+ when
 * WebSocket is refused): answers 101 with the negotiated
 * X-Stream-Protocol-Version, accepts the client's streams by their
 * `streamtype` header (error, stdin, stdout, stderr, resize), runs the
 * session, writes the exit Status on the error stream, FINs every stream and
 * sends GOAWAY.
 */
import type { Duplex } from 'node:stream'
import { AsyncQueue } from '../../streaming/async-queue.ts'
import { errorStatus, exitStatus, parseResize, type ExecIO, type ExecOptions, type TerminalSize } from '../../streaming/exec-io.ts'
import type { UpgradePlan } from './handler.ts'
import { SpdySession, type SpdyStream } from '../../streaming/spdy-session.ts'

/** Upstream's streamCreationTimeout: the client opens its streams right after the upgrade. */
const STREAM_CREATION_TIMEOUT_MS = 30_000

/** The stream types a client opens for these options (stderr is merged into a tty). */
export const expectedStreams = (o: ExecOptions): string[] =>
  ['error', o.stdin && 'stdin', o.stdout && 'stdout', o.stderr && !o.tty && 'stderr', o.tty && 'resize'].filter((t): t is string => !!t)

/** Resize messages are JSON values, one per line (Go's json.Encoder). */
const resizeEvents = (stream: SpdyStream): AsyncIterable<TerminalSize> => {
  const out = new AsyncQueue<TerminalSize>()
  void (async () => {
    let pending = ''
    for await (const chunk of stream.data) {
      pending += chunk.toString('utf8')
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const size = parseResize(Buffer.from(line))
        if (size) out.push(size)
      }
    }
    out.end()
  })()
  return out
}

export const serveSpdy = async (socket: Duplex, head: Buffer, plan: UpgradePlan): Promise<void> => {
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${plan.protocol}\r\n\r\n`)
  if (head.length) socket.unshift(head)
  const expected = expectedStreams(plan.options)
  const streams = new Map<string, SpdyStream>()
  let allOpen: () => void = () => {}
  const opened = new Promise<void>((resolve) => (allOpen = resolve))
  const session = new SpdySession(socket, {
    client: false,
    onStream: (s) => {
      void s.reply()
      streams.set(s.headers['streamtype'] ?? '', s)
      if (expected.every((t) => streams.has(t))) allOpen()
    },
  })
  const abort = new AbortController()
  void session.closed.then(() => abort.abort())
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STREAM_CREATION_TIMEOUT_MS)))
  const failed = await Promise.race([opened.then(() => false), timedOut, session.closed.then(() => true)])
  clearTimeout(timer)
  if (failed) {
    socket.destroy()
    return
  }
  const get = (t: string) => streams.get(t)!
  const { options } = plan
  const io: ExecIO = {
    stdin: options.stdin ? get('stdin').data : undefined,
    stdout: options.stdout ? (chunk) => get('stdout').write(chunk) : undefined,
    stderr: options.stderr && !options.tty ? (chunk) => get('stderr').write(chunk) : undefined,
    resize: options.tty ? resizeEvents(get('resize')) : undefined,
    signal: abort.signal,
  }
  let status: object
  try {
    status = exitStatus(await plan.session.run(io), options.command)
  } catch (err) {
    status = errorStatus((err as Error)?.message ?? String(err))
  }
  const error = get('error')
  await error.write(Buffer.from(JSON.stringify(status)))
  for (const s of streams.values()) await s.end()
  await session.close()
}
