/**
 * Records who changed which fields (metadata.managedFields) on every write, as
 * upstream's field manager does for Update operations. The field-set
 * arithmetic lives in patch/managed-fields.ts.
 */
import type { KubeObject } from '../api/meta.ts'
import { apiVersionOf, rfc3339 } from '../api/meta.ts'
import { definitions } from '../api/schema/index.ts'
import { updateManagedFields } from './patch/managed-fields.ts'
import type { Scope } from './scope.ts'

/** Upstream's default manager name: the User-Agent up to the first `/`. */
export const fieldManagerOf = (s: Scope): string => {
  const explicit = s.info.query.get('fieldManager')
  if (explicit) return explicit
  const agent = s.req.headers['user-agent'] ?? ''
  return agent.split('/')[0] || 'unknown'
}

export const recordManagedFields = (s: Scope, old: KubeObject | undefined, obj: KubeObject, operation: 'Update' | 'Apply' = 'Update') => {
  const updated = updateManagedFields(definitions, s.def.versions[0].definition, {
    oldObj: old,
    newObj: obj,
    manager: fieldManagerOf(s),
    operation,
    apiVersion: apiVersionOf(s.def.group, s.version.version),
    subresource: s.info.subresource || undefined,
    time: rfc3339(s.ctx.now()),
  })
  obj.metadata.managedFields = updated
}
