import assert from 'node:assert/strict'
import * as grpc from '@grpc/grpc-js'
import * as protoLoader from '@grpc/proto-loader'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CriError } from './errors.ts'
import { PROTO_PATH } from './grpc-client.ts'
import { connectCri, type InstrumentedCriClient } from './instrumented.ts'

/** A fake CRI runtime on a unix socket, answering from our own proto. */
const startFakeRuntime = async (socket: string) => {
  const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(PROTO_PATH, { keepCase: true, enums: String, longs: String, defaults: true, oneofs: true })) as any
  const seen: Record<string, unknown> = {}
  const server = new grpc.Server()
  server.addService(pkg.runtime.v1.RuntimeService.service, {
    Version: (_: unknown, cb: grpc.sendUnaryData<unknown>) =>
      cb(null, { version: '0.1.0', runtime_name: 'fake', runtime_version: '1.0', runtime_api_version: 'v1' }),
    Status: (call: grpc.ServerUnaryCall<any, unknown>, cb: grpc.sendUnaryData<unknown>) =>
      cb(null, {
        status: { conditions: [{ type: 'RuntimeReady', status: true }] },
        info: call.request.verbose ? { config: JSON.stringify({ containerd: { runtimes: { runsc: {}, runc: {} }, defaultRuntimeName: 'runc' } }) } : {},
      }),
    RunPodSandbox: (call: grpc.ServerUnaryCall<any, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      seen.run = call.request
      if (call.request.runtime_handler === 'hang') return // never answers: the deadline must end it
      if (call.request.runtime_handler !== 'runc') {
        return cb({ code: grpc.status.UNKNOWN, details: `failed to get sandbox runtime: no runtime for "${call.request.runtime_handler}" is configured` })
      }
      cb(null, { pod_sandbox_id: 'sb1' })
    },
    ListPodSandbox: (call: grpc.ServerUnaryCall<any, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      seen.list = call.request
      cb(null, { items: [{ id: 'sb1', metadata: { name: 'p', uid: 'u', namespace: 'n', attempt: 0 }, state: 'SANDBOX_READY', created_at: '1700000000000000000', runtime_handler: 'runc' }] })
    },
    PodSandboxStatus: (_: unknown, cb: grpc.sendUnaryData<unknown>) =>
      cb(null, { status: { id: 'sb1', state: 'SANDBOX_NOTREADY', runtime_handler: 'runc' }, info: { info: '{"runtimeHandler":"runc"}' } }),
  })
  server.addService(pkg.runtime.v1.ImageService.service, {
    ImageStatus: (call: grpc.ServerUnaryCall<any, unknown>, cb: grpc.sendUnaryData<unknown>) =>
      cb(null, call.request.image.image === 'busybox' ? { image: { id: 'sha256:1', repo_tags: ['docker.io/library/busybox:latest'], size: '2130565' } } : {}),
  })
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix://${socket}`, grpc.ServerCredentials.createInsecure(), (e) => (e ? reject(e) : resolve())))
  return { server, seen }
}

describe('GrpcCriClient against a fake runtime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rc-grpc-'))
  const socket = join(dir, 'cri.sock')
  let fake: Awaited<ReturnType<typeof startFakeRuntime>>
  let cri: InstrumentedCriClient
  const logs: [string, Record<string, unknown>, string][] = []
  const log = { info: (o: any, m: string) => logs.push(['info', o, m]), debug: (o: any, m: string) => logs.push(['debug', o, m]) } as any

  before(async () => {
    fake = await startFakeRuntime(socket)
    cri = connectCri(socket, log)
  })
  after(() => {
    cri.close()
    fake.server.forceShutdown()
    rmSync(dir, { recursive: true, force: true })
  })

  it('calls Version and Status, discovering verbose info', async () => {
    assert.deepEqual(await cri.version(), { version: '0.1.0', runtime_name: 'fake', runtime_version: '1.0', runtime_api_version: 'v1' })
    const st = await cri.status(true)
    assert.deepEqual(st.conditions, [{ type: 'RuntimeReady', status: true, reason: '', message: '' }])
    assert.deepEqual(st.runtime_handlers, [])
    assert.equal(JSON.parse(st.info.config).containerd.defaultRuntimeName, 'runc')
  })

  it('sends runtime_handler and returns the sandbox id; logs the mutation at info', async () => {
    logs.length = 0
    const id = await cri.runPodSandbox({ metadata: { name: 'p', uid: 'u', namespace: 'n', attempt: 0 }, linux: { security_context: { namespace_options: { network: 'NODE' } } } }, 'runc')
    assert.equal(id, 'sb1')
    const req = fake.seen.run as any
    assert.deepEqual([req.runtime_handler, req.config.linux.security_context.namespace_options.network], ['runc', 'NODE'])
    assert.deepEqual(logs.map(([level, o, m]) => [level, o.rpc, o.pod, o.handler, m]), [['info', 'RunPodSandbox', 'n/p', 'runc', 'CRI RunPodSandbox']])
  })

  it('maps an unknown handler to a CriError rendered like gRPC-go', async () => {
    await assert.rejects(cri.runPodSandbox({ metadata: { name: 'p', uid: 'u', namespace: 'n', attempt: 0 } }, 'no-such'), (err: unknown) => {
      assert.ok(err instanceof CriError)
      assert.deepEqual([err.code, err.method, err.message], ['Unknown', 'RunPodSandbox', 'rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "no-such" is configured'])
      return true
    })
  })

  it('ends a call that never answers at its deadline', async () => {
    const t0 = performance.now()
    await assert.rejects(cri.runPodSandbox({ metadata: { name: 'p', uid: 'u', namespace: 'n', attempt: 0 } }, 'hang', { timeoutMs: 200 }), { name: 'CriError', code: 'DeadlineExceeded' })
    const ms = performance.now() - t0
    assert.ok(ms >= 190 && ms < 2_000, `took ${ms} ms`)
  })

  it('wraps list filters (state as a value message) and keeps int64 as strings', async () => {
    const items = await cri.listPodSandbox({ state: 'SANDBOX_READY', label_selector: { app: 'x' } })
    assert.deepEqual((fake.seen.list as any).filter, { id: '', state: { state: 'SANDBOX_READY' }, label_selector: { app: 'x' } })
    assert.deepEqual([items[0].id, items[0].state, items[0].created_at], ['sb1', 'SANDBOX_READY', '1700000000000000000'])
  })

  it('returns verbose sandbox status and undefined network when unset', async () => {
    const { status, info } = await cri.podSandboxStatusVerbose('sb1')
    assert.deepEqual([status.state, status.network, info.info], ['SANDBOX_NOTREADY', undefined, '{"runtimeHandler":"runc"}'])
  })

  it('reports an absent image as undefined, a present one with its tags; reads log at debug', async () => {
    logs.length = 0
    assert.deepEqual(await cri.imageStatus('busybox'), { id: 'sha256:1', repo_tags: ['docker.io/library/busybox:latest'], repo_digests: [], size: '2130565' })
    assert.equal(await cri.imageStatus('nginx'), undefined)
    assert.deepEqual(logs.map(([level, o]) => [level, o.rpc, o.id]), [['debug', 'ImageStatus', 'busybox'], ['debug', 'ImageStatus', 'nginx']])
  })

  it('maps an unimplemented RPC', async () => {
    await assert.rejects(cri.stopPodSandbox('sb1'), { name: 'CriError', code: 'Unimplemented', method: 'StopPodSandbox' })
  })
})
