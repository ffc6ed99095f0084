/**
 * The request parameters the OpenAPI documents declare, by name, and which
 * operation carries which. Names, locations and types match kube-apiserver
 * (kubectl keys on `fieldValidation` of the patch operation to decide that the
 * server validates fields); descriptions are our own.
 */

export interface ParameterSpec {
  name: string
  in: 'query' | 'path'
  type: 'string' | 'integer' | 'boolean'
  description: string
  required?: boolean
}

const q = (name: string, type: ParameterSpec['type'], description: string): ParameterSpec => ({ name, in: 'query', type, description })

export const PARAMETERS: Record<string, ParameterSpec> = {
  allowWatchBookmarks: q('allowWatchBookmarks', 'boolean', 'Ask for BOOKMARK events on a watch; the server may send them or not.'),
  continue: q('continue', 'string', 'Token from a previous paged list to fetch the next page.'),
  dryRun: q('dryRun', 'string', 'When set to All, run every stage of the request but persist nothing. Other values are rejected.'),
  fieldManager: q('fieldManager', 'string', 'Name of the actor making the change, recorded in managedFields. At most 128 printable characters; required for apply patches.'),
  fieldSelector: q('fieldSelector', 'string', 'Only return objects whose fields match this selector. Defaults to everything.'),
  fieldValidation: q(
    'fieldValidation',
    'string',
    'How to treat unknown or duplicate fields in the request body: Ignore drops them silently, Warn accepts the request and reports each one in a Warning header, Strict rejects the request.',
  ),
  force: q('force', 'boolean', 'For apply patches only: take ownership of fields other managers own instead of failing with a conflict.'),
  gracePeriodSeconds: q('gracePeriodSeconds', 'integer', 'Seconds before the object is deleted; 0 deletes at once. Unset uses the default of the kind.'),
  ignoreStoreReadErrorWithClusterBreakingPotential: q(
    'ignoreStoreReadErrorWithClusterBreakingPotential',
    'boolean',
    'Delete an object that cannot be read from storage. Dangerous: skips finalizers and admission.',
  ),
  labelSelector: q('labelSelector', 'string', 'Only return objects whose labels match this selector. Defaults to everything.'),
  limit: q('limit', 'integer', 'Maximum number of items in a list response; the server may return all items and no continue token.'),
  orphanDependents: q('orphanDependents', 'boolean', 'Deprecated: use propagationPolicy. Whether dependents are orphaned.'),
  pretty: q('pretty', 'string', "If 'true', indent the output."),
  propagationPolicy: q('propagationPolicy', 'string', 'How dependents are garbage collected: Orphan, Background or Foreground.'),
  resourceVersion: q('resourceVersion', 'string', 'Constrains which resource version a read may be served from; for a watch, the version to start after.'),
  resourceVersionMatch: q('resourceVersionMatch', 'string', 'How resourceVersion applies to a list: NotOlderThan or Exact.'),
  sendInitialEvents: q('sendInitialEvents', 'boolean', 'Start a watch with synthetic ADDED events for the current state, ended by a bookmark.'),
  timeoutSeconds: q('timeoutSeconds', 'integer', 'Time limit for a list or watch call.'),
  watch: q('watch', 'boolean', 'Stream changes (ADDED, MODIFIED, DELETED) instead of returning a list.'),
}

/** Query parameters of each kind of operation, in upstream order. */
export const LIST_PARAMS = [
  'allowWatchBookmarks',
  'continue',
  'fieldSelector',
  'labelSelector',
  'limit',
  'resourceVersion',
  'resourceVersionMatch',
  'sendInitialEvents',
  'timeoutSeconds',
  'watch',
]
export const CREATE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation']
export const UPDATE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation']
export const PATCH_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force']
export const DELETE_PARAMS = ['dryRun', 'gracePeriodSeconds', 'ignoreStoreReadErrorWithClusterBreakingPotential', 'orphanDependents', 'propagationPolicy']
export const DELETE_COLLECTION_PARAMS = [
  ...DELETE_PARAMS,
  'continue',
  'fieldSelector',
  'labelSelector',
  'limit',
  'resourceVersion',
  'resourceVersionMatch',
  'sendInitialEvents',
  'timeoutSeconds',
]

export const pathParameter = (name: string, description: string): ParameterSpec => ({ name, in: 'path', type: 'string', description, required: true })

/** Content types a PATCH accepts; each maps to the opaque Patch schema. */
export const PATCH_CONTENT_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
]

export const RESPONSE_CONTENT_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']
export const WATCH_CONTENT_TYPES = [...RESPONSE_CONTENT_TYPES, 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch']
