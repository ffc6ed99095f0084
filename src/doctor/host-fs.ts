/**
 * Reading the host through a HostContext: every absolute path is resolved
 * under `ctx.root` (so tests use a fake tree), binaries are found on
 * `ctx.searchPath` with the same lookup `runclass up` uses (cri/handlers.ts
 * `which`), and `--version` output is read with a deadline so a wedged binary
 * cannot hang the doctor.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { HostContext } from './interface.ts'

export const hostPath = (ctx: HostContext, path: string): string => join(ctx.root, path)

export const readHostFile = (ctx: HostContext, path: string): string | undefined => {
  try {
    return readFileSync(hostPath(ctx, path), 'utf8')
  } catch {
    return undefined
  }
}

export const hostExists = (ctx: HostContext, path: string): boolean => existsSync(hostPath(ctx, path))

export const listHostDir = (ctx: HostContext, path: string): string[] | undefined => {
  try {
    return readdirSync(hostPath(ctx, path))
  } catch {
    return undefined
  }
}

/** The first version-looking token of a `--version` output (`1.6.20~ds1`, `0.0~20221219.0`). */
export const parseVersion = (output: string): string | undefined => /\b\d+\.\d+[\w.~+-]*/.exec(output)?.[0]

export type VersionProbe = { ok: true; version: string } | { ok: false; error: string }

/** `exit status 127: <first output line>`, or the spawn error (`EACCES`…). */
const failure = (err: Error & { code?: unknown }, output: string): string => {
  const line = output.split('\n').map((l) => l.trim()).find(Boolean)
  const status = typeof err.code === 'number' ? `exit status ${err.code}` : String(err.code ?? err.message)
  return line ? `${status}: ${line}` : status
}

/** Runs `<bin> <args>` (deadline 5 s) and extracts its version. */
export const probeVersion = (bin: string, args: string[], timeoutMs = 5_000): Promise<VersionProbe> =>
  new Promise((resolve) => {
    execFile(bin, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      const text = `${stdout}\n${stderr}`
      const version = parseVersion(text)
      if (err) resolve({ ok: false, error: err.killed ? `timed out after ${timeoutMs} ms` : failure(err, `${stderr}\n${stdout}`) })
      else if (!version) resolve({ ok: false, error: `no version in output ${JSON.stringify(text.trim().slice(0, 80))}` })
      else resolve({ ok: true, version })
    })
  })
