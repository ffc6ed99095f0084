/** The in-process transport: requests go straight into the apiserver's handler, as an internal user. */
import type { ApiRequest, ApiResponse } from '../apiserver/request.ts'
import type { Transport } from './transport.ts'

export interface RequestHandler {
  handle(req: ApiRequest): Promise<ApiResponse>
}

export const inProcessTransport =
  (server: RequestHandler, user = 'system:runclass'): Transport =>
  (req) =>
    server.handle({ ...req, user: req.user ?? user })
