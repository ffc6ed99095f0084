/**
 * Runs `runclass up` as a real child process and waits for its ready line,
 * so tests exercise the CLI, signals and restarts exactly as a user does.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const RUNCLASS_BIN = fileURLToPath(new URL('../../bin/runclass.mjs', import.meta.url))

export interface RunclassProcess {
  child: ChildProcess
  url: string
  kubeconfig: string
  readyLine: string
  output: () => string
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | string>
}

/**
 * Tests run several clusters at once: each `up` gets its own bridge and pod subnet
 * unless the caller chose them, and stops its pods on exit so nothing is left behind.
 */
const isolatedNodeArgs = (args: string[]): string[] => {
  if (args[0] !== 'up' || args.includes('--no-agent')) return args
  const extra: string[] = []
  const n = Math.floor(Math.random() * 200) + 20
  if (!args.includes('--bridge')) extra.push('--bridge', `rct${process.pid % 1000}x${n}`)
  if (!args.includes('--pod-subnet')) extra.push('--pod-subnet', `10.${n}.0.0/16`)
  if (!args.includes('--stop-pods-on-exit')) extra.push('--stop-pods-on-exit')
  return [...args, ...extra]
}

export const startRunclass = async (args: string[], timeoutMs = 60_000): Promise<RunclassProcess> => {
  const child = spawn(process.execPath, [RUNCLASS_BIN, ...isolatedNodeArgs(args)], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const m = /^(runclass is ready.*API server (\S+), kubeconfig (\S+))$/m.exec(out)
    if (m) return { child, url: m[2], kubeconfig: m[3], readyLine: m[1], output: () => out, exited }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 50))
  }
  child.kill('SIGKILL')
  throw new Error(`runclass did not become ready:\n${out}`)
}
