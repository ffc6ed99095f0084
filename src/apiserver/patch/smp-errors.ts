/**
 * The errors apimachinery's strategic merge patch returns (mergepatch/errors.go)
 * mapped the way kube-apiserver's patch handler maps them: malformed
 * directives are 400, lists of lists the generic 422, and everything else
 * (a missing merge key, an unknown `$patch`) a raw Go error, i.e. a 500
 * carrying the Go text.
 */
import { badRequest } from '../../api/errors.ts'
import { goTypeName, goValue, isPlainObject } from './go-format.ts'
import { malformedPatch, unprocessable } from './patch-errors.ts'

export type Obj = Record<string, unknown>
export const isMap = isPlainObject

export const errBadPatchFormatForPrimitiveList = () => badRequest('invalid patch format of primitive list')
export const errBadPatchFormatForRetainKeys = () => badRequest('invalid patch format of retainKeys')
export const errBadPatchFormatForSetElementOrderList = () => badRequest('invalid patch format of setElementOrder list')
export const errNoListOfLists = () => unprocessable()

export const errNoMergeKey = (m: Obj, key: string) =>
  malformedPatch(`map: ${goValue(m)} does not contain declared merge key: ${key}`)

export const errBadArgType = (expected: string, actual: unknown) =>
  malformedPatch(`expected a ${expected}, but received a ${goTypeName(actual)}`)

/** `%s` of a non-string in Go prints `%!s(type=value)`. */
const goS = (v: unknown) => (typeof v === 'string' ? v : `%!s(${goTypeName(v)}=${goValue(v)})`)

export const errBadPatchType = (directive: unknown, m: Obj) =>
  malformedPatch(`unknown patch type: ${goS(directive)} in map: ${goValue(m)}`)
