/**
 * DELETE of one object and of a collection. Objects with finalizers, and Pods
 * that a node still runs, are deleted gracefully: they get a
 * deletionTimestamp and go away later (the finalizer's owner or the node agent
 * finishes the job). Preconditions (uid, resourceVersion) are honoured.
 */
import { conflict, StatusError } from '../../api/errors.ts'
import { rfc3339, type KubeObject } from '../../api/meta.ts'
import { groupResource } from '../../api/resources/index.ts'
import { parseJson, parseYamlBody, mediaType } from '../body.ts'
import { jsonResponse, type ApiResponse } from '../request.ts'
import { isDryRun, type Scope } from '../scope.ts'
import { respond, warningHeaders } from './common.ts'
import { selectorFilter } from './read.ts'

interface DeleteOptions {
  gracePeriodSeconds?: number
  preconditions?: { uid?: string; resourceVersion?: string }
  propagationPolicy?: string
}

const readOptions = (s: Scope): DeleteOptions => {
  let opts: DeleteOptions = {}
  const body = s.req.body
  if (body && body.length) {
    const parsed = mediaType(s.req.headers['content-type'] ?? '') === 'application/yaml' ? parseYamlBody(body) : parseJson(body)
    if (parsed && typeof parsed === 'object') opts = parsed as DeleteOptions
  }
  const grace = s.info.query.get('gracePeriodSeconds')
  if (grace !== null && grace !== '') opts.gracePeriodSeconds = Number(grace)
  return opts
}

const successStatus = (s: Scope, obj: KubeObject) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  details: { name: obj.metadata.name, ...(s.def.group ? { group: s.def.group } : {}), kind: s.def.plural, uid: obj.metadata.uid },
})

/** Deletes (or starts deleting) one object; returns what DELETE answers. */
export const deleteObject = async (s: Scope, namespace: string, name: string, opts: DeleteOptions): Promise<{ code: number; body: unknown; obj: KubeObject }> => {
  const old = await s.objects.get(namespace, name)
  const gr = groupResource(s.def)
  const pre = opts.preconditions ?? {}
  if (pre.uid && pre.uid !== old.metadata.uid) {
    throw conflict(gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`)
  }
  if (pre.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(gr, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`)
  }
  await s.ctx.admission.validate({
    operation: 'DELETE', resource: s.def, subresource: '', namespace, name, user: s.user, dryRun: isDryRun(s), oldObject: old,
  })
  const grace = s.def.gracePeriod ? s.def.gracePeriod(old, opts.gracePeriodSeconds) : 0
  const hasFinalizers = (old.metadata.finalizers?.length ?? 0) > 0 || Boolean(s.def.pendingDeletion?.(old))
  if (grace > 0 || hasFinalizers) {
    const meta = old.metadata
    // A second DELETE may shorten a pending grace period, never lengthen it.
    if (meta.deletionTimestamp && grace >= (meta.deletionGracePeriodSeconds ?? 0)) return { code: 200, body: undefined, obj: old }
    meta.deletionTimestamp = rfc3339(new Date(s.ctx.now().getTime() + grace * 1000))
    meta.deletionGracePeriodSeconds = grace
    if (isDryRun(s)) return { code: 200, body: undefined, obj: old }
    return { code: 200, body: undefined, obj: await s.objects.update(old, Number(old.metadata.resourceVersion)) }
  }
  if (isDryRun(s)) return { code: 200, body: s.def.deleteReturnsStatus ? successStatus(s, old) : undefined, obj: old }
  const deleted = await s.objects.delete(namespace, name, Number(old.metadata.resourceVersion))
  return { code: 200, body: s.def.deleteReturnsStatus ? successStatus(s, deleted) : undefined, obj: deleted }
}

export const deleteHandler = async (s: Scope): Promise<ApiResponse> => {
  const result = await deleteObject(s, s.info.namespace, s.info.name, readOptions(s))
  if (result.body) return jsonResponse(result.code, result.body, warningHeaders(s))
  return respond(s, result.code, result.obj)
}

export const deleteCollectionHandler = async (s: Scope): Promise<ApiResponse> => {
  if (!s.def.verbs.includes('deletecollection')) {
    throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
  }
  const filter = selectorFilter(s)
  const opts = readOptions(s)
  const { items, revision } = await s.objects.list(s.info.namespace)
  const deleted: KubeObject[] = []
  for (const obj of items.filter(filter)) {
    try {
      deleted.push((await deleteObject(s, obj.metadata.namespace ?? '', obj.metadata.name!, opts)).obj)
    } catch (err) {
      // Someone else deleted it meanwhile: that is what we wanted.
      if (!(err instanceof StatusError && err.code === 404)) throw err
    }
  }
  return jsonResponse(200, {
    kind: s.def.listKind,
    apiVersion: s.def.group ? `${s.def.group}/${s.version.version}` : s.version.version,
    metadata: { resourceVersion: String(revision) },
    items: deleted,
  }, warningHeaders(s))
}
