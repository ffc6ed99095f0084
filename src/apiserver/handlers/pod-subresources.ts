/**
 * Pod subresources: binding (the scheduler's write), eviction (kubectl drain),
 * and log (read through the node agent that runs the Pod).
 */
import { badRequest, conflict, StatusError } from '../../api/errors.ts'
import type { KubeObject } from '../../api/meta.ts'
import { rfc3339 } from '../../api/meta.ts'
import { groupResource } from '../../api/resources/index.ts'
import { decodeBody } from '../body.ts'
import { jsonResponse, type ApiResponse } from '../request.ts'
import { isDryRun, type Scope } from '../scope.ts'
import { deleteObject } from './delete.ts'

type Obj = Record<string, any>

const success = (code: number) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code })

export const bindingHandler = async (s: Scope): Promise<ApiResponse> => {
  const binding = decodeBody(s.req.body, s.req.headers['content-type'] ?? '') as Obj
  const target = binding?.target ?? {}
  if (!target.name) throw invalidBinding(s, 'target.name', 'Required value')
  const name = binding.metadata?.name || s.info.name
  if (name !== s.info.name) throw badRequest(`the name of the object (${name}) does not match the name on the URL (${s.info.name})`)
  const gr = groupResource(s.def)
  for (let attempt = 0; ; attempt++) {
    const pod = await s.objects.get(s.info.namespace, s.info.name)
    const spec = pod.spec as Obj
    if (pod.metadata.deletionTimestamp) throw conflict(gr, name, `pod ${name} is being deleted, cannot be assigned to a host`)
    if (spec.nodeName) throw conflict(gr, name, `pod ${name} is already assigned to node ${JSON.stringify(spec.nodeName)}`)
    spec.nodeName = target.name
    const status = (pod.status ??= {}) as Obj
    const conditions: Obj[] = (status.conditions ?? []).filter((c: Obj) => c.type !== 'PodScheduled')
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(s.ctx.now()) })
    status.conditions = conditions
    if (isDryRun(s)) return jsonResponse(201, success(201))
    try {
      await s.objects.update(pod, Number(pod.metadata.resourceVersion))
      return jsonResponse(201, success(201))
    } catch (err) {
      if (!(err instanceof StatusError && err.reason === 'Conflict') || attempt >= 4) throw err
    }
  }
}

const invalidBinding = (_s: Scope, field: string, what: string) =>
  new StatusError(422, 'Invalid', `Binding "" is invalid: ${field}: ${what}`, { kind: 'Binding', causes: [{ reason: 'FieldValueRequired', message: what, field }] })

export const evictionHandler = async (s: Scope): Promise<ApiResponse> => {
  const eviction = decodeBody(s.req.body, s.req.headers['content-type'] ?? '') as Obj
  await deleteObject(s, s.info.namespace, s.info.name, eviction?.deleteOptions ?? {})
  return jsonResponse(201, success(201))
}

export const containerNames = (pod: KubeObject): string[] => ((pod.spec as Obj)?.containers ?? []).map((c: Obj) => c.name)

export const logHandler = async (s: Scope): Promise<ApiResponse> => {
  const pod = await s.objects.get(s.info.namespace, s.info.name)
  const name = pod.metadata.name!
  const names = containerNames(pod)
  const initNames = ((pod.spec as Obj)?.initContainers ?? []).map((c: Obj) => c.name)
  let container = s.info.query.get('container') ?? ''
  if (!container) {
    if (names.length !== 1) throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`)
    container = names[0]
  } else if (!names.includes(container) && !initNames.includes(container)) {
    throw badRequest(`container ${container} is not valid for pod ${name}`)
  }
  const statuses: Obj[] = [...((pod.status as Obj)?.containerStatuses ?? []), ...((pod.status as Obj)?.initContainerStatuses ?? [])]
  const status = statuses.find((c) => c.name === container)
  if (!status?.state?.running && !status?.state?.terminated && !status?.lastState?.terminated) {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating'
    throw badRequest(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is waiting to start: ${reason}`)
  }
  if (!s.ctx.podLogs) throw new StatusError(503, 'ServiceUnavailable', `no node agent serves logs for pod ${JSON.stringify(name)}`)
  const query = new URLSearchParams(s.info.query)
  query.set('container', container)
  const stream = await s.ctx.podLogs(pod, query, s.req.signal)
  return { status: 200, headers: { 'content-type': 'text/plain' }, stream }
}
