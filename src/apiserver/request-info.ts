/**
 * Parses a request path the way kube-apiserver's RequestInfoFactory does:
 * `/api/v1/namespaces/ns/pods/name/sub` and `/apis/group/version/...`, plus
 * the legacy `/watch/` prefix. Hand-written because the Kubernetes URL grammar
 * (namespaces both a resource and a scope) is not what generic routers model.
 */

export interface ResourceRequestInfo {
  group: string
  version: string
  namespace: string
  resource: string
  name: string
  subresource: string
  /** get, list, watch, create, update, patch, delete, deletecollection */
  verb: string
  query: URLSearchParams
}

export type RequestInfo =
  | { kind: 'resource'; info: ResourceRequestInfo }
  | { kind: 'nonresource'; path: string; query: URLSearchParams }

const isTrue = (v: string | null) => v === 'true' || v === '1'

export const parseRequestInfo = (method: string, url: string): RequestInfo => {
  const parsed = new URL(url, 'https://runclass.invalid')
  const path = parsed.pathname
  const query = parsed.searchParams
  const parts = path.split('/').filter(Boolean)
  let group: string
  let rest: string[]
  if (parts[0] === 'api' && parts.length >= 3) {
    group = ''
    rest = parts.slice(1)
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]
    rest = parts.slice(2)
  } else {
    return { kind: 'nonresource', path, query }
  }
  const version = rest[0]
  let segments = rest.slice(1)
  let watchPath = false
  if (segments[0] === 'watch') {
    watchPath = true
    segments = segments.slice(1)
  }
  let namespace = ''
  // `namespaces/<ns>/<resource>` scopes a request; `namespaces/<name>[/status]` is the namespace itself.
  if (segments[0] === 'namespaces' && segments.length >= 3 && !(segments.length === 3 && NAMESPACE_SUBRESOURCES.has(segments[2]))) {
    namespace = segments[1]
    segments = segments.slice(2)
  }
  const [resource = '', name = '', subresource = ''] = segments
  if (segments.length > 3) return { kind: 'nonresource', path, query }

  let verb: string
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = watchPath || isTrue(query.get('watch')) ? 'watch' : name ? 'get' : 'list'
      break
    case 'POST':
      verb = 'create'
      break
    case 'PUT':
      verb = 'update'
      break
    case 'PATCH':
      verb = 'patch'
      break
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection'
      break
    default:
      verb = method.toLowerCase()
  }
  // A watch on a single object is a watch with a metadata.name field selector.
  if (verb === 'watch' && name && !subresource) {
    const fs = query.get('fieldSelector')
    const byName = `metadata.name=${name}`
    query.set('fieldSelector', fs ? `${fs},${byName}` : byName)
  }
  return { kind: 'resource', info: { group, version, namespace, resource, name: verb === 'watch' && !subresource ? '' : name, subresource, verb, query } }
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize'])
