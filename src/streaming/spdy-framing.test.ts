/**
 * SPDY/3 framing: frames split across reads, header blocks both ways, and the
 * dictionary checked against the id kubectl's zlib stream declares.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { constants, createDeflate, inflateSync } from 'node:zlib'
import {
  controlFrame, dataFrame, decodeHeaderBlock, encodeHeaderBlock, FLAG_FIN, FrameReader, HeaderReader, HeaderWriter, SPDY3_DICTIONARY, synReply, TYPE,
} from './spdy-framing.ts'

const adler32 = (b: Buffer) => {
  let a = 1
  let s = 0
  for (const x of b) {
    a = (a + x) % 65521
    s = (s + a) % 65521
  }
  return ((s << 16) | a) >>> 0
}

/** Deflates blocks the way Go's spdy framer does: one zlib stream with the dictionary, a sync flush per block. */
const goLikeBlocks = async (blocks: Record<string, string>[]): Promise<Buffer[]> => {
  const d = createDeflate({ dictionary: SPDY3_DICTIONARY })
  const out: Buffer[] = []
  for (const headers of blocks) {
    const chunks: Buffer[] = []
    const onData = (c: Buffer) => chunks.push(c)
    d.on('data', onData)
    d.write(encodeHeaderBlock(headers))
    await new Promise<void>((resolve) => d.flush(constants.Z_SYNC_FLUSH, () => setImmediate(resolve)))
    d.off('data', onData)
    out.push(Buffer.concat(chunks))
  }
  d.close()
  return out
}

describe('SPDY/3 header dictionary', () => {
  test('is 1423 bytes with the Adler-32 kubectl 1.27 declares in its header stream (DICTID e3c6a7c2)', () => {
    assert.equal(SPDY3_DICTIONARY.length, 1423)
    assert.equal(adler32(SPDY3_DICTIONARY).toString(16), 'e3c6a7c2')
  })
})

describe('FrameReader', () => {
  test('reassembles control and data frames split at every byte', () => {
    const bytes = Buffer.concat([synReply(1, Buffer.from([1, 2, 3])), dataFrame(3, FLAG_FIN, Buffer.from('hi'))])
    const reader = new FrameReader()
    const frames = [...bytes].flatMap((b) => reader.push(Buffer.from([b])))
    assert.equal(frames.length, 2)
    assert.deepEqual(frames[0], { control: true, type: TYPE.synReply, flags: 0, payload: Buffer.from([0, 0, 0, 1, 1, 2, 3]) })
    assert.deepEqual(frames[1], { control: false, streamId: 3, flags: FLAG_FIN, data: Buffer.from('hi') })
  })
  test('control frames carry version 3 and the type', () => {
    assert.deepEqual([...controlFrame(TYPE.ping, 0, Buffer.from([0, 0, 0, 1]))], [0x80, 0x03, 0x00, 0x06, 0x00, 0x00, 0x00, 0x04, 0, 0, 0, 1])
  })
})

describe('header blocks', () => {
  test('encode and decode are inverse (names lower-cased)', () => {
    assert.deepEqual(decodeHeaderBlock(encodeHeaderBlock({ StreamType: 'stdout', a: '' })), { streamtype: 'stdout', a: '' })
  })
  test('our blocks are one zlib stream any inflater reads block by block', () => {
    const w = new HeaderWriter()
    const blocks = [w.block({ streamtype: 'error' }), w.block({}), w.block({ x: 'y'.repeat(70_000) })]
    let consumed = 0
    let stream = Buffer.alloc(0)
    const got = blocks.map((b) => {
      stream = Buffer.concat([stream, b])
      const all = inflateSync(stream, { finishFlush: constants.Z_SYNC_FLUSH })
      const fresh = all.subarray(consumed)
      consumed = all.length
      return decodeHeaderBlock(fresh)
    })
    assert.deepEqual(got, [{ streamtype: 'error' }, {}, { x: 'y'.repeat(70_000) }])
  })
  test('the peer blocks, compressed with the dictionary in one stream, are read in order', async () => {
    const blocks = await goLikeBlocks([{ streamtype: 'error' }, { streamtype: 'stdout' }, { streamtype: 'stderr' }])
    const r = new HeaderReader()
    assert.deepEqual(blocks.map((b) => r.block(b)), [{ streamtype: 'error' }, { streamtype: 'stdout' }, { streamtype: 'stderr' }])
  })
})
