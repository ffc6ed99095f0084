/**
 * SPDY/3 framing (draft-mbelshe-httpbis-spdy-00), the subset remotecommand
 * uses: control frames (SYN_STREAM, SYN_REPLY, RST_STREAM, SETTINGS, PING,
 * GOAWAY, HEADERS, WINDOW_UPDATE) and DATA frames, plus the compressed
 * name/value header blocks. Written here because npm spdy-transport rejects
 * the SYN_STREAMs kubectl sends (no `:method`/`:path`).
 *
 * Header blocks: each direction is one zlib stream. We read the peer's with
 * the SPDY/3 dictionary; we write ours as stored (uncompressed) deflate blocks
 * in a zlib stream that declares no dictionary, which every zlib reader
 * accepts, so writing needs no compressor state at all.
 */
import { constants, inflateSync } from 'node:zlib'

export const TYPE = { synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9 } as const
export const FLAG_FIN = 0x01
const VERSION = 3
/** Longer header blocks or data are refused (the peer is broken or hostile). */
const MAX_FRAME = 16 * 1024 * 1024

export type Frame =
  | { control: false; streamId: number; flags: number; data: Buffer }
  | { control: true; type: number; flags: number; payload: Buffer }

/** Splits a byte stream into frames; push() returns the frames completed so far. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0)

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk
    const out: Frame[] = []
    while (this.buf.length >= 8) {
      const length = this.buf.readUInt32BE(4) & 0xffffff
      if (length > MAX_FRAME) throw new Error(`SPDY frame too large: ${length}`)
      if (this.buf.length < 8 + length) break
      const flags = this.buf[4]
      const body = this.buf.subarray(8, 8 + length)
      const first = this.buf.readUInt32BE(0)
      if (first & 0x80000000) out.push({ control: true, type: first & 0xffff, flags, payload: body })
      else out.push({ control: false, streamId: first & 0x7fffffff, flags, data: body })
      this.buf = this.buf.subarray(8 + length)
    }
    return out
  }
}

const header = (first: number, flags: number, length: number) => {
  const h = Buffer.alloc(8)
  h.writeUInt32BE(first >>> 0, 0)
  h.writeUInt32BE(((flags << 24) | length) >>> 0, 4)
  return h
}

export const controlFrame = (type: number, flags: number, payload: Buffer): Buffer =>
  Buffer.concat([header((0x80000000 | (VERSION << 16) | type) >>> 0, flags, payload.length), payload])

export const dataFrame = (streamId: number, flags: number, data: Buffer): Buffer => Buffer.concat([header(streamId & 0x7fffffff, flags, data.length), data])

const u32 = (...values: number[]) => {
  const b = Buffer.alloc(values.length * 4)
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4))
  return b
}

export const synStream = (streamId: number, block: Buffer, flags = 0) => controlFrame(TYPE.synStream, flags, Buffer.concat([u32(streamId, 0), Buffer.from([0, 0]), block]))
export const synReply = (streamId: number, block: Buffer, flags = 0) => controlFrame(TYPE.synReply, flags, Buffer.concat([u32(streamId), block]))
export const rstStream = (streamId: number, status: number) => controlFrame(TYPE.rstStream, 0, u32(streamId, status))
export const goAway = (lastGoodStreamId: number, status = 0) => controlFrame(TYPE.goAway, 0, u32(lastGoodStreamId, status))
export const ping = (id: number) => controlFrame(TYPE.ping, 0, u32(id))

/** RST_STREAM status codes used here. */
export const RST = { protocolError: 1, cancel: 5 } as const

/** The uncompressed name/value block: count, then length-prefixed names and values (lower-case names). */
export const encodeHeaderBlock = (headers: Record<string, string>): Buffer => {
  const parts: Buffer[] = [u32(Object.keys(headers).length)]
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name.toLowerCase())
    const v = Buffer.from(value)
    parts.push(u32(n.length), n, u32(v.length), v)
  }
  return Buffer.concat(parts)
}

/** Reads one name/value block; multiple values (NUL-separated) are joined with ", ". */
export const decodeHeaderBlock = (block: Buffer): Record<string, string> => {
  const out: Record<string, string> = {}
  let at = 4
  const count = block.readUInt32BE(0)
  for (let i = 0; i < count; i++) {
    const nl = block.readUInt32BE(at)
    const name = block.toString('latin1', at + 4, at + 4 + nl).toLowerCase()
    at += 4 + nl
    const vl = block.readUInt32BE(at)
    out[name] = block.toString('utf8', at + 4, at + 4 + vl).split('\0').join(', ')
    at += 4 + vl
  }
  return out
}

/**
 * Writes our header blocks: a zlib stream (header 0x78 0x01, no dictionary) of
 * stored deflate blocks, each block set ended by an empty stored block as a
 * sync flush does: Go's inflater hands out buffered output only at that marker.
 */
export class HeaderWriter {
  private started = false

  block(headers: Record<string, string>): Buffer {
    const raw = encodeHeaderBlock(headers)
    const parts: Buffer[] = []
    if (!this.started) parts.push(Buffer.from([0x78, 0x01]))
    this.started = true
    for (let at = 0; at < raw.length; at += 0xffff) parts.push(storedBlock(raw.subarray(at, at + 0xffff)))
    parts.push(storedBlock(Buffer.alloc(0)))
    return Buffer.concat(parts)
  }
}

/** A non-final stored deflate block: BFINAL=0 BTYPE=00 (one byte, aligned), LEN, NLEN, bytes. */
const storedBlock = (piece: Buffer): Buffer => {
  const head = Buffer.alloc(5)
  head.writeUInt16LE(piece.length, 1)
  head.writeUInt16LE(~piece.length & 0xffff, 3)
  return Buffer.concat([head, piece])
}

/**
 * Reads the peer's header blocks. Node offers no synchronous inflate that keeps
 * its window between calls, so the whole stream so far is inflated again and the
 * new output taken: a session carries a handful of small blocks.
 */
export class HeaderReader {
  private input: Buffer = Buffer.alloc(0)
  private consumed = 0

  block(compressed: Buffer): Record<string, string> {
    this.input = Buffer.concat([this.input, compressed])
    const all = inflateSync(this.input, { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH })
    const fresh = all.subarray(this.consumed)
    this.consumed = all.length
    return decodeHeaderBlock(fresh)
  }
}

/*
 * The zlib dictionary of SPDY/3, section 2.6.10.1 of draft-mbelshe-httpbis-spdy-00:
 * each listed header name or value preceded by its length as a 32-bit big-endian
 * integer, then a run of common value text. Built from that structure; the test
 * checks its length (1423 bytes) and its Adler-32, which is the DICTID kubectl's
 * zlib header stream declares (e3c6a7c2).
 */
const DICTIONARY_WORDS = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag',
  'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since',
  'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
  'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive',
  'origin',
]
const DICTIONARY_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.'

export const SPDY3_DICTIONARY: Buffer = Buffer.concat([
  ...DICTIONARY_WORDS.flatMap((w) => [u32(w.length), Buffer.from(w, 'latin1')]),
  Buffer.from(DICTIONARY_TAIL, 'latin1'),
])
