/**
 * Container logs from CRI log files (upstream kuberuntime/logs): each line is
 * `<RFC3339Nano> <stdout|stderr> <P|F> <text>`, P marking a partial line
 * continued by the next. `readContainerLog` yields complete lines as
 * `kubectl logs` shows them, honouring tailLines, timestamps, sinceSeconds /
 * sinceTime, limitBytes and stream, and with follow polls the file until the
 * container has exited (and the file is drained) or the signal aborts.
 */
import { open, stat } from 'node:fs/promises'
import { sleep } from './sleep.ts'

export interface LogQuery {
  container: string
  follow: boolean
  previous: boolean
  timestamps: boolean
  tailLines?: number
  limitBytes?: number
  sinceSeconds?: number
  sinceTime?: string
  stream?: 'Stdout' | 'Stderr' | 'All'
}

export interface LogLine {
  time: string
  stream: 'stdout' | 'stderr'
  partial: boolean
  content: string
}

const int = (v: string | null) => (v === null || v === '' ? undefined : Number.parseInt(v, 10))

export const parseLogQuery = (q: URLSearchParams): LogQuery => ({
  container: q.get('container') ?? '',
  follow: q.get('follow') === 'true',
  previous: q.get('previous') === 'true',
  timestamps: q.get('timestamps') === 'true',
  tailLines: int(q.get('tailLines')),
  limitBytes: int(q.get('limitBytes')),
  sinceSeconds: int(q.get('sinceSeconds')),
  sinceTime: q.get('sinceTime') ?? undefined,
  stream: (q.get('stream') as LogQuery['stream']) ?? undefined,
})

/** One CRI log line; undefined when it does not have the format. */
export const parseCriLogLine = (line: string): LogLine | undefined => {
  const m = /^(\S+) (stdout|stderr) ([PF]) ?(.*)$/s.exec(line)
  if (!m) return undefined
  return { time: m[1], stream: m[2] as LogLine['stream'], partial: m[3] === 'P', content: m[4] }
}

/** RFC3339Nano → ms epoch (fractions beyond ms ignored). */
const timeMs = (t: string) => Date.parse(t.replace(/(\.\d{3})\d+/, '$1'))

/** Joins partial lines per stream and renders complete ones. */
export class LogAssembler {
  private readonly partial: Record<string, { time: string; content: string } | undefined> = {}
  private readonly sinceMs?: number

  constructor(private readonly q: Pick<LogQuery, 'timestamps' | 'sinceSeconds' | 'sinceTime' | 'stream'>, now = Date.now()) {
    if (q.sinceTime) this.sinceMs = Date.parse(q.sinceTime)
    else if (q.sinceSeconds !== undefined) this.sinceMs = now - q.sinceSeconds * 1000
  }

  /** Complete output lines (with newline) for one raw file line. */
  push(raw: string): string | undefined {
    const l = parseCriLogLine(raw)
    if (!l) return undefined
    if (this.q.stream && this.q.stream !== 'All' && l.stream !== this.q.stream.toLowerCase()) return undefined
    const prev = this.partial[l.stream]
    const time = prev?.time ?? l.time
    const content = (prev?.content ?? '') + l.content
    if (l.partial) {
      this.partial[l.stream] = { time, content }
      return undefined
    }
    this.partial[l.stream] = undefined
    if (this.sinceMs !== undefined && timeMs(time) < this.sinceMs) return undefined
    return this.q.timestamps ? `${time} ${content}\n` : `${content}\n`
  }
}

export interface ReadLogOptions {
  signal?: AbortSignal
  /** For follow: is the container still running? */
  isRunning?: () => Promise<boolean>
  pollMs?: number
}

/** Cuts output at limitBytes. */
class Limiter {
  private left: number
  constructor(limit?: number) {
    this.left = limit ?? Infinity
  }
  get done() {
    return this.left <= 0
  }
  take(s: string): string {
    if (this.left === Infinity) return s
    const b = Buffer.from(s)
    const out = b.length <= this.left ? s : b.subarray(0, this.left).toString()
    this.left -= Math.min(this.left, b.length)
    return out
  }
}

export async function* readContainerLog(path: string, q: LogQuery, opts: ReadLogOptions = {}): AsyncGenerator<string> {
  const asm = new LogAssembler(q)
  const limit = new Limiter(q.limitBytes)
  let fh
  try {
    fh = await open(path, 'r')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
    throw err
  }
  try {
    let offset = 0
    let rest = ''
    const readNew = async (): Promise<string[]> => {
      const { size } = await stat(path)
      if (size <= offset) return []
      const buf = Buffer.alloc(size - offset)
      const { bytesRead } = await fh.read(buf, 0, buf.length, offset)
      offset += bytesRead
      const text = rest + buf.subarray(0, bytesRead).toString('utf8')
      const lines = text.split('\n')
      rest = lines.pop() ?? ''
      return lines.flatMap((l) => asm.push(l) ?? [])
    }
    let first = await readNew()
    if (q.tailLines !== undefined) first = q.tailLines <= 0 ? [] : first.slice(-q.tailLines)
    for (const line of first) {
      yield limit.take(line)
      if (limit.done) return
    }
    if (!q.follow) return
    while (!opts.signal?.aborted) {
      const running = opts.isRunning ? await opts.isRunning() : false
      for (const line of await readNew()) {
        yield limit.take(line)
        if (limit.done) return
      }
      if (!running) return
      await sleep(opts.pollMs ?? 200, opts.signal)
    }
  } finally {
    await fh.close()
  }
}
