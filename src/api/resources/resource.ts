/**
 * What the apiserver knows about one resource: names, scope, versions and
 * their conversion, and the registry strategy (defaulting, validation, what a
 * write may change). Pure data and functions, no I/O.
 */
import type { FieldError } from '../errors.ts'
import type { KubeObject } from '../meta.ts'

export interface VersionDef {
  version: string
  /** Schema definition names (src/api/schema) of the object and its list in this version. */
  definition: string
  listDefinition: string
  /** Converts a decoded object of this version into the storage form (v1 shape). */
  toStorage?(obj: KubeObject): KubeObject
  /** Converts the storage form into this version's shape (apiVersion/kind are set by the caller). */
  fromStorage?(obj: KubeObject): KubeObject
  /** A deprecation warning sent with every request to this version. */
  deprecationWarning?: string
}

export interface SubresourceDef {
  name: string
  /** Kind of the subresource's body in discovery (e.g. `Binding`, `PodExecOptions`). */
  kind: string
  verbs: string[]
  /** Discovery group/version when it differs from the parent's (pods/eviction → policy/v1). */
  group?: string
  version?: string
}

export interface ResourceDef {
  group: string
  kind: string
  listKind: string
  plural: string
  singular: string
  namespaced: boolean
  shortNames?: string[]
  categories?: string[]
  verbs: string[]
  /** Served versions in preference order; the first is the storage version. */
  versions: VersionDef[]
  subresources: SubresourceDef[]
  /** A PUT to a missing name creates it. */
  allowCreateOnUpdate: boolean
  /** A PUT without metadata.resourceVersion is allowed. */
  allowUnconditionalUpdate: boolean
  /** Whether metadata.generation is maintained (set to 1, bumped on spec changes). */
  hasGeneration: boolean
  /** Whether the main resource ignores `status` writes (a status subresource owns it). */
  hasStatusSubresource: boolean
  /** DELETE answers with a Status (true) or with the deleted object (false). */
  deleteReturnsStatus: boolean
  /** Fills defaults on a decoded object (storage form), as upstream's defaulting funcs. */
  defaults?(obj: KubeObject): void
  /** Registry strategy PrepareForCreate: reset fields clients may not set. */
  prepareForCreate?(obj: KubeObject): void
  /** Registry strategy PrepareForUpdate (main resource). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void
  /** PrepareForUpdate of the status subresource: keep everything but status from old. */
  prepareForStatusUpdate?(obj: KubeObject, old: KubeObject): void
  validate(obj: KubeObject): FieldError[]
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[]
  validateStatusUpdate?(obj: KubeObject, old: KubeObject): FieldError[]
  /** Non-fatal warnings for a create or update (HTTP Warning headers). */
  warnings?(obj: KubeObject): string[]
  /**
   * Called on DELETE: returns true (after marking `obj`) when deletion must wait for
   * something other than metadata.finalizers (a namespace's spec.finalizers).
   */
  pendingDeletion?(obj: KubeObject): boolean
  /** Grace period to apply on delete, or 0 for an immediate delete. */
  gracePeriod?(obj: KubeObject, requested: number | undefined): number
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

export const groupResource = (def: ResourceDef) => ({ group: def.group, resource: def.plural })
export const groupKind = (def: ResourceDef) => ({ group: def.group, kind: def.kind })
