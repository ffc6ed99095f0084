/**
 * Admission's 403, as upstream's admission.NewForbidden: `<resource> "<name>"
 * is forbidden: <why>`, with details {name, group, kind: <resource>}, naming
 * the object the way upstream does.
 */
import { forbidden, type StatusError } from '../api/errors.ts'
import { groupResource } from '../api/resources/index.ts'
import type { AdmissionAttributes } from './interface.ts'

/**
 * The name an admission error shows. The object's own name wins over the
 * request's because the request name of a create is the generateName until
 * the server generates one, which happens between the mutating and the
 * validating phase (upstream's request name is empty for a POST, so it falls
 * back to the object's name, then its generateName).
 */
export const admissionName = (attrs: AdmissionAttributes): string =>
  attrs.object?.metadata.name || attrs.name || attrs.object?.metadata.generateName || 'Unknown'

export const admissionForbidden = (attrs: AdmissionAttributes, why: string): StatusError =>
  forbidden(groupResource(attrs.resource), admissionName(attrs), why)
