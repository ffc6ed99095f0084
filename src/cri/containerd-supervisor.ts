/**
 * ContainerdSupervisor: runs Debian's containerd with the generated config as a
 * detached child in its own process group, waits (bounded) until its socket
 * answers Version, restarts it with exponential backoff when it dies, and stops
 * it with SIGTERM then SIGKILL. `handlers` are the runtime handlers containerd
 * reports (sorted). Shims outlive containerd, so pods survive a restart and a
 * plain stop; `stop({ teardown: true })` also removes every pod, kills leftover
 * shims, unmounts what is left under the base dir and deletes the bridge.
 * Events: 'log' (one containerd log line), 'ready', 'exit' ({ code, signal }),
 * 'restarting' ({ attempt, delayMs }), 'error' is never emitted (failures of a
 * restart are retried and reported through 'restarting').
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { DEFAULT_BRIDGE } from './cni-config.ts'
import { prepareContainerd, type PreparedContainerd, type SetupOptions } from './containerd-setup.ts'
import { discoverHandlers } from './discover-handlers.ts'
import { RuntimeSetupError } from './errors.ts'
import { GrpcCriClient } from './grpc-client.ts'
import type { HandlerSpec } from './handlers.ts'
import { deleteLink, findShims, killPids, unmountUnder } from './host-cleanup.ts'
import { killGroup, terminate } from './terminate.ts'
import type { ContainerdPaths } from './paths.ts'

export interface SupervisorOptions extends SetupOptions {
  /** How long one start may take until Version answers (default 15 s). */
  readyTimeoutMs?: number
  /** Restart after a crash (default true). */
  restart?: boolean
}

export interface StopOptions {
  /** Remove all pods, kill leftover shims, unmount under the base dir, delete the bridge. */
  teardown?: boolean
  /** SIGTERM grace before SIGKILL (default 10 s). */
  graceMs?: number
}

const BACKOFF_START_MS = 250
const BACKOFF_MAX_MS = 30_000
/** A run this long counts as healthy and resets the backoff. */
const HEALTHY_AFTER_MS = 60_000

export class ContainerdSupervisor extends EventEmitter {
  handlers: string[] = []
  private prepared?: PreparedContainerd
  private child?: ChildProcess
  private logFile?: WriteStream
  private stopping = false
  /** Restarts only apply once a start succeeded; a failing first start is the caller's error. */
  private supervising = false
  private attempt = 0
  private startedAt = 0
  private restartAbort = new AbortController()

  constructor(private readonly opts: SupervisorOptions) {
    super()
  }

  get paths(): ContainerdPaths {
    if (!this.prepared) throw new Error('containerd supervisor not started')
    return this.prepared.paths
  }

  get socket(): string {
    return this.paths.socket
  }

  get handlerSpecs(): HandlerSpec[] {
    return this.prepared?.handlers ?? []
  }

  get pid(): number | undefined {
    return this.child?.pid
  }

  get ctr(): string {
    if (!this.prepared) throw new Error('containerd supervisor not started')
    return this.prepared.ctr
  }

  async start(): Promise<void> {
    this.prepared = await prepareContainerd(this.opts)
    await rm(this.prepared.paths.log, { force: true })
    this.logFile = createWriteStream(this.prepared.paths.log, { flags: 'a' })
    await this.killStale()
    try {
      await this.launch()
    } catch (err) {
      await this.stop()
      throw err
    }
    this.supervising = true
  }

  /** A containerd left running by a runclass that died is ours to replace (its shims keep the pods). */
  private async killStale(): Promise<void> {
    const { pidFile, config } = this.paths
    if (!existsSync(pidFile)) return
    const pid = Number(readFileSync(pidFile, 'utf8').trim())
    let cmdline = ''
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    } catch {
      return
    }
    if (!cmdline.includes('containerd') || !cmdline.includes(config)) return
    await terminate(pid, 10_000, () => existsSync(`/proc/${pid}`))
  }

  private async launch(): Promise<void> {
    const { containerd, paths } = this.prepared!
    await rm(paths.socket, { force: true })
    const child = spawn(containerd, ['--config', paths.config], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    this.child = child
    this.startedAt = Date.now()
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve)
      child.once('error', reject)
    })
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.logFile?.write(`${line}\n`)
        this.emit('log', line)
      })
    }
    child.once('exit', (code, signal) => this.onExit(child, code, signal))
    await spawned
    await writeFile(paths.pidFile, `${child.pid}\n`)
    await this.waitReady(child)
    this.emit('ready')
  }

  private async waitReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + (this.opts.readyTimeoutMs ?? 15_000)
    let lastError = 'socket not created'
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new RuntimeSetupError('RC_CONTAINERD_EXITED', `containerd exited during start (${child.exitCode ?? child.signalCode}); log: ${this.paths.log}\n${this.tail()}`)
      }
      if (existsSync(this.paths.socket)) {
        // A private subchannel pool: a shared one would carry over reconnect backoff from earlier tries.
        const client = new GrpcCriClient(this.paths.socket, { channelOptions: { 'grpc.use_local_subchannel_pool': 1 } })
        try {
          await client.version({ timeoutMs: 1_000 })
          this.handlers = discoverHandlers(await client.status(true, { timeoutMs: 5_000 })).handlers
          return
        } catch (err) {
          lastError = (err as Error).message
        } finally {
          client.close()
        }
      }
      await sleep(25)
    }
    throw new RuntimeSetupError('RC_CONTAINERD_NOT_READY', `containerd did not answer on ${this.paths.socket}: ${lastError}; log: ${this.paths.log}\n${this.tail()}`)
  }

  private tail(): string {
    try {
      return readFileSync(this.paths.log, 'utf8').split('\n').slice(-15).join('\n')
    } catch {
      return ''
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return
    this.emit('exit', { code, signal })
    if (this.stopping || !this.supervising || this.opts.restart === false) return
    if (Date.now() - this.startedAt > HEALTHY_AFTER_MS) this.attempt = 0
    void this.restartLoop()
  }

  private async restartLoop(): Promise<void> {
    const signal = this.restartAbort.signal
    while (!this.stopping) {
      const delayMs = Math.min(BACKOFF_START_MS * 2 ** this.attempt, BACKOFF_MAX_MS)
      this.attempt++
      this.emit('restarting', { attempt: this.attempt, delayMs })
      try {
        await sleep(delayMs, undefined, { signal })
        if (this.stopping) return
        await this.launch()
        return
      } catch (err) {
        if (signal.aborted) return
        this.emit('log', `runclass: containerd restart failed: ${(err as Error).message}`)
        if (this.child && this.child.exitCode === null) killGroup(this.child.pid!, 'SIGKILL')
      }
    }
  }

  async stop(opts: StopOptions = {}): Promise<void> {
    this.stopping = true
    this.restartAbort.abort()
    const child = this.child
    if (opts.teardown && child && child.exitCode === null && this.prepared) await this.removeAllPods()
    if (child && child.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      await terminate(child.pid, opts.graceMs ?? 10_000, () => child.exitCode === null && child.signalCode === null, exited)
    }
    if (this.prepared) await rm(this.paths.pidFile, { force: true })
    if (opts.teardown && this.prepared) {
      killPids(findShims(this.paths.socket))
      await unmountUnder(this.paths.base)
      await deleteLink(this.prepared.bridge ?? DEFAULT_BRIDGE)
    }
    await new Promise<void>((resolve) => (this.logFile ? this.logFile.end(resolve) : resolve()))
  }

  /** Stop and remove every sandbox (bounded); a wedged one is handled by killing its shim afterwards. */
  private async removeAllPods(): Promise<void> {
    const client = new GrpcCriClient(this.paths.socket)
    try {
      const pods = await client.listPodSandbox(undefined, { timeoutMs: 5_000 })
      await Promise.allSettled(
        pods.map(async (p) => {
          await client.stopPodSandbox(p.id, { timeoutMs: 15_000 })
          await client.removePodSandbox(p.id, { timeoutMs: 15_000 })
        }),
      )
    } catch {
      // containerd unresponsive: the shim kill and unmount below still clean up.
    } finally {
      client.close()
    }
  }
}
