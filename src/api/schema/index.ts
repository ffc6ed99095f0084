/**
 * The merged schema of every served type, keyed by OpenAPI definition name.
 * Consumers (OpenAPI documents, strict decoding, strategic merge patch,
 * quantity canonicalization) read only this record.
 */
import type { Definitions } from './dsl.ts'
import { coordinationDefinitions } from './definitions/coordination.ts'
import { coreV1ContainerDefinitions } from './definitions/core-v1-container.ts'
import { coreV1MiscDefinitions } from './definitions/core-v1-misc.ts'
import { coreV1NodeDefinitions } from './definitions/core-v1-node.ts'
import { coreV1PodDefinitions } from './definitions/core-v1-pod.ts'
import { coreV1VolumeDefinitions } from './definitions/core-v1-volume.ts'
import { metaObjectDefinitions } from './definitions/meta-objects.ts'
import { metaScalarDefinitions } from './definitions/meta-scalars.ts'
import { nodeDefinitions } from './definitions/node.ts'
import { policyDefinitions } from './definitions/policy.ts'

const parts: Definitions[] = [
  metaScalarDefinitions,
  metaObjectDefinitions,
  coreV1PodDefinitions,
  coreV1ContainerDefinitions,
  coreV1VolumeDefinitions,
  coreV1NodeDefinitions,
  coreV1MiscDefinitions,
  nodeDefinitions,
  coordinationDefinitions,
  policyDefinitions,
]

const merge = (records: Definitions[]): Definitions => {
  const out: Definitions = {}
  for (const record of records) {
    for (const [name, def] of Object.entries(record)) {
      // A name defined twice would silently shadow a schema; fail at load instead.
      if (name in out) throw new Error(`schema: definition ${name} defined twice`)
      out[name] = def
    }
  }
  return out
}

export const definitions: Definitions = merge(parts)

export { QUANTITY, INT_OR_STRING, TIME, MICRO_TIME, FIELDS_V1, RAW_EXTENSION, PATCH } from './definitions/meta-scalars.ts'
