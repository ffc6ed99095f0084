/**
 * CriError: the one error type every CRI call ends in. It carries the gRPC code
 * (Go-style name, e.g. `Unknown`, and number), the runtime's details and the
 * method, and renders exactly as gRPC-go does (`rpc error: code = Unknown desc =
 * <details>`), because that text is what upstream kubelet events show.
 * `toCriError` is the single place a raw grpc-js error is mapped.
 */

/** gRPC status code numbers → gRPC-go `codes.Code.String()` names. */
export const GRPC_CODE_NAMES = [
  'OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists',
  'PermissionDenied', 'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange',
  'Unimplemented', 'Internal', 'Unavailable', 'DataLoss', 'Unauthenticated',
] as const

export type GrpcCodeName = (typeof GRPC_CODE_NAMES)[number]

export class CriError extends Error {
  readonly code: GrpcCodeName
  constructor(
    readonly grpcCode: number,
    readonly details: string,
    /** The CRI method, e.g. `RunPodSandbox`. */
    readonly method: string,
  ) {
    const code = GRPC_CODE_NAMES[grpcCode] ?? 'Unknown'
    super(`rpc error: code = ${code} desc = ${details}`)
    this.name = 'CriError'
    this.code = code
  }
}

interface GrpcLikeError {
  code?: unknown
  details?: unknown
  message?: unknown
}

/** Maps whatever a grpc-js call rejected with to a CriError (idempotent). */
export const toCriError = (err: unknown, method: string): CriError => {
  if (err instanceof CriError) return err
  const e = (err ?? {}) as GrpcLikeError
  if (typeof e.code === 'number' && e.code >= 0 && e.code < GRPC_CODE_NAMES.length) {
    const details = typeof e.details === 'string' ? e.details : String(e.message ?? '')
    return new CriError(e.code, details, method)
  }
  // Not a gRPC status (a bug or a local failure): Unknown, with the original text.
  return new CriError(2, err instanceof Error ? err.message : String(err), method)
}

export const isCriError = (err: unknown, code?: GrpcCodeName): err is CriError =>
  err instanceof CriError && (code === undefined || err.code === code)

export const isNotFound = (err: unknown): boolean => isCriError(err, 'NotFound')
export const isDeadlineExceeded = (err: unknown): boolean => isCriError(err, 'DeadlineExceeded')
export const isUnavailable = (err: unknown): boolean => isCriError(err, 'Unavailable')

/** Setting up the embedded runtime failed in a way the operator can fix; `code` is stable (RC_*). */
export class RuntimeSetupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'RuntimeSetupError'
  }
}
