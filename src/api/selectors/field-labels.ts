/**
 * Per-resource field selector support, as upstream's field label conversion
 * functions (which fields may be asked for, and the error otherwise) and the
 * registries' GetAttrs (the field values an object offers for matching).
 * Resources are named by their plural; unknown ones get upstream's defaults
 * (`metadata.name`, `metadata.namespace`).
 */
import { badRequest } from '../errors.ts'
import type { KubeObject } from '../meta.ts'
import type { FieldSelector } from './field-selector.ts'

/** Field labels each core resource accepts (pkg/apis/core/v1/conversion.go). */
const SUPPORTED: Record<string, readonly string[]> = {
  pods: [
    'metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName',
    'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs',
    'status.nominatedNodeName',
  ],
  nodes: ['metadata.name', 'spec.unschedulable'],
  events: [
    'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
    'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason',
    'reportingComponent', 'source', 'type', 'metadata.namespace', 'metadata.name',
  ],
  namespaces: ['status.phase', 'metadata.name'],
}

/** Old v1 clients send `spec.host` for pods. */
const RENAMED: Record<string, Record<string, string>> = { pods: { 'spec.host': 'spec.nodeName' } }

/** Field labels `resource` accepts, for discovery or documentation. */
export const supportedFieldLabels = (resource: string): readonly string[] =>
  SUPPORTED[resource] ?? ['metadata.name', 'metadata.namespace']

const convertLabel = (resource: string, label: string): string => {
  const own = SUPPORTED[resource]
  if (!own) {
    if (label === 'metadata.name' || label === 'metadata.namespace') return label
    throw badRequest(`"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`)
  }
  const renamed = RENAMED[resource]?.[label]
  if (renamed) return renamed
  if (!own.includes(label)) throw badRequest(`field label not supported: ${label}`)
  return label
}

/**
 * Checks every term against the resource's field labels, in the selector's
 * (sorted) order, and returns the selector with legacy names converted.
 */
export const validateFieldSelector = (resource: string, selector: FieldSelector): FieldSelector =>
  selector.map((r) => ({ ...r, field: convertLabel(resource, r.field) }))

type Json = Record<string, unknown>
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' ? (v as Json) : {})
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

const metaFields = (o: KubeObject, namespaced: boolean): Record<string, string> =>
  namespaced
    ? { 'metadata.name': o.metadata?.name ?? '', 'metadata.namespace': o.metadata?.namespace ?? '' }
    : { 'metadata.name': o.metadata?.name ?? '' }

const podFields = (o: KubeObject): Record<string, string> => {
  const spec = obj(o.spec)
  const status = obj(o.status)
  const podIPs = Array.isArray(status.podIPs) ? status.podIPs : []
  // The internal pod keeps only podIPs; a lone v1 podIP becomes its first entry.
  const podIP = podIPs.length > 0 ? str(obj(podIPs[0]).ip) : str(status.podIP)
  return {
    'spec.nodeName': str(spec.nodeName),
    'spec.restartPolicy': str(spec.restartPolicy),
    'spec.schedulerName': str(spec.schedulerName),
    'spec.serviceAccountName': str(spec.serviceAccountName),
    'spec.hostNetwork': spec.hostNetwork === true ? 'true' : 'false',
    'status.phase': str(status.phase),
    'status.podIP': podIP,
    'status.nominatedNodeName': str(status.nominatedNodeName),
    ...metaFields(o, true),
  }
}

const eventFields = (o: KubeObject): Record<string, string> => {
  const ref = obj(o.involvedObject)
  // v1 `reportingComponent` is the internal ReportingController.
  const reporting = str(o.reportingComponent)
  return {
    'involvedObject.kind': str(ref.kind),
    'involvedObject.namespace': str(ref.namespace),
    'involvedObject.name': str(ref.name),
    'involvedObject.uid': str(ref.uid),
    'involvedObject.apiVersion': str(ref.apiVersion),
    'involvedObject.resourceVersion': str(ref.resourceVersion),
    'involvedObject.fieldPath': str(ref.fieldPath),
    reason: str(o.reason),
    reportingComponent: reporting,
    source: str(obj(o.source).component) || reporting,
    type: str(o.type),
    ...metaFields(o, true),
  }
}

const nodeFields = (o: KubeObject): Record<string, string> => ({
  ...metaFields(o, false),
  'spec.unschedulable': obj(o.spec).unschedulable === true ? 'true' : 'false',
})

const namespaceFields = (o: KubeObject): Record<string, string> => ({
  ...metaFields(o, false),
  'status.phase': str(obj(o.status).phase),
  // Upstream keeps this misnamed field for backward compatibility.
  name: o.metadata?.name ?? '',
})

const EXTRACTORS: Record<string, (o: KubeObject) => Record<string, string>> = {
  pods: podFields,
  events: eventFields,
  nodes: nodeFields,
  namespaces: namespaceFields,
}

/**
 * The field set an object is matched against. Cluster-scoped objects read
 * `metadata.namespace` as "", so `involvedObject.namespace=`-style terms match them.
 */
export const fieldsOf = (resource: string, o: KubeObject): Record<string, string> =>
  (EXTRACTORS[resource] ?? ((x: KubeObject) => metaFields(x, true)))(o)
