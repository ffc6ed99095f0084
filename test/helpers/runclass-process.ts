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

export const startRunclass = async (args: string[], timeoutMs = 30_000): Promise<RunclassProcess> => {
  const child = spawn(process.execPath, [RUNCLASS_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
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
