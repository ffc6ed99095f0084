/**
 * API benchmark over real HTTPS on loopback against a control plane started in
 * this process (SQLite store, synchronous=FULL, admission, token auth):
 *
 * - durable creates/s of RuntimeClasses and of realistic Pods from CONCURRENCY
 *   requests in flight over a keep-alive https.Agent, against the baseline of
 *   GET of one object over the same pool (the raw HTTPS round-trip cost);
 * - LIST latency of all pods (JSON, and server-side Table as kubectl asks),
 *   median of RUNS, against one sequential GET and against JSON.stringify of
 *   the same list in this process (the serialization floor).
 *
 * The load generator runs in a worker thread, so the server's event loop has
 * the main thread to itself (as it would with kubectl or a controller in
 * another process); the baseline goes through the same client, so the ratios
 * compare server work only.
 *
 *   node --import tsx bench/api-bench.ts [pods=10000] [concurrency=64] [runs=7]
 */
import https from 'node:https'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startControlPlane } from '../src/cli/control-plane.ts'

const PODS = Number(process.argv[2] ?? 10_000)
const CONCURRENCY = Number(process.argv[3] ?? 64)
const RUNS = Number(process.argv[4] ?? 7)
const RUNTIME_CLASSES = 5_000
const BASELINE_GETS = 20_000
const TARGET_CREATES = 3_000
const TARGET_LIST_MS = 200

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'

const runtimeClass = (name: string) => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name, labels: { tier: 'sandbox' } },
  handler: 'runsc',
  overhead: { podFixed: { cpu: '250m', memory: '120Mi' } },
  scheduling: { nodeSelector: { 'runtime.runclass.io/gvisor': 'true' }, tolerations: [{ key: 'sandbox', operator: 'Equal', value: 'gvisor', effect: 'NoSchedule' }] },
})

/** A pod as a Deployment would stamp it out: labels, owner, probes, env, resources, a RuntimeClass. */
const pod = (i: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `web-7d4b9c8f6d-${String(i).padStart(6, '0')}`,
    namespace: 'default',
    labels: { app: 'web', tier: 'frontend', 'pod-template-hash': '7d4b9c8f6d' },
    annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' },
  },
  spec: {
    runtimeClassName: 'gvisor',
    containers: [
      {
        name: 'main',
        image: 'registry.example.com/web:1.4.2',
        command: ['/bin/web'],
        args: ['--listen=:8080', '--log-level=info'],
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        env: [
          { name: 'MODE', value: 'production' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        ],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
        imagePullPolicy: 'IfNotPresent',
      },
      { name: 'sidecar', image: 'registry.example.com/proxy:2.0', resources: { requests: { cpu: '50m', memory: '32Mi' } } },
    ],
    terminationGracePeriodSeconds: 30,
  },
})

interface Reply {
  status: number
  body: Buffer
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

interface Target {
  url: string
  ca: string
  token: string
}

/** Main thread: the control plane, serving until the worker is done. */
async function serve(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'runclass-api-bench-'))
  // No scheduler: with no nodes it would write a PodScheduled=False status for
  // every pod, competing with the creates being measured.
  const cp = await startControlPlane({ dataDir, port: 0, host: '127.0.0.1', scheduler: false })
  try {
    const target: Target = { url: cp.url, ca: cp.ca, token: cp.token }
    // Workers do not inherit the tsx loader: the entry is a line of JavaScript
    // that registers it and then imports this file.
    const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}) })`
    const worker = new Worker(entry, { eval: true, workerData: target })
    const failure = await new Promise<unknown>((resolve) => {
      worker.once('error', resolve)
      worker.once('exit', (code) => resolve(code === 0 ? undefined : new Error(`load worker exited with ${code}`)))
    })
    if (failure) throw failure
  } finally {
    await cp.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Worker thread: the load generator and the report. */
async function load(cp: Target): Promise<void> {
  const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: cp.ca })
  const request = (method: string, path: string, body?: unknown, accept = 'application/json') =>
    new Promise<Reply>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
      const headers: Record<string, string> = { authorization: `Bearer ${cp.token}`, accept }
      if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(payload.length) })
      const req = https.request(`${cp.url}${path}`, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(payload)
    })
  const expect = async (want: number, reply: Promise<Reply>) => {
    const r = await reply
    if (r.status !== want) throw new Error(`expected ${want}, got ${r.status}: ${r.body.toString().slice(0, 300)}`)
    return r
  }
  /** `total` calls of `op(i)` with CONCURRENCY in flight; returns calls/s. */
  const rate = async (total: number, op: (i: number) => Promise<unknown>) => {
    let next = 0
    const worker = async () => {
      for (let i = next++; i < total; i = next++) await op(i)
    }
    const start = performance.now()
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    return total / ((performance.now() - start) / 1000)
  }

  try {
    console.log(`api-bench: HTTPS on loopback, keep-alive pool of ${CONCURRENCY}, ${fmt(PODS)} pods (~${fmt(JSON.stringify(pod(0)).length)} bytes each as sent), node ${process.version}`)
    await expect(201, request('POST', '/apis/node.k8s.io/v1/runtimeclasses', runtimeClass('gvisor')))

    // Warm up TLS sessions, the pool and the JIT before anything is measured.
    await rate(2_000, () => expect(200, request('GET', '/apis/node.k8s.io/v1/runtimeclasses/gvisor')))
    const baseline = await rate(BASELINE_GETS, () => expect(200, request('GET', '/apis/node.k8s.io/v1/runtimeclasses/gvisor')))
    const rcCreates = await rate(RUNTIME_CLASSES, (i) => expect(201, request('POST', '/apis/node.k8s.io/v1/runtimeclasses', runtimeClass(`rc-${i}`))))
    const podCreates = await rate(PODS, (i) => expect(201, request('POST', '/api/v1/namespaces/default/pods', pod(i))))

    console.log(`\nrequests/s (${CONCURRENCY} in flight; creates are durable: acknowledged after the SQLite commit)`)
    const row = (name: string, v: number, note: string) => console.log(`  ${name.padEnd(30)} ${fmt(v).padStart(8)} /s  ${fmt(v / baseline, 2).padStart(5)}x  ${note}`)
    row('GET one RuntimeClass', baseline, 'baseline: HTTPS round trip + auth + routing')
    row(`create RuntimeClass (${fmt(RUNTIME_CLASSES)})`, rcCreates, `target ≥ ${fmt(TARGET_CREATES)}/s: ${rcCreates >= TARGET_CREATES ? 'met' : 'NOT met'}`)
    row(`create Pod (${fmt(PODS)})`, podCreates, `admission (RuntimeClass overhead + scheduling); target ≥ ${fmt(TARGET_CREATES)}/s: ${podCreates >= TARGET_CREATES ? 'met' : 'NOT met'}`)

    // LIST: one request at a time, so each sample is the latency of one LIST.
    const getLatency: number[] = []
    for (let i = 0; i < 200; i++) {
      const t = performance.now()
      await expect(200, request('GET', '/api/v1/namespaces/default/pods/web-7d4b9c8f6d-000000'))
      getLatency.push(performance.now() - t)
    }
    const timeList = async (accept: string) => {
      const samples: number[] = []
      let bytes = 0
      let items = 0
      for (let i = 0; i < RUNS + 1; i++) {
        const t = performance.now()
        const r = await expect(200, request('GET', '/api/v1/namespaces/default/pods', undefined, accept))
        const ms = performance.now() - t
        if (i === 0) {
          const parsed = JSON.parse(r.body.toString()) as { items?: unknown[]; rows?: unknown[] }
          items = (parsed.items ?? parsed.rows ?? []).length
          bytes = r.body.length
          continue // the first run warms up
        }
        samples.push(ms)
      }
      if (items !== PODS) throw new Error(`LIST returned ${items} items, want ${PODS}`)
      return { ms: median(samples), bytes }
    }
    const json = await timeList('application/json')
    const table = await timeList(TABLE_ACCEPT)
    const listed = JSON.parse((await request('GET', '/api/v1/namespaces/default/pods')).body.toString()) as unknown
    const stringify: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now()
      JSON.stringify(listed)
      stringify.push(performance.now() - t)
    }
    const get = median(getLatency)
    const floor = median(stringify)

    console.log(`\nLIST of ${fmt(PODS)} pods, median of ${RUNS} (client receives the whole body)`)
    const lrow = (name: string, ms: number, note: string) =>
      console.log(`  ${name.padEnd(30)} ${fmt(ms, 2).padStart(8)} ms  ${fmt(ms / get, 0).padStart(5)}x GET  ${fmt(ms / floor, 1).padStart(5)}x stringify  ${note}`)
    lrow('GET one pod', get, 'baseline: one sequential round trip')
    lrow('JSON.stringify of the list', floor, 'in this process, no I/O: the serialization floor')
    lrow('LIST application/json', json.ms, `${fmt(json.bytes / 1e6, 1)} MB; target < ${TARGET_LIST_MS} ms: ${json.ms < TARGET_LIST_MS ? 'met' : 'NOT met'}`)
    lrow('LIST as=Table', table.ms, `${fmt(table.bytes / 1e6, 1)} MB; target < ${TARGET_LIST_MS} ms: ${table.ms < TARGET_LIST_MS ? 'met' : 'NOT met'}`)
  } finally {
    agent.destroy()
  }
}

if (isMainThread) await serve()
else {
  await load(workerData as Target)
  parentPort?.close()
}
