/**
 * The RuntimeClass admission plugin (upstream plugin/pkg/admission/runtimeclass,
 * admission.md): on Pod CREATE only (never subresources or updates) it looks
 * up `spec.runtimeClassName` — a cache first when one is given, then a live
 * GET through the client, so a just-deleted class is never accepted — and
 *  - admit: sets the overhead and merges the scheduling constraints;
 *  - validate: checks the (possibly user-set) overhead against the class.
 * A Pod naming a missing class gets 403 `pod rejected: RuntimeClass "<x>" not found`.
 * A Pod without runtimeClassName is untouched (but a preset overhead is refused).
 */
import { isNotFound } from '../../api/errors.ts'
import { RUNTIME_CLASSES, type ApiClient } from '../../client/index.ts'
import { admissionForbidden } from '../errors.ts'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, Operation } from '../interface.ts'
import { setOverhead, validateOverhead } from './overhead.ts'
import { podSpec, type RuntimeClassObject } from './pod-spec.ts'
import { setScheduling } from './scheduling.ts'

export const NAME = 'RuntimeClass'
export const MISSING_CLIENT = 'missing RuntimeClass client'

/** A cache of classes (an informer's lister upstream); undefined means "not in the cache". */
export type RuntimeClassLister = (name: string) => RuntimeClassObject | undefined

export const runtimeClassNotFound = (name: string) => `pod rejected: RuntimeClass ${JSON.stringify(name)} not found`

export class RuntimeClassPlugin implements AdmissionPlugin {
  readonly name = NAME
  private readonly client: ApiClient

  constructor(ctx: Partial<AdmissionContext>, private readonly lister?: RuntimeClassLister) {
    if (!ctx.client) throw new Error(MISSING_CLIENT)
    this.client = ctx.client
  }

  handles(op: Operation, attrs: AdmissionAttributes): boolean {
    return op === 'CREATE' && !attrs.subresource && attrs.resource.group === '' && attrs.resource.plural === 'pods' && attrs.object !== undefined
  }

  async admit(attrs: AdmissionAttributes): Promise<void> {
    const pod = attrs.object!
    const rc = await this.lookup(attrs)
    setOverhead(attrs, pod, rc)
    setScheduling(attrs, pod, rc)
  }

  async validate(attrs: AdmissionAttributes): Promise<void> {
    validateOverhead(attrs, attrs.object!, await this.lookup(attrs))
  }

  /** Each phase looks the class up again, as upstream does. */
  private async lookup(attrs: AdmissionAttributes): Promise<RuntimeClassObject | undefined> {
    const name = podSpec(attrs.object!).runtimeClassName
    // An empty name is left to Pod validation (validation.md §8), which rejects it with a 422.
    if (!name) return undefined
    const cached = this.lister?.(name)
    if (cached) return cached
    try {
      return (await this.client.get(RUNTIME_CLASSES, name)) as RuntimeClassObject
    } catch (err) {
      if (isNotFound(err)) throw admissionForbidden(attrs, runtimeClassNotFound(name))
      throw err
    }
  }
}

export const create = (ctx: AdmissionContext): AdmissionPlugin =>
  new RuntimeClassPlugin(ctx, ctx.listers?.runtimeClasses as RuntimeClassLister | undefined)
