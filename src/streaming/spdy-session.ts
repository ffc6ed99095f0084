/**
 * A SPDY/3 session over an upgraded socket, usable from either end: the
 * apiserver accepts the streams kubectl opens (server), the node agent opens
 * streams to containerd's streaming server (client). Streams carry their
 * SYN headers, an async iterable of received data that ends at the peer's
 * FIN, and write/end for our half. Flow control is not enforced: Go's
 * spdystream (kubectl, containerd) neither sends nor honours WINDOW_UPDATE.
 */
import type { Duplex } from 'node:stream'
import { AsyncQueue } from './async-queue.ts'
import { dataFrame, FLAG_FIN, FrameReader, goAway, HeaderReader, HeaderWriter, ping, RST, rstStream, synReply, synStream, TYPE, type Frame } from './spdy-framing.ts'

export class SpdyStream {
  readonly data = new AsyncQueue<Buffer>()
  private ended = false
  /** Resolves when the peer answered our SYN_STREAM (client streams). */
  replied: Promise<void>
  resolveReply: () => void = () => {}
  rejectReply: (err: Error) => void = () => {}

  constructor(
    readonly session: SpdySession,
    readonly id: number,
    readonly headers: Record<string, string>,
  ) {
    this.replied = new Promise((resolve, reject) => {
      this.resolveReply = resolve
      this.rejectReply = reject
    })
    this.replied.catch(() => {})
  }

  /** Accepts a stream the peer opened. */
  reply(headers: Record<string, string> = {}): Promise<void> {
    return this.session.send(synReply(this.id, this.session.headerBlock(headers)))
  }

  write(chunk: Buffer): Promise<void> {
    if (this.ended || !chunk.length) return Promise.resolve()
    return this.session.send(dataFrame(this.id, 0, chunk))
  }

  /** Half-closes our side (DATA with FIN). */
  end(): Promise<void> {
    if (this.ended) return Promise.resolve()
    this.ended = true
    return this.session.send(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)))
  }
}

export class SpdySession {
  private readonly reader = new FrameReader()
  private readonly headersIn = new HeaderReader()
  private readonly headersOut = new HeaderWriter()
  private readonly streams = new Map<number, SpdyStream>()
  private nextId: number
  private lastPeerId = 0
  private isClosed = false
  readonly closed: Promise<void>

  constructor(
    private readonly socket: Duplex,
    private readonly opts: { client: boolean; onStream?: (s: SpdyStream) => void },
  ) {
    // Client-initiated streams are odd, server-initiated even.
    this.nextId = opts.client ? 1 : 2
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()))
    void this.closed.then(() => this.teardown(new Error('SPDY connection closed')))
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const f of this.reader.push(chunk)) this.handle(f)
      } catch {
        socket.destroy()
      }
    })
    socket.on('error', () => socket.destroy())
  }

  headerBlock(headers: Record<string, string>): Buffer {
    return this.headersOut.block(headers)
  }

  send(bytes: Buffer): Promise<void> {
    // After GOAWAY (either way) or a half-close, writes are dropped, never queued forever.
    if (this.isClosed || !this.socket.writable) return Promise.resolve()
    return new Promise((resolve) => {
      if (this.socket.write(bytes)) return resolve()
      // Backpressure: the next write waits until the socket took these bytes (or died).
      const done = () => {
        this.socket.off('drain', done)
        this.socket.off('close', done)
        resolve()
      }
      this.socket.once('drain', done)
      this.socket.once('close', done)
    })
  }

  /** Opens a stream (client side) and waits for the peer's SYN_REPLY. */
  async open(headers: Record<string, string>): Promise<SpdyStream> {
    const s = new SpdyStream(this, this.nextId, headers)
    this.nextId += 2
    this.streams.set(s.id, s)
    await this.send(synStream(s.id, this.headerBlock(headers)))
    await s.replied
    return s
  }

  /** GOAWAY, then close the socket once written. */
  async close(): Promise<void> {
    if (this.isClosed) return
    await this.send(goAway(this.lastPeerId))
    this.isClosed = true
    this.socket.end()
  }

  private handle(f: Frame) {
    if (!f.control) {
      const s = this.streams.get(f.streamId)
      if (!s) return
      if (f.data.length) s.data.push(Buffer.from(f.data))
      if (f.flags & FLAG_FIN) s.data.end()
      return
    }
    const p = f.payload
    switch (f.type) {
      case TYPE.synStream: {
        const id = p.readUInt32BE(0) & 0x7fffffff
        const headers = this.headersIn.block(p.subarray(10))
        this.lastPeerId = id
        const s = new SpdyStream(this, id, headers)
        this.streams.set(id, s)
        if (f.flags & FLAG_FIN) s.data.end()
        if (this.opts.onStream) this.opts.onStream(s)
        else void this.send(rstStream(id, RST.protocolError))
        break
      }
      case TYPE.synReply: {
        const s = this.streams.get(p.readUInt32BE(0) & 0x7fffffff)
        this.headersIn.block(p.subarray(4)) // keeps the peer's zlib stream in step
        s?.resolveReply()
        if (s && f.flags & FLAG_FIN) s.data.end()
        break
      }
      case TYPE.headers:
        this.headersIn.block(p.subarray(4))
        break
      case TYPE.rstStream: {
        const s = this.streams.get(p.readUInt32BE(0) & 0x7fffffff)
        s?.rejectReply(new Error(`SPDY stream reset (status ${p.readUInt32BE(4)})`))
        s?.data.end()
        break
      }
      case TYPE.ping:
        // We never ping, so every PING is the peer's: echo it.
        void this.send(ping(p.readUInt32BE(0)))
        break
      case TYPE.goAway:
        this.isClosed = true
        this.socket.end()
        break
      // SETTINGS and WINDOW_UPDATE: nothing to do (no flow control, see above).
    }
  }

  private teardown(err: Error) {
    this.isClosed = true
    for (const s of this.streams.values()) {
      s.rejectReply(err)
      s.data.end()
    }
  }
}
