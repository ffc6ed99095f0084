/**
 * Test harness for the node agent: a real in-process apiserver (memory store),
 * the fake CRI runtime, and an agent with short timings and pod cgroups off;
 * plus small builders and a polling `until`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KubeObject } from '../../api/meta.ts'
import { ApiServer } from '../../apiserver/server.ts'
import { EVENTS, inProcessClient, NAMESPACES, PODS, RUNTIME_CLASSES, type ApiClient } from '../../client/index.ts'
import { FakeRuntime } from '../../cri/testing/fake-runtime.ts'
import { MemoryStore } from '../../store/memory/memory-store.ts'
import { startAgent, type Agent, type AgentOptions } from '../agent.ts'

type Obj = Record<string, any>

export const NODE = 'node-a'

export const quietLog = { info() {}, warn() {}, error() {}, debug() {} }

export const until = async <T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, ms = 8000): Promise<T> => {
  const deadline = Date.now() + ms
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const v = await fn()
      if (v) return v
    } catch (err) {
      last = err
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`)
}

export const pod = (name: string, over: Obj = {}, container: Obj = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName: NODE, containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'], ...container }], ...over },
})

export const runtimeClass = (name: string, handler: string): KubeObject => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler })

export interface Harness {
  client: ApiClient
  cri: FakeRuntime
  dataDir: string
  agent: Agent
  abort: AbortController
  start(over?: Partial<AgentOptions>): Promise<Agent>
  getPod(name: string): Promise<KubeObject & { status?: Obj }>
  events(name: string): Promise<string[]>
  stop(): Promise<void>
}

export const harness = async (opts: { handlers?: string[]; images?: string[] } = {}): Promise<Harness> => {
  const client = inProcessClient(new ApiServer({ store: new MemoryStore() }))
  for (const ns of ['default', 'kube-node-lease']) await client.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } })
  await client.create(RUNTIME_CLASSES, runtimeClass('gvisor', 'runsc'))
  const cri = new FakeRuntime({ handlers: opts.handlers ?? ['runc', 'runsc', 'runc-hardened'], images: opts.images ?? ['busybox'] })
  const dataDir = mkdtempSync(join(tmpdir(), 'agent-'))
  const h: Harness = {
    client,
    cri,
    dataDir,
    agent: undefined as unknown as Agent,
    abort: new AbortController(),
    async start(over = {}) {
      h.abort = new AbortController()
      h.agent = await startAgent({
        client,
        cri,
        nodeName: NODE,
        handlers: opts.handlers ?? ['runc', 'runsc', 'runc-hardened'],
        signal: h.abort.signal,
        log: quietLog,
        dataDir,
        cgroupRoot: false,
        timings: { leaseRenewMs: 50, nodeStatusMs: 50, plegMs: 20, crashBackoffInitialMs: 300, crashBackoffMaxMs: 1200, imageBackoffInitialMs: 300, logPollMs: 10 },
        ...over,
      })
      return h.agent
    },
    getPod: (name) => client.get(PODS, name, 'default'),
    async events(name) {
      await h.agent.flushEvents()
      const list = await client.list(EVENTS, { namespace: 'default', fieldSelector: `involvedObject.name=${name}` })
      return list.items.map((e: Obj) => `${e.type} ${e.reason} ${e.message}`)
    },
    async stop() {
      h.abort.abort()
      await h.agent?.stopped
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  await h.start()
  return h
}
