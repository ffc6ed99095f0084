/**
 * meta.k8s.io/v1 Table shapes and the contract of a resource printer: a fixed
 * list of column definitions and a function turning one object into one row.
 * Rows always carry every column (upstream generates them "wide"); kubectl
 * hides columns with priority > 0 unless `-o wide`.
 */
import type { KubeObject } from '../../api/meta.ts'

export interface TableColumnDefinition {
  name: string
  type: string
  format: string
  description: string
  priority: number
}

export interface TableRowCondition {
  type: string
  status: string
  reason?: string
  message?: string
}

export interface TableRow {
  cells: unknown[]
  conditions?: TableRowCondition[]
  /** PartialObjectMetadata, the full object, or null (includeObject=None). */
  object?: unknown
}

export interface Table {
  kind: 'Table'
  apiVersion: 'meta.k8s.io/v1'
  metadata: { resourceVersion?: string; continue?: string }
  /** null when headers were not asked for (watch events after the first). */
  columnDefinitions: TableColumnDefinition[] | null
  rows: TableRow[]
}

/** Cells and optional row conditions of one object. */
export interface PrintedRow {
  cells: unknown[]
  conditions?: TableRowCondition[]
}

export interface ResourcePrinter {
  columns: TableColumnDefinition[]
  row(obj: KubeObject, now: Date): PrintedRow
}

/** A column as upstream declares it: format and priority default to "" and 0. */
export const column = (name: string, type: string, description: string, extra: { format?: string; priority?: number } = {}): TableColumnDefinition => ({
  name,
  type,
  format: extra.format ?? '',
  description,
  priority: extra.priority ?? 0,
})

type Json = Record<string, unknown>
/** Loose readers for objects that arrive as plain JSON. */
export const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {})
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const str = (v: unknown): string => (typeof v === 'string' ? v : '')
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
