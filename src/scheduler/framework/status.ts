/** Status constructors, so plugins say `unresolvable(REASON)` rather than building objects. */
import type { Code, Status } from './interface.ts'

export const newStatus = (code: Code, ...reasons: string[]): Status => ({ code, reasons })
export const unschedulable = (...reasons: string[]): Status => newStatus('Unschedulable', ...reasons)
export const unresolvable = (...reasons: string[]): Status => newStatus('UnschedulableAndUnresolvable', ...reasons)
export const skip = (): Status => newStatus('Skip')
export const asError = (err: unknown): Status => newStatus('Error', err instanceof Error ? err.message : String(err))

export const isRejection = (s: Status | undefined): s is Status =>
  s !== undefined && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable')
