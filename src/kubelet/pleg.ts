/**
 * Pod lifecycle event generator (upstream GenericPLEG): every period, list this
 * node's sandboxes and containers once, and wake the worker of each pod whose
 * runtime state changed (a container exited, a sandbox died). Runtime objects
 * of pods the agent does not know (deleted while it was down) go to `orphans`.
 */
import type { CriClient } from '../cri/interface.ts'
import { NODE_NAME, POD_UID } from './labels.ts'
import { sleep } from './sleep.ts'

export interface PlegOptions {
  cri: CriClient
  nodeName: string
  signal: AbortSignal
  periodMs?: number
  timeoutMs: number
  wake(uid: string): void
  /** UIDs of runtime objects whose pod the agent does not know. */
  orphans(uids: string[]): void
  onError?(err: unknown): void
}

/** uid → a signature of its sandboxes' and containers' states. */
export const runtimeSnapshot = async (cri: CriClient, nodeName: string, timeoutMs: number): Promise<Map<string, string>> => {
  const label_selector = { [NODE_NAME]: nodeName }
  const [sandboxes, containers] = await Promise.all([cri.listPodSandbox({ label_selector }, { timeoutMs }), cri.listContainers({ label_selector }, { timeoutMs })])
  const parts = new Map<string, string[]>()
  const add = (uid: string | undefined, s: string) => uid && parts.set(uid, [...(parts.get(uid) ?? []), s])
  for (const s of sandboxes) add(s.labels[POD_UID], `${s.id}:${s.state}`)
  for (const c of containers) add(c.labels[POD_UID], `${c.id}:${c.state}`)
  return new Map([...parts].map(([uid, p]) => [uid, p.sort().join(',')]))
}

export const runPleg = async (opts: PlegOptions & { known(uid: string): boolean }): Promise<void> => {
  let last = new Map<string, string>()
  while (!opts.signal.aborted) {
    try {
      const now = await runtimeSnapshot(opts.cri, opts.nodeName, opts.timeoutMs)
      const orphans: string[] = []
      for (const [uid, sig] of now) {
        if (!opts.known(uid)) orphans.push(uid)
        else if (last.get(uid) !== sig) opts.wake(uid)
      }
      for (const uid of last.keys()) if (!now.has(uid) && opts.known(uid)) opts.wake(uid)
      if (orphans.length) opts.orphans(orphans)
      last = now
    } catch (err) {
      if (!opts.signal.aborted) opts.onError?.(err)
    }
    await sleep(opts.periodMs ?? 1000, opts.signal)
  }
}
