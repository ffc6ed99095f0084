/**
 * The two error shapes patching produces that errors.ts has no constructor for:
 * upstream's generic 422 (`NewGenericServerResponse(422, …)`, which drops the
 * underlying text) and the 500 a raw Go error becomes (reason Unknown, which
 * the wire format omits).
 */
import { StatusError } from '../../api/errors.ts'

export const GENERIC_UNPROCESSABLE = 'the server rejected our request due to an error in our request'

/** 422 Invalid with upstream's fixed text and empty details, as for a failed JSON patch `test`. */
export const unprocessable = (): StatusError => new StatusError(422, 'Invalid', GENERIC_UNPROCESSABLE, {})

/** A non-Status error reaching the apiserver's error writer: 500, reason Unknown (omitted). */
export const unknownServerError = (message: string): StatusError => {
  const err = new StatusError(500, 'InternalError', message)
  delete err.status.reason
  return err
}
