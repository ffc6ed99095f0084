/**
 * Object shapes shared by every resource: TypeMeta, ObjectMeta, lists.
 * Objects travel as plain JSON values in their v1 (storage) form; these types
 * describe the parts the server itself reads and writes.
 */

export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

export interface ManagedFieldsEntry {
  manager?: string
  operation?: 'Apply' | 'Update'
  apiVersion?: string
  time?: string
  fieldsType?: 'FieldsV1'
  fieldsV1?: Record<string, unknown>
  subresource?: string
}

export interface ObjectMeta {
  name?: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string | null
  deletionTimestamp?: string
  deletionGracePeriodSeconds?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
  finalizers?: string[]
  managedFields?: ManagedFieldsEntry[]
  selfLink?: string
}

export interface KubeObject {
  apiVersion?: string
  kind?: string
  metadata: ObjectMeta
  [field: string]: unknown
}

export interface ListMeta {
  resourceVersion?: string
  continue?: string
  remainingItemCount?: number
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string
  kind: string
  metadata: ListMeta
  items: T[]
}

export interface GroupVersionKind {
  group: string
  version: string
  kind: string
}

export const apiVersionOf = (group: string, version: string) => (group ? `${group}/${version}` : version)

export const parseApiVersion = (apiVersion: string): { group: string; version: string } => {
  const slash = apiVersion.indexOf('/')
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) }
}

/** RFC 3339 timestamp at second precision, as metav1.Time serializes. */
export const rfc3339 = (date: Date = new Date()) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')
/** RFC 3339 with microseconds, as metav1.MicroTime serializes (Events, Leases). */
export const rfc3339Micro = (date: Date = new Date()) => date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
