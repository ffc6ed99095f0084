/**
 * ensureDefaultRuntimeClasses against an in-process apiserver (memory store):
 * the classes and their exact shape per handler, where the overhead comes from
 * (option > overhead.json > defaults), and that a class the user made or
 * edited, or a default the user deleted, is never touched again.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import type { Logger } from 'pino'
import type { KubeObject } from '../api/meta.ts'
import { ApiServer } from '../apiserver/server.ts'
import { inProcessClient, RUNTIME_CLASSES, type ApiClient } from '../client/index.ts'
import { MemoryStore } from '../store/memory/memory-store.ts'
import { CREATED_FILE, ensureDefaultRuntimeClasses } from './default-runtimeclasses.ts'

const setup = () => inProcessClient(new ApiServer({ store: new MemoryStore() }))

/** A logger that keeps `level: message` lines. */
const recorder = () => {
  const lines: string[] = []
  const at = (level: string) => (a: unknown, b?: string) => lines.push(`${level}: ${typeof a === 'string' ? a : `${b} ${JSON.stringify(a)}`}`)
  return { lines, log: { info: at('info'), warn: at('warn'), debug: at('debug') } as unknown as Logger }
}

/** name → [handler, memory, cpu, nodeSelector, managed-by, overhead-source] */
const summary = async (client: ApiClient) =>
  Object.fromEntries(
    (await client.list(RUNTIME_CLASSES)).items.map((rc: KubeObject) => [
      rc.metadata.name,
      [
        rc.handler,
        (rc.overhead as any)?.podFixed?.memory,
        (rc.overhead as any)?.podFixed?.cpu,
        JSON.stringify((rc.scheduling as any)?.nodeSelector),
        rc.metadata.labels?.['app.kubernetes.io/managed-by'],
        rc.metadata.annotations?.['runclass.dev/overhead-source'],
      ],
    ]),
  )

const sel = (h: string) => JSON.stringify({ [`runtime-handler.runclass.dev/${h}`]: 'true' })

const userClass = (name: string, handler: string): KubeObject => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler })

const tempDir = () => mkdtempSync(join(tmpdir(), 'rc-default-rc-'))

describe('ensureDefaultRuntimeClasses', () => {
  const cases: { name: string; handlers: string[]; overheads?: Record<string, { memory: string; cpu: string }>; want: Record<string, unknown[]> }[] = [
    {
      name: 'one class per handler, gvisor for runsc, defaults from the measured numbers',
      handlers: ['runsc', 'runc', 'runc-hardened', 'crun'],
      want: {
        crun: ['crun', '20Mi', '10m', sel('crun'), 'runclass', 'default'],
        gvisor: ['runsc', '128Mi', '10m', sel('runsc'), 'runclass', 'default'],
        runc: ['runc', '20Mi', '10m', sel('runc'), 'runclass', 'default'],
        'runc-hardened': ['runc-hardened', '20Mi', '10m', sel('runc-hardened'), 'runclass', 'default'],
      },
    },
    {
      name: 'other handlers are named after themselves; kata variants get the VM default',
      handlers: ['runc', 'kata-qemu', 'nvidia'],
      want: {
        'kata-qemu': ['kata-qemu', '160Mi', '250m', sel('kata-qemu'), 'runclass', 'default'],
        nvidia: ['nvidia', '20Mi', '10m', sel('nvidia'), 'runclass', 'default'],
        runc: ['runc', '20Mi', '10m', sel('runc'), 'runclass', 'default'],
      },
    },
    {
      name: 'a measured overhead wins over the default for its handler only',
      handlers: ['runc', 'runsc'],
      overheads: { runsc: { memory: '102Mi', cpu: '10m' } },
      want: {
        gvisor: ['runsc', '102Mi', '10m', sel('runsc'), 'runclass', 'measured'],
        runc: ['runc', '20Mi', '10m', sel('runc'), 'runclass', 'default'],
      },
    },
  ]
  for (const c of cases) {
    test(c.name, async () => {
      const client = setup()
      const created = await ensureDefaultRuntimeClasses({ client, handlers: c.handlers, overheads: c.overheads })
      assert.deepEqual(created, Object.keys(c.want).sort())
      assert.deepEqual(await summary(client), c.want)
    })
  }

  test('no handlers, no classes', async () => {
    const client = setup()
    assert.deepEqual(await ensureDefaultRuntimeClasses({ client, handlers: [] }), [])
    assert.deepEqual(await summary(client), {})
  })

  test("a user's class of the same name is left alone, and the log says why", async () => {
    const client = setup()
    await client.create(RUNTIME_CLASSES, userClass('gvisor', 'runc'))
    const { lines, log } = recorder()
    assert.deepEqual(await ensureDefaultRuntimeClasses({ client, handlers: ['runc', 'runsc'], log }), ['runc'])
    assert.deepEqual((await summary(client)).gvisor, ['runc', undefined, undefined, undefined, undefined, undefined])
    assert.ok(
      lines.some((l) => l.startsWith("info: default RuntimeClass not created: exists without app.kubernetes.io/managed-by=runclass: the user's class, never overwritten")),
      lines.join('\n'),
    )
  })

  test('a managed class the user edited is not re-applied on the next start', async () => {
    const client = setup()
    await ensureDefaultRuntimeClasses({ client, handlers: ['runc'] })
    const edited = await client.patch(RUNTIME_CLASSES, 'runc', 'merge', { metadata: { labels: { team: 'a' } }, overhead: { podFixed: { memory: '64Mi', cpu: '1' } } })
    assert.deepEqual(await ensureDefaultRuntimeClasses({ client, handlers: ['runc'] }), [])
    const after = await client.get(RUNTIME_CLASSES, 'runc')
    assert.equal(after.metadata.resourceVersion, edited.metadata.resourceVersion)
    assert.deepEqual(after.overhead, { podFixed: { memory: '64Mi', cpu: '1' } })
  })

  test('with a data dir: overhead.json is used, and a default the user deleted stays deleted', async () => {
    const dir = tempDir()
    try {
      writeFileSync(
        join(dir, 'overhead.json'),
        JSON.stringify({ version: 1, handlers: { runc: { podFixed: { memory: '15Mi', cpu: '10m' } }, runsc: { podFixed: { memory: 'lots', cpu: '10m' } } } }),
      )
      const client = setup()
      const { lines, log } = recorder()
      assert.deepEqual(await ensureDefaultRuntimeClasses({ client, handlers: ['runc', 'runsc'], dataDir: dir, log }), ['gvisor', 'runc'])
      const s = await summary(client)
      assert.deepEqual([s.runc[1], s.runc[5], s.gvisor[1], s.gvisor[5]], ['15Mi', 'measured', '128Mi', 'default'])
      assert.ok(lines.includes(`warn: default RuntimeClasses: ${join(dir, 'overhead.json')}: handlers.runsc.podFixed must have memory and cpu quantities; using the defaults`), lines.join('\n'))
      assert.deepEqual(JSON.parse(readFileSync(join(dir, CREATED_FILE), 'utf8')), { created: ['gvisor', 'runc'] })

      await client.delete(RUNTIME_CLASSES, 'gvisor')
      assert.deepEqual(await ensureDefaultRuntimeClasses({ client, handlers: ['crun', 'runc', 'runsc'], dataDir: dir }), ['crun'])
      assert.deepEqual(Object.keys(await summary(client)), ['crun', 'runc'])
      assert.deepEqual(JSON.parse(readFileSync(join(dir, CREATED_FILE), 'utf8')), { created: ['crun', 'gvisor', 'runc'] })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('without a data dir a deleted default comes back (nothing records it)', async () => {
    const client = setup()
    await ensureDefaultRuntimeClasses({ client, handlers: ['runc'] })
    await client.delete(RUNTIME_CLASSES, 'runc')
    assert.deepEqual(await ensureDefaultRuntimeClasses({ client, handlers: ['runc'] }), ['runc'])
  })
})
