/**
 * Request bodies: size limit, JSON / YAML / Kubernetes protobuf envelopes decoded
 * into plain JSON values, with upstream's 400/413/415 answers for bad input.
 */
import { parse as parseYaml } from 'yaml'
import { badRequest, requestEntityTooLarge, StatusError } from '../api/errors.ts'
import { decodeProtobufObject } from './protobuf.ts'

/** kube-apiserver's default limit on a request body (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024

export const checkBodySize = (length: number) => {
  if (length > MAX_BODY_BYTES) throw requestEntityTooLarge(`Request entity too large: limit is ${MAX_BODY_BYTES}`)
}

export const mediaType = (contentType: string) => contentType.split(';')[0].trim().toLowerCase()

/** Parses a create/update body (not a patch) by its content type. */
export const decodeBody = (body: Buffer | undefined, contentType: string): unknown => {
  checkBodySize(body?.length ?? 0)
  if (!body || body.length === 0) throw badRequest('the body of the request was empty')
  const type = mediaType(contentType || 'application/json')
  switch (type) {
    case 'application/json':
    case '*/*': {
      const parsed = parseJson(body)
      if (parsed && typeof parsed === 'object') jsonSource.set(parsed, body)
      return parsed
    }
    case 'application/yaml':
    case 'application/apply-patch+yaml':
      return parseYamlBody(body)
    case 'application/vnd.kubernetes.protobuf':
      return decodeProtobufObject(body)
    default:
      throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`)
  }
}

/** The JSON text each parsed create/update body came from, for strict decoding's duplicate-field check. */
const jsonSource = new WeakMap<object, Buffer>()

export const sourceJsonOf = (parsed: object): string | undefined => jsonSource.get(parsed)?.toString('utf8')

export const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`)
  }
}

export const parseYamlBody = (body: Buffer): unknown => {
  try {
    return parseYaml(body.toString('utf8'), { version: '1.1' })
  } catch (err) {
    throw badRequest(`error converting YAML to JSON: yaml: ${(err as Error).message.split('\n')[0]}`)
  }
}
