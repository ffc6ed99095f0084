/**
 * The two error shapes patching produces beyond errors.ts: upstream's generic 422
 * (`NewGenericServerResponse(422, …)`, which drops the underlying text), and a
 * malformed patch. Upstream lets the latter escape as a raw Go error (a 500); we
 * answer 400 BadRequest with the same text, because the fault is the request's
 * and runclass never answers 500 for bad input.
 */
import { StatusError } from '../../api/errors.ts'

export const GENERIC_UNPROCESSABLE = 'the server rejected our request due to an error in our request'

/** 422 Invalid with upstream's fixed text and empty details, as for a failed JSON patch `test`. */
export const unprocessable = (): StatusError => new StatusError(422, 'Invalid', GENERIC_UNPROCESSABLE, {})

/** A patch the server cannot apply: 400 with upstream's (Go) error text. */
export const malformedPatch = (message: string): StatusError => new StatusError(400, 'BadRequest', message)
