/**
 * The transport-neutral contract between the apiserver's exec/attach
 * transports (WebSocket, SPDY) and whoever runs the command (the node agent):
 * what the client asked for, the byte streams, and the Status sent on the
 * error channel when the command ends. The remotecommand channel numbers and
 * subprotocol names are the Kubernetes wire constants.
 */

export interface ExecOptions {
  container: string
  /** Empty for attach. */
  command: string[]
  stdin: boolean
  stdout: boolean
  stderr: boolean
  tty: boolean
}

export interface TerminalSize {
  width: number
  height: number
}

/** What a transport hands the runner; absent members were not requested. */
export interface ExecIO {
  /** Ends at the client's stdin EOF. */
  stdin?: AsyncIterable<Buffer>
  stdout?(chunk: Buffer): Promise<void>
  stderr?(chunk: Buffer): Promise<void>
  resize?: AsyncIterable<TerminalSize>
  /** Aborted when the client goes away. */
  signal: AbortSignal
}

/**
 * A command the runner has checked it can start (the container runs). `run`
 * resolves with the exit code; a throw becomes a Failure Status on the error
 * channel.
 */
export interface ExecSession {
  run(io: ExecIO): Promise<number>
}

export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const

export const PROTOCOL_V5 = 'v5.channel.k8s.io'
export const PROTOCOL_V4 = 'v4.channel.k8s.io'
/** v4 and v5 carry exit codes as a Status on the error channel; v5 adds the close signal. Older ones are not served. */
export const SUPPORTED_PROTOCOLS = [PROTOCOL_V5, PROTOCOL_V4]

/** The client's first offered protocol that we speak (kubectl offers best first). */
export const negotiate = (offered: string): string | undefined =>
  offered
    .split(',')
    .map((p) => p.trim())
    .find((p) => SUPPORTED_PROTOCOLS.includes(p))

/**
 * The Status written on the error channel when the command ends; the failure
 * message is containerd's (`error executing command [sh -c exit 7], exit code 7`, Go's %v of a slice).
 */
export const exitStatus = (exitCode: number, command: string[]): object =>
  exitCode === 0
    ? { metadata: {}, status: 'Success' }
    : {
        metadata: {},
        status: 'Failure',
        message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
      }

/** A runner failure (not an exit code) as upstream reports it: InternalError, code 500. */
export const errorStatus = (message: string): object => ({
  metadata: {},
  status: 'Failure',
  message,
  reason: 'InternalError',
  details: { causes: [{ message }] },
  code: 500,
})

/** Parses a `{"Width":W,"Height":H}` resize message; undefined when malformed. */
export const parseResize = (data: Buffer): TerminalSize | undefined => {
  try {
    const v = JSON.parse(data.toString('utf8')) as { Width?: unknown; Height?: unknown }
    if (typeof v.Width === 'number' && typeof v.Height === 'number') return { width: v.Width, height: v.Height }
  } catch {
    // malformed resize messages are ignored, as upstream does
  }
  return undefined
}
