/**
 * The stored measurement: `<data-dir>/overhead.json`, written by
 * `runclass measure-overhead --write` and read when the default RuntimeClasses
 * are created. One entry per handler; writing merges, so measuring one
 * handler keeps the others. An unreadable file or a bad entry is reported and
 * skipped (the defaults apply), never fatal: the cluster must still start.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { tryParseQuantity } from '../api/quantity/quantity.ts'
import type { MemoryBasis, PodFixed } from './podfixed.ts'

export const OVERHEAD_FILE = 'overhead.json'

export interface StoredHandlerOverhead {
  podFixed: PodFixed
  measuredAt: string
  pods: number
  memoryBasis: MemoryBasis
  rssBytes: number
  pssBytes: number
  idleMillicores: number
}

export interface OverheadFile {
  version: 1
  handlers: Record<string, StoredHandlerOverhead>
}

export interface LoadedOverheads {
  /** podFixed per handler, only the valid entries. */
  overheads: Record<string, PodFixed>
  /** What was wrong with the file or an entry (empty when all is well or there is no file). */
  problems: string[]
}

export const overheadPath = (dataDir: string) => join(dataDir, OVERHEAD_FILE)

const validPodFixed = (v: unknown): v is PodFixed => {
  const p = v as Partial<PodFixed> | undefined
  return typeof p?.memory === 'string' && typeof p.cpu === 'string' && !!tryParseQuantity(p.memory) && !!tryParseQuantity(p.cpu)
}

/** Parses the file text; pure, for tests. */
export const parseOverheadFile = (text: string, file = OVERHEAD_FILE): LoadedOverheads => {
  let doc: Partial<OverheadFile>
  try {
    doc = JSON.parse(text) as Partial<OverheadFile>
  } catch (err) {
    return { overheads: {}, problems: [`${file}: not JSON (${(err as Error).message})`] }
  }
  if (doc.version !== 1 || typeof doc.handlers !== 'object' || doc.handlers === null) {
    return { overheads: {}, problems: [`${file}: expected {"version": 1, "handlers": {...}}`] }
  }
  const overheads: Record<string, PodFixed> = {}
  const problems: string[] = []
  for (const [handler, entry] of Object.entries(doc.handlers)) {
    if (validPodFixed(entry?.podFixed)) overheads[handler] = { memory: entry.podFixed.memory, cpu: entry.podFixed.cpu }
    else problems.push(`${file}: handlers.${handler}.podFixed must have memory and cpu quantities`)
  }
  return { overheads, problems }
}

export const readOverheads = (dataDir: string): LoadedOverheads => {
  const file = overheadPath(dataDir)
  if (!existsSync(file)) return { overheads: {}, problems: [] }
  try {
    return parseOverheadFile(readFileSync(file, 'utf8'), file)
  } catch (err) {
    return { overheads: {}, problems: [`${file}: ${(err as Error).message}`] }
  }
}

/** Merges `entries` into the file (atomically: write then rename); returns the path. */
export const writeOverheads = async (dataDir: string, entries: Record<string, StoredHandlerOverhead>): Promise<string> => {
  const file = overheadPath(dataDir)
  let current: OverheadFile = { version: 1, handlers: {} }
  if (existsSync(file)) {
    try {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as OverheadFile
      if (doc.version === 1 && doc.handlers) current = doc
    } catch {
      // a broken file is replaced
    }
  }
  const next: OverheadFile = { version: 1, handlers: { ...current.handlers, ...entries } }
  await mkdir(dirname(file), { recursive: true })
  await writeFile(`${file}.tmp`, `${JSON.stringify(next, null, 2)}\n`)
  await rename(`${file}.tmp`, file)
  return file
}
