/**
 * Printers whose rows are a name, one field and an age: RuntimeClass
 * (Handler), Namespace (Status), Lease (Holder), and the fallback (Name, Age)
 * for resources without a printer of their own.
 */
import type { KubeObject } from '../../api/meta.ts'
import * as d from './descriptions.ts'
import { timestampSince } from './human-duration.ts'
import { column, obj, str } from './table-types.ts'
import type { ResourcePrinter } from './table-types.ts'

const nameColumn = column('Name', 'string', d.OBJECT_META_NAME, { format: 'name' })
const ageColumn = column('Age', 'string', d.OBJECT_META_CREATION_TIMESTAMP)

const nameFieldAge = (fieldColumn: ReturnType<typeof column>, field: (o: KubeObject) => string): ResourcePrinter => ({
  columns: [nameColumn, fieldColumn, ageColumn],
  row: (o, now) => ({ cells: [o.metadata.name ?? '', field(o), timestampSince(o.metadata.creationTimestamp, now)] }),
})

// Upstream reads this description from ObjectMeta's docs, which have no "handler" entry: it is empty.
export const runtimeClassPrinter = nameFieldAge(column('Handler', 'string', ''), (o) => str(o.handler))

export const namespacePrinter = nameFieldAge(column('Status', 'string', 'The status of the namespace'), (o) => str(obj(o.status).phase))

export const leasePrinter = nameFieldAge(column('Holder', 'string', d.LEASE_HOLDER_IDENTITY), (o) => str(obj(o.spec).holderIdentity))

export const genericPrinter: ResourcePrinter = {
  columns: [nameColumn, ageColumn],
  row: (o, now) => ({ cells: [o.metadata.name ?? '', timestampSince(o.metadata.creationTimestamp, now)] }),
}
