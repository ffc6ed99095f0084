/**
 * The apiserver's transport-neutral request and response. The HTTPS listener and
 * the in-process client both build an ApiRequest and hand it to ApiServer.handle,
 * so everything above the socket is tested without a network.
 */
import type { Status } from '../api/errors.ts'

export interface ApiRequest {
  method: string
  /** Path plus query, e.g. `/api/v1/namespaces/default/pods?limit=500`. */
  url: string
  /** Lower-case header names. */
  headers: Record<string, string | undefined>
  body?: Buffer
  /** Set by authentication; in-process callers set it directly. */
  user?: string
  /** Aborted when the client goes away (ends watches and log streams). */
  signal?: AbortSignal
}

export interface ApiResponse {
  status: number
  headers: Record<string, string | string[]>
  /** A complete body … */
  body?: string | Buffer
  /** … or a stream (watch, logs), written chunk by chunk and flushed at once. */
  stream?: AsyncIterable<string | Buffer>
}

export const JSON_TYPE = 'application/json'

export const jsonResponse = (status: number, value: unknown, headers: Record<string, string | string[]> = {}): ApiResponse => ({
  status,
  headers: { 'content-type': JSON_TYPE, ...headers },
  body: JSON.stringify(value),
})

export const statusResponse = (status: Status, warnings: string[] = []): ApiResponse =>
  jsonResponse(status.code, status, warnings.length ? { warning: warnings.map(warningHeader) } : {})

/** RFC 7234 warning header as kube-apiserver sends it: `299 - "<text>"`. */
export const warningHeader = (text: string) => `299 - ${JSON.stringify(text)}`

export const header = (req: ApiRequest, name: string): string => req.headers[name] ?? ''
