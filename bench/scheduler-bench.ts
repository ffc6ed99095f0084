/**
 * Scheduler benchmark: pods/s placed by the real scheduler (informers, queue,
 * full default plugin set, pods/binding writes, Scheduled events) on an
 * in-process apiserver with 5,000 nodes, against a baseline measured in the
 * same run on an identical fresh cluster: the bind writes alone (same pods,
 * same concurrency, nodes picked round-robin, no scheduling, no events).
 * Prints pods/s for both and the ratio.
 *
 *   node --import tsx bench/scheduler-bench.ts [nodes=5000] [pods=10000] [memory|sqlite]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ApiServer } from '../src/apiserver/server.ts'
import { MemoryStore } from '../src/store/memory/memory-store.ts'
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts'
import type { Store } from '../src/store/interface.ts'
import { inProcessClient, NAMESPACES, NODES, PODS, RUNTIME_CLASSES, type ApiClient } from '../src/client/index.ts'
import { startScheduler } from '../src/scheduler/scheduler.ts'

const NODE_COUNT = Number(process.argv[2] ?? 5000)
const POD_COUNT = Number(process.argv[3] ?? 10_000)
const BACKEND = process.argv[4] ?? 'memory'
const CONCURRENCY = 64
const root = mkdtempSync(join(tmpdir(), 'runclass-sched-bench-'))

const node = (i: number) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 3}`, ...(i % 2 ? { 'sandbox.gvisor.io': 'true' } : {}) } },
  spec: i % 10 === 0 ? { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] } : {},
  status: {
    capacity: { cpu: '32', memory: '128Gi', pods: '110', 'ephemeral-storage': '200Gi' },
    allocatable: { cpu: '31500m', memory: '125Gi', pods: '110', 'ephemeral-storage': '180Gi' },
    conditions: [{ type: 'Ready', status: 'True' }],
    runtimeHandlers: i % 2 ? [{ name: '' }, { name: 'runc' }, { name: 'runsc' }] : [{ name: '' }, { name: 'runc' }],
  },
})

/** Two pods in three are plain web pods; one in three uses gvisor as admission would have left it. */
const pod = (i: number) => {
  const gvisor = i % 3 === 0
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${i % 50}` } },
    spec: {
      containers: [
        { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } },
        { name: 'sidecar', image: 'busybox:1.36', resources: { requests: { cpu: '10m', memory: '16Mi' } } },
      ],
      ...(gvisor
        ? {
            runtimeClassName: 'gvisor',
            overhead: { cpu: '250m', memory: '120Mi' },
            nodeSelector: { 'sandbox.gvisor.io': 'true' },
            tolerations: [{ key: 'sandbox', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
          }
        : {
            affinity: {
              nodeAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-1'] }] } }],
              },
            },
          }),
    },
  }
}

const parallel = async (n: number, fn: (i: number) => Promise<unknown>) => {
  let next = 0
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i = next++; i < n; i = next++) await fn(i)
  }))
}

let stores = 0
const newCluster = async (): Promise<{ client: ApiClient; store: Store }> => {
  const store = BACKEND === 'sqlite' ? await openSqliteStore({ file: join(root, `state-${stores++}.db`) }) : new MemoryStore({ historyWindow: 100_000 })
  const client = inProcessClient(new ApiServer({ store }))
  await client.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })
  await client.create(RUNTIME_CLASSES, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc' })
  await parallel(NODE_COUNT, (i) => client.create(NODES, node(i)))
  await parallel(POD_COUNT, (i) => client.create(PODS, pod(i)))
  return { client, store }
}

const bind = (client: ApiClient, i: number, nodeName: string) =>
  client.create(PODS, { apiVersion: 'v1', kind: 'Binding', metadata: { name: `pod-${i}`, namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } }, { namespace: 'default', subresource: 'binding', name: `pod-${i}` })

async function baseline(): Promise<number> {
  const { client, store } = await newCluster()
  const start = performance.now()
  // Odd nodes carry the gvisor label, so every pod gets a node it could really run on.
  await parallel(POD_COUNT, (i) => bind(client, i, `node-${(2 * i + 1) % NODE_COUNT}`))
  const rate = POD_COUNT / ((performance.now() - start) / 1000)
  await store.close()
  return rate
}

async function scheduler(): Promise<{ rate: number; attempts: number; unschedulable: number; evaluated: number; cycleUs: number }> {
  const { client, store } = await newCluster()
  const ac = new AbortController()
  const s = startScheduler({ client, signal: ac.signal })
  await s.ready
  const start = performance.now()
  const deadline = Date.now() + 600_000
  while (s.stats.scheduled < POD_COUNT) {
    if (Date.now() > deadline) throw new Error(`only ${s.stats.scheduled}/${POD_COUNT} scheduled`)
    await new Promise((r) => setTimeout(r, 5))
  }
  const rate = POD_COUNT / ((performance.now() - start) / 1000)
  const bound = (await client.list(PODS, { namespace: 'default', fieldSelector: 'spec.nodeName=' })).items.length
  if (bound !== 0) throw new Error(`${bound} pods still unbound in the API`)
  ac.abort()
  await s.flushEvents()
  await store.close()
  return { rate, attempts: s.stats.attempts, unschedulable: s.stats.unschedulable, evaluated: s.stats.nodesEvaluated / s.stats.attempts, cycleUs: (s.stats.cycleMs * 1000) / s.stats.attempts }
}

const fmt = (n: number) => n.toFixed(0).padStart(7)
console.log(`scheduler bench: ${NODE_COUNT} nodes, ${POD_COUNT} pods, ${BACKEND} store, ${CONCURRENCY} binds in flight`)
const base = process.env.SKIP_BASELINE ? 1 : await baseline()
console.log(`baseline  bind writes alone          ${fmt(base)} pods/s`)
const sched = await scheduler()
console.log(`scheduler full cycle + bind + event  ${fmt(sched.rate)} pods/s  (${sched.attempts} attempts, ${sched.unschedulable} unschedulable, ${sched.evaluated.toFixed(0)} nodes filtered and ${sched.cycleUs.toFixed(0)} µs in the cycle per pod)`)
console.log(`ratio scheduler / baseline           ${(sched.rate / base).toFixed(2)}`)
rmSync(root, { recursive: true, force: true })
