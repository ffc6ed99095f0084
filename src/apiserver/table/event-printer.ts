/**
 * core/v1 Event rows as upstream's printEvent: Last Seen, Type, Reason,
 * Object (`kind/name`, lower-cased kind), wide Subobject and Source, Message,
 * wide First Seen, Count and Name. Times fall back from lastTimestamp to
 * firstTimestamp to eventTime, and a series overrides last time and count.
 */
import type { KubeObject } from '../../api/meta.ts'
import * as d from './descriptions.ts'
import { parseTimestamp, timestampSince } from './human-duration.ts'
import { column, num, obj, str } from './table-types.ts'
import type { PrintedRow, ResourcePrinter } from './table-types.ts'

export const eventColumns = [
  column('Last Seen', 'string', d.EVENT_LAST_TIMESTAMP),
  column('Type', 'string', d.EVENT_TYPE),
  column('Reason', 'string', d.EVENT_REASON),
  column('Object', 'string', d.EVENT_INVOLVED_OBJECT),
  column('Subobject', 'string', d.OBJECT_REFERENCE_FIELD_PATH, { priority: 1 }),
  column('Source', 'string', d.EVENT_SOURCE, { priority: 1 }),
  column('Message', 'string', d.EVENT_MESSAGE),
  column('First Seen', 'string', d.EVENT_FIRST_TIMESTAMP, { priority: 1 }),
  column('Count', 'string', d.EVENT_COUNT, { priority: 1 }),
  column('Name', 'string', d.OBJECT_META_NAME, { format: 'name', priority: 1 }),
]

/** `component, host`, each falling back to the reporting controller / instance. */
export const formatEventSource = (source: Record<string, unknown>, reportingController: string, reportingInstance: string): string => {
  const component = str(source.component) || reportingController
  const host = str(source.host) || reportingInstance
  return host ? `${component}, ${host}` : component
}

export const printEvent = (ev: KubeObject, now: Date): PrintedRow => {
  const firstSeen = parseTimestamp(ev.firstTimestamp) === undefined
    ? timestampSince(ev.eventTime, now)
    : timestampSince(ev.firstTimestamp, now)
  let lastSeen = parseTimestamp(ev.lastTimestamp) === undefined ? firstSeen : timestampSince(ev.lastTimestamp, now)
  let count = num(ev.count)
  const series = ev.series === undefined || ev.series === null ? undefined : obj(ev.series)
  if (series) {
    lastSeen = timestampSince(series.lastObservedTime, now)
    count = num(series.count)
  } else if (count === 0) {
    // Singleton events written through events.k8s.io carry no count.
    count = 1
  }
  const ref = obj(ev.involvedObject)
  const kind = str(ref.kind).toLowerCase()
  const target = str(ref.name) ? `${kind}/${str(ref.name)}` : kind
  return {
    cells: [
      lastSeen,
      str(ev.type),
      str(ev.reason),
      target,
      str(ref.fieldPath),
      formatEventSource(obj(ev.source), str(ev.reportingComponent), str(ev.reportingInstance)),
      str(ev.message).trim(),
      firstSeen,
      count,
      ev.metadata.name ?? '',
    ],
  }
}

export const eventPrinter: ResourcePrinter = { columns: eventColumns, row: printEvent }
