/**
 * The admission contract between the apiserver and its plugins: mutating
 * plugins run first (admit), then object validation, then validating plugins
 * (validate), on create and update and on the subresources upstream admits.
 * A plugin rejects by throwing a StatusError (usually 403 Forbidden).
 */
import type { KubeObject } from '../api/meta.ts'
import type { ResourceDef } from '../api/resources/index.ts'
import type { ApiClient } from '../client/interface.ts'

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT'

export interface AdmissionAttributes {
  operation: Operation
  resource: ResourceDef
  subresource: string
  namespace: string
  name: string
  user: string
  dryRun: boolean
  /** The object being written (mutable in admit); undefined for DELETE. */
  object?: KubeObject
  /** The stored object for UPDATE and DELETE. */
  oldObject?: KubeObject
}

export interface AdmissionPlugin {
  readonly name: string
  handles(op: Operation, attrs: AdmissionAttributes): boolean
  admit?(attrs: AdmissionAttributes): Promise<void> | void
  validate?(attrs: AdmissionAttributes): Promise<void> | void
}

/** What plugins may use: the cluster, through the same client as everyone else. */
export interface AdmissionContext {
  client: ApiClient
  /**
   * Informer caches of cluster-scoped objects by name. Plugins look there first and
   * fall back to a live GET on a miss (a just-created object may not be cached yet),
   * as upstream's listers do; without them every lookup is live.
   */
  listers?: {
    namespaces?: (name: string) => KubeObject | undefined
    runtimeClasses?: (name: string) => KubeObject | undefined
  }
}

export class AdmissionChain {
  constructor(private readonly plugins: AdmissionPlugin[] = []) {}

  async admit(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) if (p.admit && p.handles(attrs.operation, attrs)) await p.admit(attrs)
  }

  async validate(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) if (p.validate && p.handles(attrs.operation, attrs)) await p.validate(attrs)
  }
}
