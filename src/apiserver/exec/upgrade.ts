/**
 * The HTTPS listener's 'upgrade' path: every request carrying `Upgrade`
 * goes through ApiServer.handle like any other (so a bad token is a 401 and a
 * bad container a Status, before anything is upgraded). A 101 from the exec
 * handler is then completed as WebSocket or SPDY/3.1; any other response is
 * written as plain HTTP/1.1 on the raw socket and the connection closed.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { ApiResponse } from '../request.ts'
import type { ApiServer } from '../server.ts'
import { takeUpgrade } from './handler.ts'
import { serveSpdy } from './spdy-exec.ts'
import { serveWebSocket } from './websocket.ts'

const bodyOf = async (out: ApiResponse): Promise<Buffer> => {
  if (!out.stream) return typeof out.body === 'string' ? Buffer.from(out.body) : (out.body ?? Buffer.alloc(0))
  const chunks: Buffer[] = []
  for await (const c of out.stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c)
  return Buffer.concat(chunks)
}

const writeRawResponse = async (socket: Duplex, out: ApiResponse) => {
  const body = await bodyOf(out)
  const lines = [`HTTP/1.1 ${out.status} ${STATUS_CODES[out.status] ?? ''}`]
  for (const [k, v] of Object.entries(out.headers)) {
    if (k === 'transfer-encoding' || k === 'content-length' || k === 'connection') continue
    for (const one of Array.isArray(v) ? v : [v]) lines.push(`${k}: ${one}`)
  }
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '')
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), body]))
}

export const handleUpgrade = async (server: ApiServer, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
  socket.on('error', () => socket.destroy())
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
  const out = await server.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body: Buffer.alloc(0) })
  const plan = takeUpgrade(out)
  if (!plan) return writeRawResponse(socket, out)
  if (plan.transport === 'websocket') return serveWebSocket(req, socket, head, plan)
  return serveSpdy(socket, head, plan)
}
