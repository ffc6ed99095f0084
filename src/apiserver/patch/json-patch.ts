/**
 * RFC 6902 JSON patch (`application/json-patch+json`), as kube-apiserver's
 * patch handler applies it: a body that does not decode as a list of
 * operations is 400 BadRequest (`error decoding patch: …`), more than 10000
 * operations is 413, and any failure while applying (a failed `test`, a
 * missing path, an unknown op) is upstream's generic 422 whose message does
 * not say which operation failed. The input object is never mutated.
 */
import jsonpatch from 'fast-json-patch'
import type { Operation } from 'fast-json-patch'
import { badRequest, requestEntityTooLarge } from '../../api/errors.ts'
import { isPlainObject, jsonKindWord } from './go-format.ts'
import { unprocessable } from './patch-errors.ts'

export const MAX_JSON_PATCH_OPERATIONS = 10000

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore'

const STRING_FIELDS = ['op', 'path', 'from'] as const

/**
 * Decodes the body the way upstream does before applying: with Strict/Warn
 * (the default when the client sends none) into `[]handlers.jsonPatchOp`, with
 * Ignore into evanphx's `jsonpatch.Patch`; the wording of the Go decode error
 * differs accordingly.
 */
const decodeOperations = (patch: unknown, validation: FieldValidation): Operation[] => {
  const strict = validation !== 'Ignore'
  const fail = (message: string) => badRequest(strict ? `error decoding patch: ${message}` : message)
  if (patch === null) return []
  if (!Array.isArray(patch)) {
    throw fail(`json: cannot unmarshal ${jsonKindWord(patch)} into Go value of type ${strict ? '[]handlers.jsonPatchOp' : 'jsonpatch.Patch'}`)
  }
  const ops: Operation[] = []
  for (const op of patch) {
    if (op === null) continue
    if (!isPlainObject(op)) {
      throw fail(`json: cannot unmarshal ${jsonKindWord(op)} into Go value of type ${strict ? 'handlers.jsonPatchOp' : 'jsonpatch.Operation'}`)
    }
    if (strict) {
      for (const field of STRING_FIELDS) {
        const value = op[field]
        if (value !== undefined && value !== null && typeof value !== 'string') {
          throw fail(`json: cannot unmarshal ${jsonKindWord(value)} into Go struct field jsonPatchOp.${field} of type string`)
        }
      }
    }
    ops.push(op as unknown as Operation)
  }
  return ops
}

/** Applies `patch` (the decoded request body) to a copy of `original`; throws a StatusError on failure. */
export const applyJsonPatch = (original: object, patch: unknown, validation: FieldValidation = 'Warn'): Record<string, unknown> => {
  const ops = decodeOperations(patch, validation)
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw requestEntityTooLarge(`The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`)
  }
  const doc = structuredClone(original) as Record<string, unknown>
  let result: unknown
  try {
    result = jsonpatch.applyPatch(doc, ops, true, true, true).newDocument
  } catch {
    // Upstream wraps every apply error in NewGenericServerResponse(422), which keeps no cause.
    throw unprocessable()
  }
  return result as Record<string, unknown>
}
