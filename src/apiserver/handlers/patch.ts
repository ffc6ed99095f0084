/**
 * PATCH in all four flavours kubectl and client-node send: JSON patch, merge
 * patch, strategic merge patch, and server-side apply (which creates a missing
 * object). The patch applies to the object as the client's version shows it,
 * then the result goes through the normal update pipeline. A patch without a
 * resourceVersion is retried when a concurrent write wins the race.
 */
import { badRequest, isConflict, notFound, optimisticLockConflict, StatusError } from '../../api/errors.ts'
import type { KubeObject } from '../../api/meta.ts'
import { groupResource } from '../../api/resources/index.ts'
import { definitions } from '../../api/schema/index.ts'
import { checkBodySize, mediaType, parseJson, parseYamlBody } from '../body.ts'
import { decodeObject, encodeObject, fieldValidationOf } from '../codec.ts'
import { applyJsonPatch } from '../patch/json-patch.ts'
import { applyMergePatch } from '../patch/merge-patch.ts'
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.ts'
import { applyServerSide, applyConflictError } from '../patch/server-side-apply.ts'
import { rfc3339, apiVersionOf } from '../../api/meta.ts'
import type { ApiResponse } from '../request.ts'
import type { Scope } from '../scope.ts'
import { createObject, updateObject } from './common.ts'

const SUPPORTED = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml']

const MAX_ATTEMPTS = 5

export const patchHandler = async (s: Scope): Promise<ApiResponse> => {
  checkBodySize(s.req.body?.length ?? 0)
  const type = mediaType(s.req.headers['content-type'] ?? '')
  if (!SUPPORTED.includes(type)) {
    throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${SUPPORTED.join(', ')}`)
  }
  const body = s.req.body ?? Buffer.alloc(0)
  const patch = type === 'application/apply-patch+yaml' ? parseYamlBody(body) : parseJson(body)
  for (let attempt = 1; ; attempt++) {
    try {
      return await patchOnce(s, type, patch)
    } catch (err) {
      const pinned = typeof (patch as any)?.metadata?.resourceVersion === 'string'
      if (!isConflict(err) || pinned || attempt >= MAX_ATTEMPTS) throw err
      s.warnings.length = 0
    }
  }
}

const patchOnce = async (s: Scope, type: string, patch: unknown): Promise<ApiResponse> => {
  const validation = fieldValidationOf(s.info.query)
  const old = await s.objects.tryGet(s.info.namespace, s.info.name)
  const rootDef = s.version.definition

  if (type === 'application/apply-patch+yaml') {
    const manager = s.info.query.get('fieldManager')
    if (!manager) throw badRequest('PATCH requests to create or update objects via server-side apply require the fieldManager parameter')
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw badRequest(`error decoding patch: an apply configuration must be an object, not ${patch === null ? 'null' : Array.isArray(patch) ? 'a list' : typeof patch}`)
    }
    const config = patch as KubeObject
    const result = applyServerSide(definitions, rootDef, {
      live: old && encodeObject(s.def, s.version, old),
      config,
      manager,
      force: s.info.query.get('force') === 'true',
      apiVersion: apiVersionOf(s.def.group, s.version.version),
      time: rfc3339(s.ctx.now()),
    })
    if (!result.ok) throw applyConflictError(result.conflicts)
    const obj = decodeObject(s.def, s.version, result.object, validation, s.warnings)
    checkName(s, obj)
    const managed = obj.metadata.managedFields
    return old ? updateObject(s, obj, old, managed) : createObject(s, obj, managed)
  }

  if (!old) throw notFound(groupResource(s.def), s.info.name)
  const current = encodeObject(s.def, s.version, old)
  let patched: unknown
  switch (type) {
    case 'application/json-patch+json':
      patched = applyJsonPatch(current, patch)
      break
    case 'application/merge-patch+json':
      patched = applyMergePatch(current, patch)
      break
    default:
      patched = applyStrategicMergePatch(definitions, rootDef, current, patch)
  }
  const obj = decodeObject(s.def, s.version, patched, validation, s.warnings)
  checkName(s, obj)
  if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) {
    throw optimisticLockConflict(groupResource(s.def), s.info.name)
  }
  return updateObject(s, obj, old)
}

const checkName = (s: Scope, obj: KubeObject) => {
  const name = obj.metadata.name ?? ''
  if (name !== s.info.name) throw badRequest(`the name of the object (${name}) does not match the name on the URL (${s.info.name})`)
  if (s.def.namespaced && obj.metadata.namespace && obj.metadata.namespace !== s.info.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request')
  }
}

