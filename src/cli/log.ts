/**
 * The CLI's logger: pino, writing JSON lines to stderr with `--log-format json`,
 * or one readable line per record with `--log-format text` (the default), e.g.
 * `11:20:31 WARN  [agent] pod default/web: image not available offline`.
 * pino-pretty would do this too; it is a dependency for ten lines of formatting.
 */
import { Writable } from 'node:stream'
import pino, { type Logger } from 'pino'

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' }
const SKIP = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'component'])

export const formatLine = (json: string): string => {
  let rec: Record<string, unknown>
  try {
    rec = JSON.parse(json)
  } catch {
    return json
  }
  const time = new Date(Number(rec.time)).toISOString().slice(11, 19)
  const level = (LEVELS[Number(rec.level)] ?? String(rec.level)).padEnd(5)
  const component = rec.component ? `[${rec.component}] ` : ''
  const extras = Object.entries(rec)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
  return `${time} ${level} ${component}${rec.msg ?? ''}${extras.length ? ` ${extras.join(' ')}` : ''}`
}

const textStream = () =>
  new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) process.stderr.write(`${formatLine(line)}\n`)
      done()
    },
  })

export const cliLogger = (level: string, format: 'text' | 'json' = 'text'): Logger =>
  pino({ level, base: { component: 'runclass' } }, format === 'json' ? pino.destination(2) : textStream())
