/**
 * The WebSocket transport of exec/attach (kubectl 1.30+, client-node):
 * `v4.channel.k8s.io` / `v5.channel.k8s.io` binary messages whose first byte
 * is the channel (0 stdin, 1 stdout, 2 stderr, 3 error, 4 resize, v5: 255
 * close). Only requested channels are written: client-node 1.4.0 throws on
 * an unrequested one. The exit Status goes on channel 3, then a normal close.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { AsyncQueue } from '../../streaming/async-queue.ts'
import { CHANNEL, errorStatus, exitStatus, parseResize, PROTOCOL_V5, type ExecIO, type TerminalSize } from '../../streaming/exec-io.ts'
import type { UpgradePlan } from './handler.ts'

const frame = (channel: number, data: Buffer) => Buffer.concat([Buffer.from([channel]), data])

const send = (ws: WebSocket, data: Buffer) =>
  new Promise<void>((resolve) => {
    if (ws.readyState !== ws.OPEN) return resolve()
    // A failed send means the client left; the abort signal ends the command.
    ws.send(data, { binary: true }, () => resolve())
  })

/** Runs the plan's session over an accepted WebSocket; resolves when the socket is closed. */
export const bridgeWebSocket = async (ws: WebSocket, plan: UpgradePlan): Promise<void> => {
  const { options } = plan
  const abort = new AbortController()
  const stdin = new AsyncQueue<Buffer>()
  const resize = new AsyncQueue<TerminalSize>()
  ws.on('message', (raw: Buffer, isBinary: boolean) => {
    const data = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer)
    if (!isBinary || data.length === 0) return
    const payload = data.subarray(1)
    switch (data[0]) {
      case CHANNEL.stdin:
        if (options.stdin) stdin.push(payload)
        break
      case CHANNEL.resize: {
        const size = parseResize(payload)
        if (size && options.tty) resize.push(size)
        break
      }
      case CHANNEL.close:
        // v5 only: `[255, 0]` half-closes stdin (the client reached EOF).
        if (plan.protocol === PROTOCOL_V5 && payload[0] === CHANNEL.stdin) stdin.end()
        break
    }
  })
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
  void closed.then(() => {
    abort.abort()
    stdin.end()
    resize.end()
  })
  const io: ExecIO = {
    stdin: options.stdin ? stdin : undefined,
    stdout: options.stdout ? (chunk) => send(ws, frame(CHANNEL.stdout, chunk)) : undefined,
    // With a tty stderr is merged into stdout by the terminal; the client opens no stderr channel.
    stderr: options.stderr && !options.tty ? (chunk) => send(ws, frame(CHANNEL.stderr, chunk)) : undefined,
    resize: options.tty ? resize : undefined,
    signal: abort.signal,
  }
  let status: object
  try {
    status = exitStatus(await plan.session.run(io), options.command)
  } catch (err) {
    status = errorStatus((err as Error)?.message ?? String(err))
  }
  await send(ws, frame(CHANNEL.error, Buffer.from(JSON.stringify(status))))
  stdin.end()
  resize.end()
  if (ws.readyState === ws.OPEN) ws.close(1000)
  // A client that never answers the close handshake must not hold the socket forever.
  const timer = setTimeout(() => ws.terminate(), 5_000)
  await closed
  clearTimeout(timer)
}

/** Completes the WebSocket handshake with the negotiated subprotocol and bridges the session. */
export const serveWebSocket = (req: IncomingMessage, socket: Duplex, head: Buffer, plan: UpgradePlan): Promise<void> =>
  new Promise((resolve) => {
    // A failed handshake (ws answers 400 itself) never reaches the callback.
    socket.once('close', () => resolve())
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: () => plan.protocol })
    wss.handleUpgrade(req, socket, head, (ws) => {
      void bridgeWebSocket(ws, plan).finally(() => {
        wss.close()
        resolve()
      })
    })
  })
