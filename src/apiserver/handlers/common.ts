/**
 * Pieces every write handler shares: responding in the client's version,
 * system metadata on create and update, 422 from validation, and the
 * create/update pipelines (defaults → strategy → admission → validation →
 * managed fields → store) that POST, PUT and PATCH all end in.
 */
import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import { alreadyExists, invalidObject, StatusError, type FieldError } from '../../api/errors.ts'
import { rfc3339, type KubeObject, type ManagedFieldsEntry } from '../../api/meta.ts'
import { groupKind, groupResource } from '../../api/resources/index.ts'
import type { AdmissionAttributes } from '../../admission/interface.ts'
import { encodeObject } from '../codec.ts'
import { jsonResponse, warningHeader, type ApiResponse } from '../request.ts'
import { isDryRun, type Scope } from '../scope.ts'
import { recordManagedFields } from '../managed-fields.ts'

export const respond = (s: Scope, code: number, obj: KubeObject): ApiResponse => jsonResponse(code, encodeObject(s.def, s.version, obj), warningHeaders(s))

export const warningHeaders = (s: Scope): Record<string, string[]> => {
  const all = [...(s.version.deprecationWarning ? [s.version.deprecationWarning] : []), ...s.warnings]
  return all.length ? { warning: [...new Set(all)].map(warningHeader) } : {}
}

export const throwIfInvalid = (s: Scope, obj: KubeObject, errors: FieldError[]) => {
  if (errors.length) throw invalidObject(groupKind(s.def), obj.metadata.name || obj.metadata.generateName || '', errors)
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
const generateSuffix = () => Array.from({ length: 5 }, () => GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)]).join('')

const attributes = (s: Scope, operation: AdmissionAttributes['operation'], object: KubeObject, oldObject?: KubeObject): AdmissionAttributes => ({
  operation,
  resource: s.def,
  subresource: s.info.subresource,
  namespace: s.info.namespace,
  name: object.metadata.name || object.metadata.generateName || '',
  user: s.user,
  dryRun: isDryRun(s),
  object,
  oldObject,
})

/** Create pipeline for an object already decoded into storage form. */
export const createObject = async (s: Scope, obj: KubeObject, appliedManagedFields?: ManagedFieldsEntry[]): Promise<ApiResponse> => {
  const meta = obj.metadata
  if (s.def.namespaced) {
    if (meta.namespace && meta.namespace !== s.info.namespace) {
      throw new StatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request')
    }
    meta.namespace = s.info.namespace
  } else {
    delete meta.namespace
  }
  const attrs = attributes(s, 'CREATE', obj)
  await s.ctx.admission.admit(attrs)

  s.def.prepareForCreate?.(obj)
  meta.uid = randomUUID()
  meta.creationTimestamp = rfc3339(s.ctx.now())
  delete meta.deletionTimestamp
  delete meta.deletionGracePeriodSeconds
  delete meta.resourceVersion
  if (s.def.hasGeneration) meta.generation = 1
  else delete meta.generation
  if (!meta.name && meta.generateName) meta.name = meta.generateName + generateSuffix()

  throwIfInvalid(s, obj, s.def.validate(obj))
  s.warnings.push(...(s.def.warnings?.(obj) ?? []))
  await s.ctx.admission.validate(attrs)

  if (appliedManagedFields) meta.managedFields = appliedManagedFields
  else recordManagedFields(s, undefined, obj)
  if (isDryRun(s)) {
    if (await s.objects.exists(meta.namespace ?? '', meta.name!)) throw alreadyExists(groupResource(s.def), meta.name!)
    return respond(s, 201, obj)
  }
  return respond(s, 201, await s.objects.create(obj))
}

const sameExceptVolatile = (a: KubeObject, b: KubeObject) => {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined } })
  return isDeepStrictEqual(strip(a), strip(b))
}

/**
 * Update pipeline: `obj` is the desired object in storage form, `old` the stored one.
 * A write that changes nothing returns the stored object untouched (same resourceVersion).
 */
export const updateObject = async (s: Scope, obj: KubeObject, old: KubeObject, appliedManagedFields?: ManagedFieldsEntry[]): Promise<ApiResponse> => {
  const meta = obj.metadata
  const oldMeta = old.metadata
  if (s.def.namespaced) meta.namespace = meta.namespace ?? s.info.namespace
  else delete meta.namespace
  // System fields a client cannot change are carried over (upstream's BeforeUpdate).
  meta.uid = meta.uid || oldMeta.uid
  meta.creationTimestamp = oldMeta.creationTimestamp
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp
  else delete meta.deletionTimestamp
  if (oldMeta.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds
  else delete meta.deletionGracePeriodSeconds

  const isStatus = s.info.subresource === 'status'
  if (isStatus) s.def.prepareForStatusUpdate?.(obj, old)
  else s.def.prepareForUpdate?.(obj, old)
  if (s.def.hasGeneration) {
    meta.generation = oldMeta.generation ?? 1
    if (!isDeepStrictEqual(obj.spec, old.spec)) meta.generation++
  }

  const attrs = attributes(s, 'UPDATE', obj, old)
  await s.ctx.admission.admit(attrs)
  const errors = isStatus && s.def.validateStatusUpdate ? s.def.validateStatusUpdate(obj, old) : s.def.validateUpdate(obj, old)
  throwIfInvalid(s, obj, errors)
  s.warnings.push(...(s.def.warnings?.(obj) ?? []))
  await s.ctx.admission.validate(attrs)

  if (sameExceptVolatile(obj, old)) return respond(s, 200, old)
  if (appliedManagedFields) meta.managedFields = appliedManagedFields
  else recordManagedFields(s, old, obj)
  if (isDryRun(s)) return respond(s, 200, { ...obj, metadata: { ...obj.metadata, resourceVersion: oldMeta.resourceVersion } })

  // An object whose deletion waited only on finalizers goes once the last one is removed.
  if (meta.deletionTimestamp && !(meta.finalizers?.length) && !(meta.deletionGracePeriodSeconds ?? 0)) {
    const deleted = await s.objects.delete(meta.namespace ?? '', meta.name!, Number(oldMeta.resourceVersion))
    return respond(s, 200, deleted)
  }
  return respond(s, 200, await s.objects.update(obj, Number(oldMeta.resourceVersion)))
}
