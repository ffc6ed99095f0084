/**
 * How CRI errors read in events and statuses: gRPC-go's rendering
 * `rpc error: code = <Code> desc = <text>` (kubelet-cri.md §2), and the test
 * for "the runtime has no such handler" that turns a sandbox failure into a
 * terminal one (spec README decision b). Works on any error carrying a gRPC
 * `code` and `details` (the real client's CriError and the test fake).
 */

const CODE_NAMES = [
  'OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists', 'PermissionDenied',
  'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal', 'Unavailable',
  'DataLoss', 'Unauthenticated',
]

const codeName = (code: unknown): string | undefined => {
  if (typeof code === 'number') return CODE_NAMES[code]
  if (typeof code === 'string') {
    if (/^\d+$/.test(code)) return CODE_NAMES[Number(code)]
    // 'NOT_FOUND' / 'NotFound' / 'UNKNOWN' → grpc-go's CamelCase name
    const flat = code.replace(/_/g, '').toLowerCase()
    return CODE_NAMES.find((n) => n.toLowerCase() === flat)
  }
  return undefined
}

/** The text after `desc = `: the runtime's own message. */
export const criErrorDetails = (err: unknown): string => {
  const e = err as { details?: unknown; message?: unknown }
  if (typeof e?.details === 'string' && e.details) return e.details
  const msg = typeof e?.message === 'string' ? e.message : String(err)
  const m = /desc = ([\s\S]*)$/.exec(msg)
  return m ? m[1] : msg
}

/** `rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "x" is configured` */
export const renderCriError = (err: unknown): string => {
  const e = err as { code?: unknown; message?: unknown }
  if (typeof e?.message === 'string' && e.message.startsWith('rpc error: ')) return e.message
  const name = codeName(e?.code)
  if (!name) return err instanceof Error ? err.message : String(err)
  return `rpc error: code = ${name} desc = ${criErrorDetails(err)}`
}

/** containerd 1.x/2.x and CRI-O wording for a handler they do not have (kubelet-cri.md §2). */
export const isUnknownHandlerError = (err: unknown): boolean =>
  /no runtime for ".*" is configured|failed to find runtime handler|empty runtime path for runtime handler/.test(criErrorDetails(err))
