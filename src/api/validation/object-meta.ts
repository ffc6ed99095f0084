/**
 * ObjectMeta validation for create and update (apimachinery pkg/api/validation/objectmeta.go,
 * plus core's extra finalizer-name check when `kubeFinalizers` is set). Returns field errors in
 * upstream order; texts are the 1.27–1.31 ones where later releases reworded (TooLong).
 */
import type { FieldError } from '../errors.ts'
import { forbiddenField, invalid, required, tooLong } from '../errors.ts'
import type { ObjectMeta, OwnerReference } from '../meta.ts'
import { child, index } from './field-path.ts'
import type { NameValidator } from './names.ts'
import { byteLength, isQualifiedName, isValidLabelValue, nameIsDNSLabel, validatePathSegmentName } from './names.ts'
import { list, obj, semanticEqual, str, strMap } from './values.ts'

export const FIELD_IMMUTABLE = 'field is immutable'
export const IS_NEGATIVE = 'must be greater than or equal to 0'
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024
const FIELD_MANAGER_MAX = 128
const SUBRESOURCE_MAX = 256
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion'])
// Namespace names are DNS labels (apimachinery ValidateNamespaceName).
const nameIsNamespace = (ns: string): string[] => nameIsDNSLabel(ns, false)

/** field.TooLong's detail in 1.27–1.31 (1.32+: `may not be more than N bytes`). */
export const tooLongDetail = (max: number): string => `must have at most ${max} bytes`

export interface ObjectMetaOptions {
  /** Namespaced kinds need a namespace; cluster-scoped kinds must not have one. */
  requiresNamespace: boolean
  nameFn?: NameValidator
  /** Core kinds (Pod, Node, Namespace, Event) also check each finalizer at `finalizers[i]`. */
  kubeFinalizers?: boolean
}

export const validateImmutableField = (newVal: unknown, oldVal: unknown, path: string): FieldError[] =>
  semanticEqual(newVal, oldVal) ? [] : [invalid(path, newVal ?? null, FIELD_IMMUTABLE)]

export const validateLabels = (labels: unknown, path: string): FieldError[] => {
  const errs: FieldError[] = []
  for (const [k, v] of Object.entries(strMap(labels))) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg))
    for (const msg of isValidLabelValue(v)) errs.push(invalid(path, v, msg))
  }
  return errs
}

export const validateAnnotations = (annotations: unknown, path: string): FieldError[] => {
  const errs: FieldError[] = []
  const entries = Object.entries(strMap(annotations))
  // Annotation keys are qualified names in any letter case.
  for (const [k] of entries) for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg))
  const size = entries.reduce((n, [k, v]) => n + byteLength(k) + byteLength(v), 0)
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, tooLongDetail(TOTAL_ANNOTATION_SIZE_LIMIT)))
  return errs
}

const splitApiVersion = (apiVersion: string): { group: string; version: string } => {
  const parts = apiVersion.split('/')
  if (apiVersion === '') return { group: '', version: '' }
  if (parts.length === 1) return { group: '', version: apiVersion }
  if (parts.length === 2) return { group: parts[0], version: parts[1] }
  return { group: '', version: '' }
}

export const validateOwnerReferences = (refs: unknown, path: string): FieldError[] => {
  const errs: FieldError[] = []
  let firstController = ''
  const all = list(refs).map(obj)
  for (const r of all) {
    const ref: OwnerReference = { apiVersion: str(r.apiVersion), kind: str(r.kind), name: str(r.name), uid: str(r.uid) }
    if (typeof r.controller === 'boolean') ref.controller = r.controller
    if (typeof r.blockOwnerDeletion === 'boolean') ref.blockOwnerDeletion = r.blockOwnerDeletion
    const { group, version } = splitApiVersion(ref.apiVersion)
    if (!version) errs.push(invalid(child(path, 'apiVersion'), ref.apiVersion, 'version must not be empty'))
    if (!ref.kind) errs.push(invalid(child(path, 'kind'), ref.kind, 'kind must not be empty'))
    if (!ref.name) errs.push(invalid(child(path, 'name'), ref.name, 'name must not be empty'))
    if (!ref.uid) errs.push(invalid(child(path, 'uid'), ref.uid, 'uid must not be empty'))
    if (group === '' && version === 'v1' && ref.kind === 'Event') {
      errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'))
    }
    if (ref.controller) {
      const current = `${ref.kind}/${ref.name}`
      if (firstController) {
        errs.push(
          invalid(path, all, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`),
        )
      } else {
        firstController = current
      }
    }
  }
  return errs
}

export const validateFinalizers = (finalizers: unknown, path: string): FieldError[] => {
  const names = list(finalizers).map(str)
  const errs: FieldError[] = []
  for (const f of names) for (const msg of isQualifiedName(f)) errs.push(invalid(path, f, msg))
  if (names.includes('orphan') && names.includes('foregroundDeletion')) {
    errs.push(invalid(path, names, 'finalizer orphan and foregroundDeletion cannot be both set'))
  }
  return errs
}

/** Core's extra rule: a finalizer without '/' must be one of the standard names. */
const validateKubeFinalizers = (finalizers: unknown, path: string): FieldError[] =>
  list(finalizers)
    .map(str)
    .flatMap((f, i) => {
      const p = index(path, i)
      const errs = isQualifiedName(f).map((msg) => invalid(p, f, msg))
      if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
        errs.push(invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'))
      }
      return errs
    })

const isPrintable = (ch: string): boolean => ch === ' ' || !/[\p{C}\p{Z}]/u.test(ch)

export const validateManagedFields = (entries: unknown, path: string): FieldError[] => {
  const errs: FieldError[] = []
  list(entries).forEach((raw, i) => {
    const e = obj(raw)
    const p = index(path, i)
    const operation = str(e.operation)
    if (operation !== 'Apply' && operation !== 'Update') errs.push(invalid(child(p, 'operation'), operation, 'must be `Apply` or `Update`'))
    const fieldsType = str(e.fieldsType)
    if (fieldsType && fieldsType !== 'FieldsV1') errs.push(invalid(child(p, 'fieldsType'), fieldsType, 'must be `FieldsV1`'))
    const manager = str(e.manager)
    if (byteLength(manager) > FIELD_MANAGER_MAX) errs.push(tooLong(child(p, 'manager'), tooLongDetail(FIELD_MANAGER_MAX)))
    let pos = 0
    for (const ch of manager) {
      if (!isPrintable(ch)) {
        const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
        errs.push(invalid(child(p, 'manager'), manager, `invalid character U+${code} (at position ${pos})`))
      }
      pos += byteLength(ch)
    }
    if (byteLength(str(e.subresource)) > SUBRESOURCE_MAX) errs.push(tooLong(child(p, 'subresource'), tooLongDetail(SUBRESOURCE_MAX)))
  })
  return errs
}

export const validateObjectMeta = (meta: ObjectMeta | undefined, opts: ObjectMetaOptions, path = 'metadata'): FieldError[] => {
  const m = obj(meta)
  const nameFn = opts.nameFn ?? validatePathSegmentName
  const errs: FieldError[] = []
  const generateName = str(m.generateName)
  if (generateName) for (const msg of nameFn(generateName, true)) errs.push(invalid(child(path, 'generateName'), generateName, msg))
  const name = str(m.name)
  if (!name) errs.push(required(child(path, 'name'), 'name or generateName is required'))
  else for (const msg of nameFn(name, false)) errs.push(invalid(child(path, 'name'), name, msg))
  const namespace = str(m.namespace)
  if (opts.requiresNamespace) {
    if (!namespace) errs.push(required(child(path, 'namespace')))
    else for (const msg of nameIsNamespace(namespace)) errs.push(invalid(child(path, 'namespace'), namespace, msg))
  } else if (namespace) {
    errs.push(forbiddenField(child(path, 'namespace'), 'not allowed on this type'))
  }
  const generation = typeof m.generation === 'number' ? m.generation : 0
  if (generation < 0) errs.push(invalid(child(path, 'generation'), generation, IS_NEGATIVE))
  errs.push(...validateLabels(m.labels, child(path, 'labels')))
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')))
  errs.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')))
  errs.push(...validateFinalizers(m.finalizers, child(path, 'finalizers')))
  errs.push(...validateManagedFields(m.managedFields, child(path, 'managedFields')))
  if (opts.kubeFinalizers) errs.push(...validateKubeFinalizers(m.finalizers, child(path, 'finalizers')))
  return errs
}

/** Sorted Go `%#v` of a []string, as the finalizer message prints it. */
const goStringSlice = (items: string[]): string => `[]string{${items.map((s) => JSON.stringify(s)).join(', ')}}`

export const validateObjectMetaUpdate = (
  newMeta: ObjectMeta | undefined,
  oldMeta: ObjectMeta | undefined,
  opts: Pick<ObjectMetaOptions, 'kubeFinalizers'> = {},
  path = 'metadata',
): FieldError[] => {
  const n = obj(newMeta)
  const o = obj(oldMeta)
  const errs: FieldError[] = []
  if (o.deletionTimestamp) {
    const old = new Set(list(o.finalizers).map(str))
    const extra = [...new Set(list(n.finalizers).map(str))].filter((f) => !old.has(f)).sort()
    if (extra.length) {
      errs.push(
        forbiddenField(
          child(path, 'finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`,
        ),
      )
    }
  }
  if (!str(n.resourceVersion)) errs.push(invalid(child(path, 'resourceVersion'), '', 'must be specified for an update'))
  const newGen = typeof n.generation === 'number' ? n.generation : 0
  const oldGen = typeof o.generation === 'number' ? o.generation : 0
  if (newGen < oldGen) errs.push(invalid(child(path, 'generation'), newGen, 'must not be decremented'))
  for (const f of ['name', 'namespace', 'uid'] as const) errs.push(...validateImmutableField(str(n[f]), str(o[f]), child(path, f)))
  for (const f of ['creationTimestamp', 'deletionTimestamp'] as const) {
    if (!sameTime(n[f], o[f])) errs.push(invalid(child(path, f), n[f] ?? null, FIELD_IMMUTABLE))
  }
  errs.push(...validateImmutableField(n.deletionGracePeriodSeconds, o.deletionGracePeriodSeconds, child(path, 'deletionGracePeriodSeconds')))
  errs.push(...validateLabels(n.labels, child(path, 'labels')))
  errs.push(...validateAnnotations(n.annotations, child(path, 'annotations')))
  errs.push(...validateOwnerReferences(n.ownerReferences, child(path, 'ownerReferences')))
  errs.push(...validateManagedFields(n.managedFields, child(path, 'managedFields')))
  if (opts.kubeFinalizers) errs.push(...validateKubeFinalizers(n.finalizers, child(path, 'finalizers')))
  return errs
}

const sameTime = (a: unknown, b: unknown): boolean => {
  const ta = typeof a === 'string' && a ? Date.parse(a) : undefined
  const tb = typeof b === 'string' && b ? Date.parse(b) : undefined
  return ta === tb || (Number.isNaN(ta) && Number.isNaN(tb) && a === b)
}
