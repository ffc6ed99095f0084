/**
 * Namespace validation (core ValidateNamespace / ValidateNamespaceUpdate): metadata with a
 * DNS-label name (cluster-scoped) and qualified finalizer names in spec.finalizers. Status
 * (phase) updates go through their own subresource and are not validated here.
 */
import type { FieldError } from '../errors.ts'
import { invalid } from '../errors.ts'
import type { ObjectMeta } from '../meta.ts'
import { isQualifiedName, nameIsDNSLabel } from './names.ts'
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts'
import type { Json } from './values.ts'
import { list, obj, str } from './values.ts'

export interface NamespaceObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  spec?: Json
  status?: Json
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion'])

/** Like the metadata finalizer rule, but every error is reported at `spec.finalizers`. */
const validateSpecFinalizers = (finalizers: unknown): FieldError[] =>
  list(finalizers)
    .map(str)
    .flatMap((f) => {
      const errs = isQualifiedName(f).map((msg) => invalid('spec.finalizers', f, msg))
      if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
        errs.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'))
      }
      return errs
    })

export const validateNamespace = (ns: NamespaceObject): FieldError[] => [
  ...validateObjectMeta(ns.metadata, { requiresNamespace: false, nameFn: nameIsDNSLabel, kubeFinalizers: true }),
  ...validateSpecFinalizers(obj(ns.spec).finalizers),
]

export const validateNamespaceUpdate = (ns: NamespaceObject, old: NamespaceObject): FieldError[] =>
  validateObjectMetaUpdate(ns.metadata, old.metadata, { kubeFinalizers: true })
