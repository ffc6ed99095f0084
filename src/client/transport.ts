/**
 * Transports carry an ApiRequest to an apiserver and bring back an ApiResponse:
 * in-process (a function call into ApiServer.handle) or HTTPS with keep-alive,
 * a bearer token and the cluster CA.
 */
import https from 'node:https'
import type { ApiRequest, ApiResponse } from '../apiserver/request.ts'

export type Transport = (req: ApiRequest) => Promise<ApiResponse>

export const readBody = async (res: ApiResponse): Promise<Buffer> => {
  if (res.body !== undefined) return Buffer.isBuffer(res.body) ? res.body : Buffer.from(res.body)
  const chunks: Buffer[] = []
  if (res.stream) for await (const c of res.stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c))
  return Buffer.concat(chunks)
}

export interface HttpsTransportOptions {
  server: string
  token: string
  ca?: string | Buffer
  insecureSkipTLSVerify?: boolean
}

export const httpsTransport = (opts: HttpsTransportOptions): Transport & { close(): void } => {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: opts.ca, rejectUnauthorized: !opts.insecureSkipTLSVerify })
  const base = new URL(opts.server)
  const transport = (req: ApiRequest) =>
    new Promise<ApiResponse>((resolve, reject) => {
      const url = new URL(req.url, base)
      const headers: Record<string, string> = { authorization: `Bearer ${opts.token}`, 'user-agent': 'runclass' }
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = v
      if (req.body) headers['content-length'] = String(req.body.length)
      const r = https.request(url, { method: req.method, headers, agent, signal: req.signal }, (res) => {
        const outHeaders: Record<string, string | string[]> = {}
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) outHeaders[k] = v
        resolve({ status: res.statusCode ?? 0, headers: outHeaders, stream: res })
      })
      r.on('error', reject)
      r.end(req.body)
    })
  return Object.assign(transport, { close: () => agent.destroy() })
}
