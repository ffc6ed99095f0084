/**
 * Descriptions of the TypeMeta fields (`apiVersion`, `kind`) that every
 * top-level kind repeats; kept in one place so all definitions agree.
 */

export const API_VERSION =
  'The versioned schema of this representation, as group/version (just the version for the core group). The server converts the versions it knows and may reject others.'

export const KIND = 'The kind of object (CamelCase), e.g. RuntimeClass. The server may infer it from the endpoint; it cannot be changed.'
