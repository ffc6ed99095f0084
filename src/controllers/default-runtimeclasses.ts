/**
 * Default RuntimeClasses: one per handler the node really has — `runc`,
 * `crun`, `runc-hardened`, `gvisor` (handler `runsc`), others (kata*, nvidia)
 * named after their handler — labelled `app.kubernetes.io/managed-by: runclass`,
 * with `scheduling.nodeSelector` on the node's per-handler label and an
 * `overhead.podFixed` from measurement: the `overheads` option, else
 * `<data-dir>/overhead.json` (measure-overhead --write), else the measured
 * defaults in overhead/defaults.ts.
 *
 * Each class is created once and never updated or deleted afterwards: a
 * class of that name that exists — the user's own (no managed-by label) or
 * ours edited by the user — is left as it is. With a data dir, the names
 * created are recorded there, so a default class the user deleted stays
 * deleted on the next start. Failures are logged, not thrown: the cluster
 * works without its default classes.
 */
import { existsSync, readFileSync } from 'node:fs'
import { rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { isAlreadyExists, isNotFound } from '../api/errors.ts'
import type { KubeObject } from '../api/meta.ts'
import { RUNTIME_CLASSES, type ApiClient } from '../client/index.ts'
import { HANDLER_LABEL_PREFIX } from '../kubelet/node-status.ts'
import { defaultPodFixed } from '../overhead/defaults.ts'
import type { PodFixed } from '../overhead/podfixed.ts'
import { readOverheads } from '../overhead/store.ts'

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by'
export const MANAGED_BY = 'runclass'
/** Where a default class's overhead came from: `measured` or `default`. */
export const OVERHEAD_SOURCE_ANNOTATION = 'runclass.dev/overhead-source'
/** The record of default classes already created once (in the data dir). */
export const CREATED_FILE = 'default-runtimeclasses.json'

/** Class names that differ from their handler's; every other handler names its class. */
const CLASS_NAMES: Record<string, string> = { runsc: 'gvisor' }

export const defaultClassName = (handler: string): string => CLASS_NAMES[handler] ?? handler

export interface DefaultRuntimeClassesOptions {
  client: ApiClient
  /** Handlers the node reports (e.g. runc, crun, runc-hardened, runsc). */
  handlers: string[]
  log?: Logger
  /** Measured podFixed per handler; wins over overhead.json and the defaults. */
  overheads?: Record<string, PodFixed>
  /** The data dir: its overhead.json is read, and the classes created are recorded there. */
  dataDir?: string
}

export const defaultRuntimeClass = (handler: string, podFixed: PodFixed, source: 'measured' | 'default'): KubeObject => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: {
    name: defaultClassName(handler),
    labels: { [MANAGED_BY_LABEL]: MANAGED_BY },
    annotations: { [OVERHEAD_SOURCE_ANNOTATION]: source },
  },
  handler,
  overhead: { podFixed: { memory: podFixed.memory, cpu: podFixed.cpu } },
  scheduling: { nodeSelector: { [`${HANDLER_LABEL_PREFIX}${handler}`]: 'true' } },
})

const readCreated = (dataDir: string | undefined, log?: Logger): Set<string> => {
  const file = dataDir && join(dataDir, CREATED_FILE)
  if (!file || !existsSync(file)) return new Set()
  try {
    return new Set((JSON.parse(readFileSync(file, 'utf8')) as { created: string[] }).created)
  } catch (err) {
    log?.warn({ file, err: (err as Error).message }, 'default RuntimeClasses: unreadable record; treating every class as never created')
    return new Set()
  }
}

const writeCreated = async (dataDir: string, names: Set<string>) => {
  const file = join(dataDir, CREATED_FILE)
  await writeFile(`${file}.tmp`, `${JSON.stringify({ created: [...names].sort() }, null, 2)}\n`)
  await rename(`${file}.tmp`, file)
}

/** Why an existing class is left alone, for the log. */
const keptReason = (existing: KubeObject): string =>
  existing.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY
    ? 'created earlier by runclass; kept as it is (edits are the user\'s)'
    : `exists without ${MANAGED_BY_LABEL}=${MANAGED_BY}: the user's class, never overwritten`

/** Creates the missing default classes; returns the names it created. */
export const ensureDefaultRuntimeClasses = async (opts: DefaultRuntimeClassesOptions): Promise<string[]> => {
  const { client, log } = opts
  const stored = opts.dataDir ? readOverheads(opts.dataDir) : { overheads: {}, problems: [] }
  for (const problem of stored.problems) log?.warn(`default RuntimeClasses: ${problem}; using the defaults`)
  const measured = { ...stored.overheads, ...opts.overheads }
  const record = readCreated(opts.dataDir, log)
  const created: string[] = []
  for (const handler of [...new Set(opts.handlers)].sort()) {
    const name = defaultClassName(handler)
    if (record.has(name)) {
      log?.debug({ runtimeClass: name }, 'default RuntimeClass was created on an earlier start; not recreating it')
      continue
    }
    try {
      const existing = await client.get(RUNTIME_CLASSES, name).catch((err: unknown) => {
        if (isNotFound(err)) return undefined
        throw err
      })
      if (existing) {
        log?.info({ runtimeClass: name, handler }, `default RuntimeClass not created: ${keptReason(existing)}`)
        continue
      }
      const podFixed = measured[handler] ?? defaultPodFixed(handler)
      await client.create(RUNTIME_CLASSES, defaultRuntimeClass(handler, podFixed, measured[handler] ? 'measured' : 'default'))
      created.push(name)
      record.add(name)
      log?.info({ runtimeClass: name, handler, podFixed }, 'default RuntimeClass created')
    } catch (err) {
      if (isAlreadyExists(err)) continue // created concurrently (the user was faster): theirs stands
      log?.warn({ runtimeClass: name, err: (err as Error).message }, 'default RuntimeClass could not be created')
    }
  }
  if (opts.dataDir && created.length) {
    await writeCreated(opts.dataDir, record).catch((err: unknown) =>
      log?.warn({ err: (err as Error).message }, 'default RuntimeClasses: could not record the classes created'),
    )
  }
  return created.sort()
}
