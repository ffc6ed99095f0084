/**
 * The one error type of the API: a StatusError carries a real metav1.Status
 * (kind, code, reason, message, details.causes) and is turned into HTTP in one
 * place (apiserver/errors.ts). One constructor per reason, each with
 * Kubernetes' exact message text (apimachinery api/errors).
 */

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'TooManyRequests'

export interface StatusCause {
  reason?: string
  message?: string
  field?: string
}

export interface StatusDetails {
  name?: string
  group?: string
  kind?: string
  uid?: string
  causes?: StatusCause[]
  retryAfterSeconds?: number
}

export interface Status {
  kind: 'Status'
  apiVersion: 'v1'
  metadata: Record<string, unknown>
  status: 'Success' | 'Failure'
  message?: string
  reason?: StatusReason
  details?: StatusDetails
  code: number
}

/** Identifies a resource in messages: `runtimeclasses.node.k8s.io`, or `pods` for the core group. */
export interface GroupResource {
  group: string
  resource: string
}

export const qualifiedResource = ({ group, resource }: GroupResource): string =>
  group ? `${resource}.${group}` : resource

export class StatusError extends Error {
  readonly status: Status
  /** Warnings to send along with the error (HTTP `Warning` headers). */
  warnings: string[] = []

  constructor(code: number, reason: StatusReason, message: string, details?: StatusDetails) {
    super(message)
    this.name = 'StatusError'
    this.status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    }
  }

  get code(): number {
    return this.status.code
  }
  get reason(): StatusReason {
    return this.status.reason!
  }
}

export const isStatusError = (err: unknown): err is StatusError => err instanceof StatusError
const hasReason = (err: unknown, reason: StatusReason) => isStatusError(err) && err.reason === reason
export const isNotFound = (err: unknown) => hasReason(err, 'NotFound')
export const isAlreadyExists = (err: unknown) => hasReason(err, 'AlreadyExists')
export const isConflict = (err: unknown) => hasReason(err, 'Conflict')
export const isInvalid = (err: unknown) => hasReason(err, 'Invalid')
export const isForbidden = (err: unknown) => hasReason(err, 'Forbidden')
export const isGone = (err: unknown) => hasReason(err, 'Expired') || hasReason(err, 'Gone')

const details = (gr: GroupResource, name: string, extra: StatusDetails = {}): StatusDetails => ({
  name,
  ...(gr.group ? { group: gr.group } : {}),
  kind: gr.resource,
  ...extra,
})

export const notFound = (gr: GroupResource, name: string) =>
  new StatusError(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, details(gr, name))

export const alreadyExists = (gr: GroupResource, name: string) =>
  new StatusError(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, details(gr, name))

export const conflict = (gr: GroupResource, name: string, why: string) =>
  new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`,
    details(gr, name),
  )

export const OPTIMISTIC_LOCK_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again'

export const optimisticLockConflict = (gr: GroupResource, name: string) => conflict(gr, name, OPTIMISTIC_LOCK_MESSAGE)

export const forbidden = (gr: GroupResource, name: string, why: string) => {
  const what = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr)
  return new StatusError(403, 'Forbidden', `${what} is forbidden: ${why}`, details(gr, name))
}

export const badRequest = (message: string) => new StatusError(400, 'BadRequest', message)

export const unauthorized = () => new StatusError(401, 'Unauthorized', 'Unauthorized')

export const methodNotSupported = (gr: GroupResource, action: string) =>
  new StatusError(
    405,
    'MethodNotAllowed',
    `${action} is not supported on resources of kind "${qualifiedResource(gr)}"`,
    details(gr, ''),
  )

export const methodNotAllowed = () =>
  new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')

export const notAcceptable = (message: string) => new StatusError(406, 'NotAcceptable', message)

export const unsupportedMediaType = (contentType: string) =>
  new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`, {
    causes: [{ reason: 'UnexpectedServerResponse', message: contentType }],
  })

export const requestEntityTooLarge = (message: string) => new StatusError(413, 'RequestEntityTooLarge', message)

export const internalError = (message: string) =>
  new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  })

export const serviceUnavailable = (message: string) => new StatusError(503, 'ServiceUnavailable', message)

export const expired = (message: string) => new StatusError(410, 'Expired', message)

/** The generic "not found" for an unknown URL (no such resource type). */
export const pathNotFound = () =>
  new StatusError(404, 'NotFound', 'the server could not find the requested resource', {})

// ---- field errors (apimachinery util/validation/field) ----

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueInvalid'
  | 'FieldValueDuplicate'
  | 'FieldValueNotSupported'
  | 'FieldValueNotFound'
  | 'FieldValueTypeInvalid'

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueInvalid: 'Invalid value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueNotFound: 'Not found',
  FieldValueTypeInvalid: 'Invalid value',
}

/** Types whose rendering never shows the bad value. */
const OMITS_VALUE = new Set<FieldErrorType>(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'FieldValueTooMany', 'InternalError'])

/** A value rendered the way upstream prints it: strings Go-quoted, numbers and booleans plain, structs as JSON. */
export const renderValue = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value === null || value === undefined) return 'null'
  return JSON.stringify(value)
}

export interface FieldError {
  type: FieldErrorType
  field: string
  /** The bad value, already in the form it is shown (see renderValue); undefined for types that omit it. */
  value?: unknown
  detail?: string
}

/** `Invalid value: "Foo": detail` — the error text without the path (the Status cause message). */
export const fieldErrorBody = (e: FieldError): string => {
  let s = TYPE_TEXT[e.type]
  if (!OMITS_VALUE.has(e.type)) s += `: ${renderValue(e.value)}`
  if (e.detail) s += `: ${e.detail}`
  return s
}

/** `handler: Invalid value: "Foo": detail` */
export const fieldErrorText = (e: FieldError): string => (e.field ? `${e.field}: ${fieldErrorBody(e)}` : fieldErrorBody(e))

export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail })
export const invalid = (field: string, value: unknown, detail = ''): FieldError => ({ type: 'FieldValueInvalid', field, value, detail })
export const forbiddenField = (field: string, detail = ''): FieldError => ({ type: 'FieldValueForbidden', field, detail })
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value })
export const tooLong = (field: string, detail = ''): FieldError => ({ type: 'FieldValueTooLong', field, detail })
export const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  value,
  detail: supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '',
})

/**
 * 422 Invalid, as upstream's NewInvalid: `<Kind>[.<group>] "<name>" is invalid: <agg>`.
 * `agg` is the single text, or `[e1, e2]` with identical texts listed once.
 */
export const invalidObject = (kind: { group: string; kind: string }, name: string, errors: FieldError[]) => {
  const qualifiedKind = kind.group ? `${kind.kind}.${kind.group}` : kind.kind
  const texts = [...new Set(errors.map(fieldErrorText))]
  let message = `${qualifiedKind} "${name}" is invalid`
  if (texts.length === 1) message += `: ${texts[0]}`
  else if (texts.length > 1) message += `: [${texts.join(', ')}]`
  return new StatusError(422, 'Invalid', message, {
    name,
    ...(kind.group ? { group: kind.group } : {}),
    kind: kind.kind,
    causes: errors.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field })),
  })
}
