/**
 * Public surface of API validation: one function per kind returning FieldError[] (wrap them
 * with invalidObject from ../errors.ts), plus the name/label primitives and warnings.
 */
export { validateRuntimeClass, validateRuntimeClassUpdate, runtimeClassUpdateChecks, runtimeClassWarnings } from './runtimeclass.ts'
export type { RuntimeClassObject, RuntimeClassToleration } from './runtimeclass.ts'
export { validatePod, validatePodSpec } from './pod.ts'
export type { PodObject } from './pod.ts'
export { validatePodUpdate, POD_UPDATE_FORBIDDEN } from './pod-update.ts'
export { validateNode, validateNodeUpdate } from './node.ts'
export type { NodeObject } from './node.ts'
export { validateNamespace, validateNamespaceUpdate } from './namespace.ts'
export type { NamespaceObject } from './namespace.ts'
export { validateEvent, validateEventUpdate } from './event.ts'
export type { EventObject } from './event.ts'
export { validateLease, validateLeaseUpdate } from './lease.ts'
export type { LeaseObject } from './lease.ts'
export { validateObjectMeta, validateObjectMetaUpdate, validateLabels, validateAnnotations, validateImmutableField } from './object-meta.ts'
export type { ObjectMetaOptions } from './object-meta.ts'
export { validateTolerations, validateTaints } from './tolerations.ts'
export { validateResourceRequirements, validateOverhead } from './resources.ts'
export {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validatePathSegmentName,
  regexError,
} from './names.ts'
export type { NameValidator } from './names.ts'
