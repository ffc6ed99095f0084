/**
 * Decodes the Kubernetes protobuf envelope (`k8s\0` + runtime.Unknown) that
 * kubectl 1.32+ sends for some typed-client writes (e.g. `create namespace`).
 * We decode the types such clients send into their JSON form and answer in JSON.
 * protobufjs' Reader does the wire format; the message layouts are Kubernetes'
 * generated.proto field numbers (spec/kubectl-clients.md §8).
 */
import protobuf from 'protobufjs'
import { badRequest, StatusError } from '../api/errors.ts'

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00])

type Fields = Map<number, (Uint8Array | number | bigint)[]>

/** Reads one message into field number → raw values (bytes for length-delimited, numbers for varints). */
const readFields = (bytes: Uint8Array): Fields => {
  const reader = protobuf.Reader.create(bytes)
  const fields: Fields = new Map()
  while (reader.pos < reader.len) {
    const tag = reader.uint32()
    const field = tag >>> 3
    let value: Uint8Array | number
    switch (tag & 7) {
      case 0:
        value = Number(String(reader.int64()))
        break
      case 2:
        value = reader.bytes()
        break
      default:
        reader.skipType(tag & 7)
        continue
    }
    const list = fields.get(field) ?? []
    list.push(value)
    fields.set(field, list)
  }
  return fields
}

const text = (v: unknown) => Buffer.from(v as Uint8Array).toString('utf8')
const str = (f: Fields, n: number) => (f.has(n) ? text(f.get(n)![0]) : undefined)
const strs = (f: Fields, n: number) => f.get(n)?.map(text)
const msg = (f: Fields, n: number) => (f.has(n) ? readFields(f.get(n)![0] as Uint8Array) : undefined)
const stringMap = (f: Fields, n: number) => {
  const entries = f.get(n)
  if (!entries) return undefined
  const out: Record<string, string> = {}
  for (const e of entries) {
    const kv = readFields(e as Uint8Array)
    out[str(kv, 1) ?? ''] = str(kv, 2) ?? ''
  }
  return out
}

const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))

const objectMeta = (f: Fields | undefined) =>
  f
    ? compact({
        name: str(f, 1),
        generateName: str(f, 2),
        namespace: str(f, 3),
        uid: str(f, 5),
        resourceVersion: str(f, 6),
        labels: stringMap(f, 11),
        annotations: stringMap(f, 12),
        finalizers: strs(f, 14),
      })
    : {}

const DECODERS: Record<string, (raw: Fields) => Record<string, unknown>> = {
  'v1/Namespace': (raw) => {
    const spec = msg(raw, 2)
    return compact({ metadata: objectMeta(msg(raw, 1)), spec: spec ? compact({ finalizers: strs(spec, 1) }) : undefined })
  },
}

export const decodeProtobufObject = (body: Buffer): unknown => {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badRequest('provided protobuf object does not begin with the Kubernetes magic number')
  let unknown: Fields
  try {
    unknown = readFields(body.subarray(4))
  } catch (err) {
    throw badRequest(`unable to decode protobuf object: ${(err as Error).message}`)
  }
  const typeMeta = msg(unknown, 1)
  const apiVersion = typeMeta ? (str(typeMeta, 1) ?? '') : ''
  const kind = typeMeta ? (str(typeMeta, 2) ?? '') : ''
  const decoder = DECODERS[`${apiVersion}/${kind}`]
  if (!decoder) {
    throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (protobuf is accepted only for ${Object.keys(DECODERS).join(', ')})`)
  }
  const raw = unknown.has(2) ? readFields(unknown.get(2)![0] as Uint8Array) : new Map()
  return { apiVersion, kind, ...decoder(raw) }
}
