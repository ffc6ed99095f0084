/**
 * Server-side printing: objects of one resource → a `meta.k8s.io/v1` Table,
 * as the apiserver answers `Accept: …;as=Table;v=v1;g=meta.k8s.io`. Each row
 * carries every column (kubectl hides priority > 0 unless `-o wide`) and,
 * per `includeObject`, the object's metadata as PartialObjectMetadata
 * (managedFields dropped; the default), the full object, or null.
 */
import { badRequest } from '../../api/errors.ts'
import type { KubeObject, ObjectMeta } from '../../api/meta.ts'
import { eventPrinter } from './event-printer.ts'
import { nodePrinter } from './node-printer.ts'
import { podPrinter } from './pod-printer.ts'
import { genericPrinter, leasePrinter, namespacePrinter, runtimeClassPrinter } from './simple-printers.ts'
import type { ResourcePrinter, Table, TableRow } from './table-types.ts'

export type { Table, TableColumnDefinition, TableRow, TableRowCondition } from './table-types.ts'

export type IncludeObjectPolicy = 'None' | 'Object' | 'Metadata'

export interface PrintTableOptions {
  now: Date
  includeObject: IncludeObjectPolicy
  /**
   * The Table's `metadata.resourceVersion`: the list's RV, or for a single
   * object (get, a watch event) that object's RV. Omitted when undefined.
   */
  listResourceVersion?: string
  /** False for watch events after the first: `columnDefinitions` is then null. */
  withColumnDefinitions: boolean
}

/** Printers by plural resource name (all groups share the namespace of plurals we serve). */
const PRINTERS: Record<string, ResourcePrinter> = {
  pods: podPrinter,
  nodes: nodePrinter,
  events: eventPrinter,
  namespaces: namespacePrinter,
  runtimeclasses: runtimeClassPrinter,
  leases: leasePrinter,
}

export const printerFor = (resource: string): ResourcePrinter => PRINTERS[resource] ?? genericPrinter

/** The `includeObject` query parameter; absent means Metadata. */
export const parseIncludeObject = (value: string | null | undefined): IncludeObjectPolicy => {
  if (value === null || value === undefined || value === '' || value === 'Metadata') return 'Metadata'
  if (value === 'None' || value === 'Object') return value
  throw badRequest(`unrecognized includeObject value: ${JSON.stringify(value)}`)
}

// ObjectMeta's field order in Go, so serialized metadata reads as upstream's.
const META_ORDER: (keyof ObjectMeta)[] = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers',
]

/** meta.AsPartialObjectMetadata for a Table row, without managedFields. */
export const partialObjectMetadata = (o: KubeObject) => {
  const source = o.metadata ?? {}
  const metadata: Record<string, unknown> = {}
  for (const key of META_ORDER) {
    // metav1.Time serializes a zero creationTimestamp as null rather than omitting it.
    if (key === 'creationTimestamp') metadata[key] = source.creationTimestamp ?? null
    else if (source[key] !== undefined) metadata[key] = source[key]
  }
  for (const [key, value] of Object.entries(source)) {
    if (!(key in metadata) && key !== 'managedFields' && value !== undefined) metadata[key] = value
  }
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata }
}

const rowObject = (o: KubeObject, policy: IncludeObjectPolicy): unknown =>
  policy === 'Object' ? o : policy === 'Metadata' ? partialObjectMetadata(o) : null

export const printTable = (resource: string, objects: KubeObject[], opts: PrintTableOptions): Table => {
  const printer = printerFor(resource)
  const rows: TableRow[] = objects.map((o) => {
    const printed = printer.row(o, opts.now)
    return {
      cells: printed.cells,
      ...(printed.conditions ? { conditions: printed.conditions } : {}),
      object: rowObject(o, opts.includeObject),
    }
  })
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: opts.listResourceVersion === undefined ? {} : { resourceVersion: opts.listResourceVersion },
    columnDefinitions: opts.withColumnDefinitions ? printer.columns.map((c) => ({ ...c })) : null,
    rows,
  }
}
