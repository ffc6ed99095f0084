/**
 * The TypeMeta field descriptions (`apiVersion`, `kind`) that every
 * top-level kind repeats, and the one shape every <Kind>List has; kept in one
 * place so all definitions agree.
 */
import type { ObjectDefinition } from '../dsl.ts'
import { arrayOf, ref, str } from '../dsl.ts'

export const API_VERSION =
  'The versioned schema of this representation, as group/version (just the version for the core group). The server converts the versions it knows and may reject others.'

export const KIND = 'The kind of object (CamelCase), e.g. RuntimeClass. The server may infer it from the endpoint; it cannot be changed.'

/** A `<Kind>List` definition: TypeMeta, ListMeta and the items, the same for every listed kind. */
export const listDefinition = (group: string, version: string, kind: string, itemDefinition: string): ObjectDefinition => ({
  type: 'object',
  description: `A list of ${kind} objects.`,
  properties: {
    apiVersion: str(API_VERSION),
    items: arrayOf(ref(itemDefinition), `The ${kind} objects.`),
    kind: str(KIND),
    metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', 'Standard list metadata: the resourceVersion of the list and the continue token.'),
  },
  required: ['items'],
  gvk: [{ group, version, kind: `${kind}List` }],
})
