/**
 * The "0/N nodes are available: ..." text of upstream's FitError: each reason
 * counted over the nodes (a node with several reasons counts under each; nodes
 * absent from the map count under the absent-node status), items
 * `<count> <reason>` sorted as plain strings and joined with ", ", then a
 * period; a PreFilter rejection replaces the histogram; a PostFilter message
 * is appended after a space with no period of its own.
 */
import type { Status } from './interface.ts'

export interface Diagnosis {
  numAllNodes: number
  nodeStatuses: ReadonlyMap<string, Status>
  /** Status for nodes not in nodeStatuses (e.g. never evaluated); none by default. */
  absentStatus?: Status
  preFilterMsg?: string
  postFilterMsg?: string
}

export const noNodeAvailable = (n: number) => `0/${n} nodes are available`

export const reasonHistogram = (d: Diagnosis): string[] => {
  const counts = new Map<string, number>()
  for (const s of d.nodeStatuses.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1)
  const absent = d.numAllNodes - d.nodeStatuses.size
  if (absent > 0 && d.absentStatus) for (const r of d.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent)
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort()
}

export const fitErrorMessage = (d: Diagnosis): string => {
  let msg = `${noNodeAvailable(d.numAllNodes)}:`
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`
  else {
    const items = reasonHistogram(d)
    if (items.length) msg += ` ${items.join(', ')}.`
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`
  return msg
}

/** Event notes are limited to 1024 bytes upstream: longer text keeps 1020 and gets " ...". */
export const truncateEventMessage = (msg: string, max = 1024): string => (msg.length <= max ? msg : `${msg.slice(0, max - 4)} ...`)
