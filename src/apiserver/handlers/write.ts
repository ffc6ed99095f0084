/**
 * POST (create) and PUT (update) of a whole object. PUT to a missing name
 * creates it where the resource allows (RuntimeClass, Lease, Event); a PUT
 * without resourceVersion is refused where the resource demands one.
 */
import { badRequest, invalidObject, notFound, optimisticLockConflict, StatusError } from '../../api/errors.ts'
import { groupResource } from '../../api/resources/index.ts'
import { decodeBody } from '../body.ts'
import { decodeObject, fieldValidationOf } from '../codec.ts'
import { parseResourceVersion } from '../object-store.ts'
import type { ApiResponse } from '../request.ts'
import type { Scope } from '../scope.ts'
import { createObject, updateObject } from './common.ts'

export const decodeRequestObject = (s: Scope) =>
  decodeObject(s.def, s.version, decodeBody(s.req.body, s.req.headers['content-type'] ?? ''), fieldValidationOf(s.info.query), s.warnings)

export const createHandler = async (s: Scope): Promise<ApiResponse> => {
  const obj = decodeRequestObject(s)
  if (s.info.name) throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
  return createObject(s, obj)
}

export const updateHandler = async (s: Scope): Promise<ApiResponse> => {
  const obj = decodeRequestObject(s)
  const bodyName = obj.metadata.name ?? ''
  if (bodyName !== s.info.name) {
    throw badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${s.info.name})`)
  }
  if (s.def.namespaced && obj.metadata.namespace && obj.metadata.namespace !== s.info.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request')
  }
  const old = await s.objects.tryGet(s.info.namespace, s.info.name)
  if (!old) {
    if (s.def.allowCreateOnUpdate && !s.info.subresource) return createObject(s, obj)
    throw notFound(groupResource(s.def), s.info.name)
  }
  const rv = parseResourceVersion(obj.metadata.resourceVersion)
  if (rv === undefined && !s.def.allowUnconditionalUpdate) {
    const gr = groupResource(s.def)
    const err = invalidObject({ group: gr.group, kind: gr.resource }, s.info.name, [
      { type: 'FieldValueInvalid', field: 'metadata.resourceVersion', value: 0, detail: 'must be specified for an update' },
    ])
    throw err
  }
  if (rv !== undefined && String(rv) !== old.metadata.resourceVersion) throw optimisticLockConflict(groupResource(s.def), s.info.name)
  return updateObject(s, obj, old)
}
