/**
 * `pods/log` for the apiserver's podLogs hook: finds the container instance
 * (the current one, or with `previous=true` the one before it) of a pod on
 * this node and streams its CRI log file, following while it runs.
 */
import { join } from 'node:path'
import { StatusError } from '../api/errors.ts'
import type { KubeObject } from '../api/meta.ts'
import type { CriClient } from '../cri/interface.ts'
import { CONTAINER_NAME, POD_UID } from './labels.ts'
import { parseLogQuery, readContainerLog } from './logs.ts'
import { podLogDir } from './sandbox-config.ts'

type Obj = Record<string, any>

const badRequest = (message: string) => new StatusError(400, 'BadRequest', message)

export const podLogs = async (
  deps: { cri: CriClient; dataDir: string; callTimeoutMs: number; pollMs?: number },
  pod: KubeObject,
  query: URLSearchParams,
  signal?: AbortSignal,
): Promise<AsyncIterable<string>> => {
  const q = parseLogQuery(query)
  const spec = (pod.spec ?? {}) as Obj
  const name = q.container || (spec.containers?.length === 1 ? spec.containers[0].name : '')
  const instances = (await deps.cri.listContainers({ label_selector: { [POD_UID]: pod.metadata.uid!, [CONTAINER_NAME]: name } }, { timeoutMs: deps.callTimeoutMs })).sort(
    (a, b) => b.metadata.attempt - a.metadata.attempt,
  )
  const status = ([...((pod.status as Obj)?.containerStatuses ?? []), ...((pod.status as Obj)?.initContainerStatuses ?? [])] as Obj[]).find((s) => s.name === name)
  const currentAttempt = instances[0]?.metadata.attempt ?? status?.restartCount ?? 0
  if (q.previous) {
    if (!instances.length || currentAttempt < 1) throw badRequest(`previous terminated container "${name}" in pod "${pod.metadata.name}" not found`)
    const path = join(podLogDir(deps.dataDir, pod), name, `${currentAttempt - 1}.log`)
    return readContainerLog(path, { ...q, follow: false }, { signal })
  }
  const current = instances[0]
  const path = join(podLogDir(deps.dataDir, pod), name, `${currentAttempt}.log`)
  const isRunning = async () => {
    if (!current) return false
    try {
      return (await deps.cri.containerStatus(current.id, { timeoutMs: deps.callTimeoutMs })).state === 'CONTAINER_RUNNING'
    } catch {
      return false
    }
  }
  return readContainerLog(path, q, { signal, isRunning, pollMs: deps.pollMs })
}
