/**
 * The REST operations of one group-version, as a format-neutral list of paths
 * and operations. v2 and v3 documents render the same list, so both always
 * agree on paths, operation ids, parameters, actions and group-version-kinds.
 *
 * Layout follows kube-apiserver: a collection path (list/watch, create,
 * deletecollection), an item path `{name}` (read, replace, patch, delete),
 * deprecated `watch/` paths, an all-namespaces list for namespaced kinds, and
 * one path per subresource.
 */
import {
  CREATE_PARAMS,
  DELETE_COLLECTION_PARAMS,
  DELETE_PARAMS,
  LIST_PARAMS,
  PATCH_PARAMS,
  PARAMETERS,
  UPDATE_PARAMS,
  pathParameter,
  type ParameterSpec,
} from './parameters.ts'

export interface Gvk {
  group: string
  version: string
  kind: string
}

export interface SubresourceDoc {
  name: string
  kind: string
  /** Schema of the request/response body; omitted for streams (log) and connect options. */
  definition?: string
  verbs: string[]
  /** Group/version of `kind` when it differs from the parent's (pods/eviction → policy/v1). */
  group?: string
  version?: string
}

export interface ResourceDoc {
  kind: string
  plural: string
  namespaced: boolean
  verbs: string[]
  definition: string
  listDefinition: string
  subresources?: SubresourceDoc[]
}

export interface GroupVersionInput {
  group: string
  version: string
  resources: ResourceDoc[]
}

export type Method = 'get' | 'put' | 'post' | 'patch' | 'delete'

export interface Response {
  code: '200' | '201' | '202'
  description: string
  /** Definition name, or 'string' for plain-text / upgraded responses. */
  schema: string
}

export interface Operation {
  method: Method
  operationId: string
  description: string
  tag: string
  action: string
  gvk: Gvk
  parameters: ParameterSpec[]
  /** Request body: a definition name, or 'patch' for the four patch content types. */
  body?: string
  responses: Response[]
  /** Responses may stream watch events. */
  streams?: boolean
}

export interface PathItem {
  path: string
  parameters: ParameterSpec[]
  operations: Operation[]
}

export const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status'
export const DELETE_OPTIONS = 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'
export const WATCH_EVENT = 'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent'
export const PATCH = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch'
export const API_RESOURCE_LIST = 'io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList'

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** `node.k8s.io` + `v1` → `NodeV1`; the core group is `CoreV1` (upstream operation id style). */
export const groupVersionId = (group: string, version: string): string => {
  const g = group === '' ? 'core' : group.endsWith('.k8s.io') ? group.slice(0, -'.k8s.io'.length) : group
  return g.split(/[.-]/).map(upperFirst).join('') + upperFirst(version)
}

export const tagOf = (group: string, version: string): string => {
  const g = group === '' ? 'core' : group.endsWith('.k8s.io') ? group.slice(0, -'.k8s.io'.length) : group
  return `${g.replace(/[.-]/g, '')}_${version}`
}

export const rootPath = (group: string, version: string) => (group === '' ? `/api/${version}` : `/apis/${group}/${version}`)

const ok = (schema: string): Response => ({ code: '200', description: 'OK', schema })
const created = (schema: string): Response => ({ code: '201', description: 'Created', schema })
const accepted = (schema: string): Response => ({ code: '202', description: 'Accepted', schema })

const params = (names: string[]) => names.map((n) => PARAMETERS[n])

export const buildOperations = (input: GroupVersionInput): PathItem[] => {
  const { group, version } = input
  const gv = groupVersionId(group, version)
  const tag = tagOf(group, version)
  const root = rootPath(group, version)
  const pretty = PARAMETERS.pretty
  const items: PathItem[] = [
    {
      path: `${root}/`,
      parameters: [],
      operations: [
        { method: 'get', operationId: `get${gv}APIResources`, description: 'get available resources', tag, action: '', gvk: { group: '', version: '', kind: '' }, parameters: [], responses: [ok(API_RESOURCE_LIST)] },
      ],
    },
  ]

  for (const r of input.resources) {
    const gvk = { group, version, kind: r.kind }
    const ns = r.namespaced ? 'Namespaced' : ''
    const nsSegment = r.namespaced ? '/namespaces/{namespace}' : ''
    const nsParams = r.namespaced ? [pathParameter('namespace', 'object name and auth scope, such as for teams and projects')] : []
    const nameParam = pathParameter('name', `name of the ${r.kind}`)
    const has = (verb: string) => r.verbs.includes(verb)
    const op = (o: Omit<Operation, 'tag' | 'gvk'> & { gvk?: Gvk }): Operation => ({ tag, gvk, ...o })

    const collection: Operation[] = []
    if (has('list')) {
      collection.push(op({ method: 'get', operationId: `list${gv}${ns}${r.kind}`, description: `list or watch objects of kind ${r.kind}`, action: 'list', parameters: params(LIST_PARAMS), responses: [ok(r.listDefinition)], streams: true }))
    }
    if (has('create')) {
      collection.push(op({ method: 'post', operationId: `create${gv}${ns}${r.kind}`, description: `create a ${r.kind}`, action: 'post', parameters: params(CREATE_PARAMS), body: r.definition, responses: [ok(r.definition), created(r.definition), accepted(r.definition)] }))
    }
    if (has('deletecollection')) {
      collection.push(op({ method: 'delete', operationId: `delete${gv}Collection${ns}${r.kind}`, description: `delete collection of ${r.kind}`, action: 'deletecollection', parameters: params(DELETE_COLLECTION_PARAMS), body: DELETE_OPTIONS, responses: [ok(STATUS)] }))
    }
    if (collection.length) items.push({ path: `${root}${nsSegment}/${r.plural}`, parameters: [...nsParams, pretty], operations: collection })

    const item: Operation[] = []
    if (has('get')) item.push(op({ method: 'get', operationId: `read${gv}${ns}${r.kind}`, description: `read the specified ${r.kind}`, action: 'get', parameters: [], responses: [ok(r.definition)] }))
    if (has('update')) {
      item.push(op({ method: 'put', operationId: `replace${gv}${ns}${r.kind}`, description: `replace the specified ${r.kind}`, action: 'put', parameters: params(UPDATE_PARAMS), body: r.definition, responses: [ok(r.definition), created(r.definition)] }))
    }
    if (has('patch')) {
      item.push(op({ method: 'patch', operationId: `patch${gv}${ns}${r.kind}`, description: `partially update the specified ${r.kind}`, action: 'patch', parameters: params(PATCH_PARAMS), body: 'patch', responses: [ok(r.definition), created(r.definition)] }))
    }
    if (has('delete')) {
      // Upstream answers a delete with either the object or a Status depending on the kind; the document names Status.
      item.push(op({ method: 'delete', operationId: `delete${gv}${ns}${r.kind}`, description: `delete a ${r.kind}`, action: 'delete', parameters: params(DELETE_PARAMS), body: DELETE_OPTIONS, responses: [ok(STATUS), accepted(STATUS)] }))
    }
    if (item.length) items.push({ path: `${root}${nsSegment}/${r.plural}/{name}`, parameters: [nameParam, ...nsParams, pretty], operations: item })

    if (has('watch')) {
      const watchParams = [...params(LIST_PARAMS)]
      items.push({
        path: `${root}/watch${nsSegment}/${r.plural}`,
        parameters: [...nsParams, pretty],
        operations: [op({ method: 'get', operationId: `watch${gv}${ns}${r.kind}List`, description: `watch individual changes to a list of ${r.kind}. deprecated: use the 'watch' parameter with a list operation instead.`, action: 'watchlist', parameters: watchParams, responses: [ok(WATCH_EVENT)], streams: true })],
      })
      items.push({
        path: `${root}/watch${nsSegment}/${r.plural}/{name}`,
        parameters: [nameParam, ...nsParams, pretty],
        operations: [op({ method: 'get', operationId: `watch${gv}${ns}${r.kind}`, description: `watch changes to an object of kind ${r.kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`, action: 'watch', parameters: params(LIST_PARAMS), responses: [ok(WATCH_EVENT)], streams: true })],
      })
    }
    if (r.namespaced && has('list')) {
      items.push({
        path: `${root}/${r.plural}`,
        parameters: [pretty],
        operations: [op({ method: 'get', operationId: `list${gv}${r.kind}ForAllNamespaces`, description: `list or watch objects of kind ${r.kind}`, action: 'list', parameters: params(LIST_PARAMS), responses: [ok(r.listDefinition)], streams: true })],
      })
    }

    for (const sub of r.subresources ?? []) items.push(subresourcePath(input, r, sub, { root, nsSegment, nsParams, nameParam, gv, ns, tag }))
  }
  return items
}

interface Ctx {
  root: string
  nsSegment: string
  nsParams: ParameterSpec[]
  nameParam: ParameterSpec
  gv: string
  ns: string
  tag: string
}

const subresourcePath = (input: GroupVersionInput, r: ResourceDoc, sub: SubresourceDoc, c: Ctx): PathItem => {
  const gvk: Gvk = { group: sub.group ?? input.group, version: sub.version ?? input.version, kind: sub.kind }
  const suffix = upperFirst(sub.name)
  const id = (verb: string) => `${verb}${c.gv}${c.ns}${r.kind}${suffix}`
  const base = { tag: c.tag, gvk }
  const path = `${c.root}${c.nsSegment}/${r.plural}/{name}/${sub.name}`
  const parameters = [{ ...c.nameParam, description: `name of the ${sub.kind}` }, ...c.nsParams]
  const operations: Operation[] = []
  // Options kinds (exec, attach, portforward, proxy) are connections, not objects.
  if (sub.kind.endsWith('Options')) {
    const connect = (method: Method, verb: string): Operation => ({ ...base, method, operationId: `connect${c.gv}${verb}${c.ns}${r.kind}${suffix}`, description: `connect ${verb} requests to ${sub.name} of ${r.kind}`, action: 'connect', parameters: [], responses: [ok('string')] })
    if (sub.verbs.includes('get')) operations.push(connect('get', 'Get'))
    if (sub.verbs.includes('create')) operations.push(connect('post', 'Post'))
    return { path, parameters, operations }
  }
  const def = sub.definition
  const response = def ?? 'string'
  if (sub.verbs.includes('get')) operations.push({ ...base, method: 'get', operationId: id('read'), description: `read ${sub.name} of the specified ${r.kind}`, action: 'get', parameters: [], responses: [ok(response)] })
  if (sub.verbs.includes('create')) {
    operations.push({ ...base, method: 'post', operationId: id('create'), description: `create ${sub.name} of a ${r.kind}`, action: 'post', parameters: params(CREATE_PARAMS), ...(def ? { body: def } : {}), responses: [ok(response), created(response), accepted(response)] })
  }
  if (sub.verbs.includes('update')) {
    operations.push({ ...base, method: 'put', operationId: id('replace'), description: `replace ${sub.name} of the specified ${r.kind}`, action: 'put', parameters: params(UPDATE_PARAMS), ...(def ? { body: def } : {}), responses: [ok(response), created(response)] })
  }
  if (sub.verbs.includes('patch')) {
    operations.push({ ...base, method: 'patch', operationId: id('patch'), description: `partially update ${sub.name} of the specified ${r.kind}`, action: 'patch', parameters: params(PATCH_PARAMS), body: 'patch', responses: [ok(response), created(response)] })
  }
  return { path, parameters: [...parameters, PARAMETERS.pretty], operations }
}
