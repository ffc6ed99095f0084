/**
 * RuntimeClass manager: an informer cache of node.k8s.io/v1 RuntimeClasses and
 * the one place that turns `spec.runtimeClassName` into a CRI handler
 * (kubelet-cri.md §1). `""` or no name means the runtime's default handler; a
 * class missing from the cache is NotFound with upstream's singular resource
 * text (`runtimeclass.node.k8s.io "x" not found`).
 */
import { isNotFound, notFound } from '../api/errors.ts'
import type { KubeObject } from '../api/meta.ts'
import type { ApiClient } from '../client/interface.ts'
import { RUNTIME_CLASSES } from '../client/resources.ts'
import { Informer } from '../client/informer.ts'

/** The group/resource upstream's lister names in its NotFound error (singular). */
export const RUNTIMECLASS_GR = { group: 'node.k8s.io', resource: 'runtimeclass' }

/** Resolves a class name against `get` (a cache lookup) exactly as upstream's LookupRuntimeHandler. */
export const lookupHandler = (get: (name: string) => KubeObject | undefined, runtimeClassName: string | undefined | null): string => {
  if (!runtimeClassName) return ''
  let cls: KubeObject | undefined
  try {
    cls = get(runtimeClassName)
  } catch (err) {
    throw new Error(`failed to lookup RuntimeClass ${runtimeClassName}: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (!cls) throw notFound(RUNTIMECLASS_GR, runtimeClassName)
  return typeof cls.handler === 'string' ? cls.handler : ''
}

export class RuntimeClassManager {
  private readonly informer: Informer

  constructor(
    private readonly client: ApiClient,
    signal: AbortSignal,
    onError?: (err: unknown) => void,
  ) {
    this.informer = new Informer(client, RUNTIME_CLASSES, { signal, onError })
  }

  /** Starts the informer; resolves once the first list is in the cache. */
  async start(): Promise<void> {
    this.informer.start()
    await this.informer.synced
  }

  lookupHandler(runtimeClassName: string | undefined | null): string {
    return lookupHandler((name) => this.informer.get(name), runtimeClassName)
  }

  /**
   * A cache miss may only be the informer lagging behind a class created just before the
   * Pod; before failing a Pod for good, ask the apiserver. True when the class really is gone.
   */
  async confirmMissing(runtimeClassName: string): Promise<boolean> {
    try {
      await this.client.get(RUNTIME_CLASSES, runtimeClassName)
      return false
    } catch (err) {
      if (isNotFound(err)) return true
      throw err
    }
  }

  /** Live lookup, used after the cache missed but the class exists. */
  async lookupLive(runtimeClassName: string): Promise<string> {
    const cls = await this.client.get(RUNTIME_CLASSES, runtimeClassName)
    return typeof cls.handler === 'string' ? cls.handler : ''
  }
}
