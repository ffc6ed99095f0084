/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`), with evanphx's
 * (and so kube-apiserver's) edge cases: `null` deletes, objects merge
 * recursively, anything else replaces, and nulls inside a value that replaces
 * are dropped from objects (kept in arrays). A body that is not a JSON object
 * is 400 BadRequest with upstream's texts. The input object is never mutated.
 */
import { badRequest } from '../../api/errors.ts'
import { isPlainObject, jsonKindWord } from './go-format.ts'
import type { FieldValidation } from './json-patch.ts'

/** evanphx's ErrBadJSONPatch, which the handler turns into a 400. */
export const BAD_JSON_PATCH = 'Invalid JSON Patch'

/** Removes null-valued keys from objects, recursing through objects and arrays. */
const pruneNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(pruneNulls)
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (v !== null) out[k] = pruneNulls(v)
  }
  return out
}

/** Merges `patch` into `target` (which is mutated) and returns it. */
export const mergeInto = (target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> => {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key]
      continue
    }
    const current = target[key]
    if (isPlainObject(current) && isPlainObject(value)) {
      target[key] = mergeInto(current, value)
    } else {
      target[key] = pruneNulls(value)
    }
  }
  return target
}

/** Applies a merge patch (the decoded request body) to a copy of `original`. */
export const applyMergePatch = (original: object, patch: unknown, validation: FieldValidation = 'Warn'): Record<string, unknown> => {
  // With Strict/Warn upstream first decodes the body into map[string]any.
  if (validation !== 'Ignore' && patch !== null && !isPlainObject(patch)) {
    throw badRequest(`error decoding patch: json: cannot unmarshal ${jsonKindWord(patch)} into Go value of type map[string]interface {}`)
  }
  if (!isPlainObject(patch)) throw badRequest(BAD_JSON_PATCH)
  return mergeInto(structuredClone(original) as Record<string, unknown>, structuredClone(patch))
}
