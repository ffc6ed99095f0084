/**
 * instrument(): the decorator around every CRI call (containerd's
 * instrumented_service). It logs mutations at info and reads at debug (with
 * duration and outcome) and maps every failure to a CriError exactly once, so
 * callers test `err.code` and never see raw grpc-js errors. `connectCri` builds
 * the wrapped client that the rest of runclass uses.
 */
import type { Logger } from 'pino'
import { toCriError } from './errors.ts'
import { GrpcCriClient, type GrpcCriClientOptions } from './grpc-client.ts'
import type { CriClient, CriClientExtras } from './interface.ts'

/** The logger subset used here, so tests can pass a recorder instead of pino. */
export type CriLogger = Pick<Logger, 'info' | 'debug'>

const MUTATIONS = new Set([
  'runPodSandbox', 'stopPodSandbox', 'removePodSandbox', 'createContainer', 'startContainer', 'stopContainer',
  'removeContainer', 'reopenContainerLog', 'pullImage', 'removeImage',
])

/** Methods that are not RPCs (no logging, no mapping). */
const LOCAL = new Set(['close', 'constructor'])

/** camelCase method → CRI RPC name, as it appears in gRPC-go errors and upstream logs. */
export const rpcName = (method: string): string => {
  const base = method.replace(/Verbose$/, '')
  return base[0].toUpperCase() + base.slice(1)
}

/** First string argument is the object id for every id-taking call; handy in logs. */
const subject = (method: string, args: unknown[]): Record<string, unknown> => {
  if (method === 'runPodSandbox') {
    const cfg = args[0] as { metadata?: { namespace?: string; name?: string } } | undefined
    return { pod: `${cfg?.metadata?.namespace}/${cfg?.metadata?.name}`, handler: args[1] }
  }
  return typeof args[0] === 'string' ? { id: args[0] } : {}
}

export const instrument = <T extends object>(inner: T, log: CriLogger): T =>
  new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver)
      if (typeof prop !== 'string' || typeof value !== 'function' || LOCAL.has(prop)) {
        return typeof value === 'function' ? value.bind(target) : value
      }
      const rpc = rpcName(prop)
      const level = MUTATIONS.has(prop) ? 'info' : 'debug'
      return async (...args: unknown[]) => {
        const started = performance.now()
        try {
          const res = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
          log[level]({ rpc, ...subject(prop, args), ms: Math.round(performance.now() - started) }, `CRI ${rpc}`)
          return res
        } catch (err) {
          const mapped = toCriError(err, rpc)
          log[level]({ rpc, ...subject(prop, args), ms: Math.round(performance.now() - started), code: mapped.code, err: mapped.details }, `CRI ${rpc} failed`)
          throw mapped
        }
      }
    },
  })

export type InstrumentedCriClient = CriClient & CriClientExtras & { readonly socket: string }

/** The CRI client runclass uses: gRPC over `socket`, instrumented. */
export const connectCri = (socket: string, log: CriLogger, opts?: GrpcCriClientOptions): InstrumentedCriClient =>
  instrument(new GrpcCriClient(socket, opts), log)
