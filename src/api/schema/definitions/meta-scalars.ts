/**
 * Schema definitions: the apimachinery scalars that travel as plain JSON
 * values (Quantity, IntOrString, Time, MicroTime) and the free-form objects
 * (FieldsV1, RawExtension, the PATCH body). Their OpenAPI shapes follow upstream: v2 sees a
 * string with a format, v3 a oneOf where the value may be a number.
 */
import type { Definitions } from '../dsl.ts'

export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity'
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString'
export const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time'
export const MICRO_TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime'
export const FIELDS_V1 = 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1'
export const RAW_EXTENSION = 'io.k8s.apimachinery.pkg.runtime.RawExtension'
export const PATCH = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch'

export const metaScalarDefinitions: Definitions = {
  [QUANTITY]: {
    type: 'scalar',
    description:
      'A fixed-point amount such as "250m", "1.5", "128Mi" or "1e3": a decimal number with an optional suffix (binary Ki Mi Gi Ti Pi Ei, decimal m k M G T P E, or an exponent). A plain JSON number is accepted too. The server re-emits quantities in canonical form, e.g. 1.5 becomes "1500m" and 1.5Gi becomes "1536Mi".',
    openapi: { type: 'string', oneOf: [{ type: 'string' }, { type: 'number' }] },
  },
  [INT_OR_STRING]: {
    type: 'scalar',
    description: 'Either an integer or a string, e.g. a port number or a port name, or a count or a percentage.',
    openapi: { type: 'string', format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
  },
  [TIME]: {
    type: 'scalar',
    description: 'A point in time, serialized as an RFC 3339 string in UTC with second precision, e.g. "2026-01-02T15:04:05Z".',
    openapi: { type: 'string', format: 'date-time' },
  },
  [MICRO_TIME]: {
    type: 'scalar',
    description: 'A point in time with microsecond precision, serialized as RFC 3339 in UTC, e.g. "2026-01-02T15:04:05.000123Z".',
    openapi: { type: 'string', format: 'date-time' },
  },
  [FIELDS_V1]: {
    type: 'scalar',
    description: 'A set of field paths encoded as a JSON trie (keys like "f:spec", "k:{...}", "v:..."), as used by managedFields.',
    openapi: { type: 'object' },
  },
  [RAW_EXTENSION]: {
    type: 'scalar',
    description: 'An embedded object of any kind, kept as raw JSON.',
    openapi: { type: 'object' },
  },
  [PATCH]: {
    type: 'scalar',
    description: 'The body of a PATCH request; its meaning depends on the content type (JSON patch, merge patch, strategic merge patch or apply).',
    openapi: { type: 'object' },
  },
}
