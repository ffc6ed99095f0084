/**
 * PUT namespaces/<name>/finalize: the only way to change spec.finalizers. A
 * terminating namespace with no finalizers left is removed.
 */
import type { KubeObject } from '../../api/meta.ts'
import type { ApiResponse } from '../request.ts'
import type { Scope } from '../scope.ts'
import { respond } from './common.ts'
import { decodeRequestObject } from './write.ts'

type Obj = Record<string, any>

export const finalizeHandler = async (s: Scope): Promise<ApiResponse> => {
  const body = decodeRequestObject(s)
  const old = await s.objects.get('', s.info.name)
  const next: KubeObject = { ...old, spec: { ...(old.spec as Obj), finalizers: (body.spec as Obj | undefined)?.finalizers ?? [] } }
  const done = old.metadata.deletionTimestamp && !(next.spec as Obj).finalizers.length && !(old.metadata.finalizers?.length)
  if (done) return respond(s, 200, await s.objects.delete('', s.info.name, Number(old.metadata.resourceVersion)))
  return respond(s, 200, await s.objects.update(next, Number(old.metadata.resourceVersion)))
}
