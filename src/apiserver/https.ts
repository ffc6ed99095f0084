/**
 * The HTTPS listener: reads bodies (refusing more than 3 MiB before reading
 * them), hands ApiRequests to ApiServer.handle, and streams responses, flushing
 * headers at once for watches. A client that disconnects aborts its request.
 * Upgrade requests (exec/attach) are handed to exec/upgrade.ts.
 */
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { requestEntityTooLarge } from '../api/errors.ts'
import { MAX_BODY_BYTES } from './body.ts'
import { handleUpgrade } from './exec/upgrade.ts'
import { statusResponse, type ApiResponse } from './request.ts'
import type { ApiServer } from './server.ts'
import type { TlsMaterial } from './tls.ts'

export interface Listener {
  port: number
  close(): Promise<void>
}

const writeResponse = async (res: import('node:http').ServerResponse, out: ApiResponse) => {
  const { 'transfer-encoding': _te, ...headers } = out.headers
  if (out.stream) {
    res.writeHead(out.status, headers)
    res.flushHeaders()
    for await (const chunk of out.stream) {
      if (res.destroyed) break
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r))
    }
    res.end()
    return
  }
  // Encoded once: measuring a string's UTF-8 length costs as much as encoding it (33 MB LISTs).
  const body = typeof out.body === 'string' ? Buffer.from(out.body) : (out.body ?? Buffer.alloc(0))
  res.writeHead(out.status, { ...headers, 'content-length': body.length })
  res.end(body)
}

export const listen = async (server: ApiServer, tls: TlsMaterial, port: number, host = '0.0.0.0'): Promise<Listener> => {
  const httpsServer = https.createServer({ key: tls.key, cert: tls.cert, keepAliveTimeout: 65_000 }, (req, res) => {
    const abort = new AbortController()
    // Only a client that leaves early aborts its request (watches, log streams).
    res.on('close', () => {
      if (!res.writableFinished) abort.abort()
    })
    const length = Number(req.headers['content-length'] ?? 0)
    if (length > MAX_BODY_BYTES) {
      void writeResponse(res, statusResponse(requestEntityTooLarge(`Request entity too large: limit is ${MAX_BODY_BYTES}`).status)).catch(() => res.destroy())
      req.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(c)
    })
    req.on('end', () => {
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
      const handled: Promise<ApiResponse> = tooLarge
        ? Promise.resolve(statusResponse(requestEntityTooLarge(`Request entity too large: limit is ${MAX_BODY_BYTES}`).status))
        : server.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body: Buffer.concat(chunks), signal: abort.signal })
      handled.then((out) => writeResponse(res, out)).catch(() => res.destroy())
    })
  })
  // exec/attach upgrades (WebSocket, SPDY) go through ApiServer.handle too: same authentication.
  const upgraded = new Set<Duplex>()
  httpsServer.on('upgrade', (req, socket, head) => {
    // Upgraded sockets leave the HTTP server's bookkeeping: close() ends them itself.
    upgraded.add(socket)
    socket.once('close', () => upgraded.delete(socket))
    handleUpgrade(server, req, socket, head).catch(() => socket.destroy())
  })
  httpsServer.on('tlsClientError', () => {})
  await new Promise<void>((resolve, reject) => {
    httpsServer.once('error', reject)
    httpsServer.listen(port, host, () => resolve())
  })
  const actual = (httpsServer.address() as AddressInfo).port
  return {
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        httpsServer.close(() => resolve())
        httpsServer.closeAllConnections()
        for (const s of upgraded) s.destroy()
      }),
  }
}
