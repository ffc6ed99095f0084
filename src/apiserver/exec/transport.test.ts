/**
 * exec over the real HTTPS listener with a fake node agent: authentication
 * and validation answer before any upgrade, then WebSocket v5/v4 and SPDY/3.1
 * carry stdout/stderr/stdin and the exit Status exactly as kubectl reads them.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import WebSocket from 'ws'
import { MemoryStore } from '../../store/memory/memory-store.ts'
import { listen, type Listener } from '../https.ts'
import { ApiServer } from '../server.ts'
import { generateTls } from '../tls.ts'
import type { ExecIO, ExecOptions, ExecSession } from '../../streaming/exec-io.ts'
import { SpdySession } from '../../streaming/spdy-session.ts'

const TOKEN = 'secret-token'

/** The fake agent: echo, exit codes, stdin copy, runner failure, a stopped container. */
const fakeExec = async (_pod: unknown, o: ExecOptions): Promise<ExecSession> => {
  if (o.container === 'stopped') throw new Error('container not found ("stopped")')
  return {
    async run(io: ExecIO) {
      const [cmd, arg] = o.command
      if (cmd === 'echo') {
        await io.stdout?.(Buffer.from(arg))
        await io.stderr?.(Buffer.from(`err:${arg}`))
        return 0
      }
      if (cmd === 'exit') return Number(arg)
      if (cmd === 'cat') {
        for await (const chunk of io.stdin ?? []) await io.stdout?.(chunk)
        return 0
      }
      throw new Error('boom')
    },
  }
}

let server: ApiServer
let listener: Listener
const base = () => `https://127.0.0.1:${listener.port}`
const execPath = (q: string) => `/api/v1/namespaces/default/pods/web/exec?${q}`

before(async () => {
  server = new ApiServer({ store: new MemoryStore(), authenticate: (t) => (t === TOKEN ? 'admin' : undefined) })
  server.ctx.podExec = fakeExec
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { nodeName: 'n1', containers: [{ name: 'app', image: 'busybox' }, { name: 'stopped', image: 'busybox' }] } }
  const res = await server.handle({ method: 'POST', url: '/api/v1/namespaces/default/pods', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(pod)), user: 'admin' })
  assert.equal(res.status, 201, String(res.body))
  listener = await listen(server, await generateTls(), 0, '127.0.0.1')
})
after(async () => {
  server.shutdown()
  await listener.close()
})

type Frame = [number, string]

/** Connects, sends `send` messages, collects binary messages until the server closes. */
const wsExec = (q: string, opts: { protocol?: string; token?: string; send?: Buffer[] } = {}) =>
  new Promise<{ protocol: string; frames: Frame[]; code: number } | { status: number; body: string }>((resolve, reject) => {
    const ws = new WebSocket(base() + execPath(q), opts.protocol ?? 'v5.channel.k8s.io', { rejectUnauthorized: false, headers: { authorization: `Bearer ${opts.token ?? TOKEN}` } })
    const frames: Frame[] = []
    ws.on('open', () => opts.send?.forEach((m) => ws.send(m)))
    ws.on('message', (m: Buffer) => frames.push([m[0], m.subarray(1).toString()]))
    ws.on('close', (code) => resolve({ protocol: ws.protocol, frames, code }))
    ws.on('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
    ws.on('error', reject)
  })

describe('before the upgrade', () => {
  for (const { name, q, token, status, body } of [
    { name: 'a bad token is 401', q: 'command=echo&command=x&stdout=true', token: 'nope', status: 401, body: /"reason":"Unauthorized"/ },
    { name: 'an unknown container is a BadRequest Status', q: 'command=echo&container=nope&stdout=true', status: 400, body: /"message":"container nope is not valid for pod web"/ },
    { name: 'two containers and none named', q: 'command=echo&stdout=true', status: 400, body: /a container name must be specified for pod web, choose one of: \[app stopped\]/ },
    { name: 'no command', q: 'container=app&stdout=true', status: 400, body: /you must specify at least 1 command/ },
    { name: 'a container the agent cannot find is the kubelet plain-text error', q: 'command=echo&container=stopped&stdout=true', status: 500, body: /^container not found \("stopped"\)$/ },
  ]) {
    test(name, async () => {
      const res = await wsExec(q, { token })
      assert.ok('status' in res, JSON.stringify(res))
      assert.equal(res.status, status)
      assert.match(res.body, body)
    })
  }
  test('a request without Upgrade is "Upgrade request required"', async () => {
    const res = await server.handle({ method: 'GET', url: execPath('command=echo&container=app&stdout=true'), headers: {}, user: 'admin' })
    assert.equal(res.status, 400)
    assert.match(String(res.body), /"message":"Upgrade request required"/)
  })
})

describe('WebSocket', () => {
  test('v5: stdout and stderr, then Success on channel 3 and a normal close', async () => {
    const res = await wsExec('command=echo&command=hi&container=app&stdout=true&stderr=true')
    assert.deepEqual(res, { protocol: 'v5.channel.k8s.io', code: 1000, frames: [[1, 'hi'], [2, 'err:hi'], [3, '{"metadata":{},"status":"Success"}']] })
  })
  test('only requested channels are written (no stderr here)', async () => {
    const res = await wsExec('command=echo&command=hi&container=app&stdout=true')
    assert.ok('frames' in res)
    assert.deepEqual(res.frames, [[1, 'hi'], [3, '{"metadata":{},"status":"Success"}']])
  })
  test('a non-zero exit is the NonZeroExitCode Status', async () => {
    const res = await wsExec('command=exit&command=7&container=app&stdout=true&stderr=true', { protocol: 'v4.channel.k8s.io' })
    assert.ok('frames' in res)
    assert.equal(res.protocol, 'v4.channel.k8s.io')
    assert.deepEqual(res.frames.map(([c, d]) => [c, JSON.parse(d).details]), [[3, { causes: [{ reason: 'ExitCode', message: '7' }] }]])
  })
  test('v5 stdin, half-closed with [255, 0]', async () => {
    const send = [Buffer.from([0, ...Buffer.from('abc')]), Buffer.from([0, ...Buffer.from('def')]), Buffer.from([255, 0])]
    const res = await wsExec('command=cat&container=app&stdin=true&stdout=true', { send })
    assert.ok('frames' in res)
    assert.deepEqual(res.frames, [[1, 'abc'], [1, 'def'], [3, '{"metadata":{},"status":"Success"}']])
  })
  test('a runner failure is an InternalError Status', async () => {
    const res = await wsExec('command=crash&container=app&stdout=true')
    assert.ok('frames' in res)
    assert.equal(JSON.parse(res.frames[0][1]).reason, 'InternalError')
  })
})

describe('SPDY/3.1', () => {
  const dial = (q: string) =>
    new Promise<{ socket: Duplex; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = https.request(base() + execPath(q), {
        method: 'POST',
        rejectUnauthorized: false,
        headers: { authorization: `Bearer ${TOKEN}`, connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'v4.channel.k8s.io, v3.channel.k8s.io' },
      })
      req.on('upgrade', (res, socket, head) => {
        if (head.length) socket.unshift(head)
        resolve({ socket, headers: res.headers })
      })
      req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)))
      req.on('error', reject)
      req.end()
    })
  const collect = async (s: { data: AsyncIterable<Buffer> }) => {
    let text = ''
    for await (const c of s.data) text += c.toString()
    return text
  }

  test('streams by streamtype, stdin EOF by FIN, the Status on the error stream', async () => {
    const { socket, headers } = await dial('command=cat&container=app&stdin=true&stdout=true&stderr=true')
    assert.equal(headers['x-stream-protocol-version'], 'v4.channel.k8s.io')
    const session = new SpdySession(socket, { client: true })
    const error = await session.open({ streamtype: 'error' })
    const stdin = await session.open({ streamtype: 'stdin' })
    const stdout = await session.open({ streamtype: 'stdout' })
    const stderr = await session.open({ streamtype: 'stderr' })
    await stdin.write(Buffer.from('hello'))
    await stdin.end()
    const [out, err, status] = await Promise.all([collect(stdout), collect(stderr), collect(error)])
    assert.deepEqual([out, err, status], ['hello', '', '{"metadata":{},"status":"Success"}'])
    await session.closed
  })
  test('a non-zero exit', async () => {
    const { socket } = await dial('command=exit&command=3&container=app&stdout=true')
    const session = new SpdySession(socket, { client: true })
    const error = await session.open({ streamtype: 'error' })
    await session.open({ streamtype: 'stdout' })
    assert.equal(JSON.parse(await collect(error)).details.causes[0].message, '3')
  })
})
