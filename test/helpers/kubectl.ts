/**
 * Finds versioned kubectl binaries (kubectl.1.27 … kubectl.1.33, or a plain
 * kubectl reporting that version) on PATH and in the Google Cloud SDK folder,
 * and runs them against a kubeconfig with a fresh discovery cache.
 * Without them the tests skip LOUDLY, except under CI=true, where they fail.
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

const EXTRA_DIRS = ['/usr/lib/google-cloud-sdk/bin']

const searchDirs = () => [...(process.env.PATH ?? '').split(delimiter), ...EXTRA_DIRS].filter(Boolean)

const clientMinor = (bin: string): number | undefined => {
  const out = spawnSync(bin, ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 10_000 })
  try {
    return Number(JSON.parse(out.stdout).clientVersion.minor.replace(/\D.*$/, ''))
  } catch {
    return undefined
  }
}

/** Path of a kubectl binary of the given minor version (1.<minor>), if any. */
export const findKubectl = (minor: number): string | undefined => {
  for (const dir of searchDirs()) {
    const versioned = join(dir, `kubectl.1.${minor}`)
    if (existsSync(versioned)) return versioned
  }
  for (const dir of searchDirs()) {
    const plain = join(dir, 'kubectl')
    if (existsSync(plain) && clientMinor(plain) === minor) return plain
  }
  return undefined
}

/** Returns the binary, or a skip reason (printed loudly); throws under CI=true. */
export const requireKubectl = (minor: number): { bin: string } | { skip: string } => {
  const bin = findKubectl(minor)
  if (bin) return { bin }
  const reason = `SKIPPED: no kubectl 1.${minor} on PATH or in ${EXTRA_DIRS.join(', ')} — install kubectl 1.${minor} to run these tests`
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: kubectl is required)`)
  console.error(`\n!!! ${reason}\n`)
  return { skip: reason }
}

export interface KubectlResult {
  code: number
  stdout: string
  stderr: string
}

export class Kubectl {
  readonly cacheDir = mkdtempSync(join(tmpdir(), 'rc-kubectl-cache-'))
  constructor(
    readonly bin: string,
    readonly kubeconfig: string,
  ) {}

  run(args: string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<KubectlResult> {
    return new Promise((resolve) => {
      const child = execFile(
        this.bin,
        [`--kubeconfig=${this.kubeconfig}`, `--cache-dir=${this.cacheDir}`, ...args],
        { env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as any).code ?? 1) : 0, stdout, stderr }),
      )
      if (opts.input !== undefined) child.stdin!.end(opts.input)
    })
  }

  /** Runs and asserts success, returning stdout. */
  async ok(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<string> {
    const r = await this.run(args, opts)
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`)
    return r.stdout
  }
}
