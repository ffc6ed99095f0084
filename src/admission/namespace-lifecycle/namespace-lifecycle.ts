/**
 * NamespaceLifecycle (upstream apiserver admission/plugin/namespace/lifecycle):
 *  - CREATE/UPDATE of a namespaced object needs its namespace to exist
 *    (404 `namespaces "<ns>" not found`); CREATE in a Terminating namespace is
 *    refused with 403 and a NamespaceTerminating cause. Namespaces themselves,
 *    cluster-scoped objects and deletions are always let through. Events get
 *    no exemption, as upstream.
 *  - DELETE of an immortal namespace is refused with 403
 *    `namespaces "<name>" is forbidden: this namespace may not be deleted`.
 * The namespace is read live through the client on every request: in process
 * that is cheap, and it is never stale. The apiserver runs admission's
 * validating phase (only) on DELETE, so the delete check lives in validate.
 */
import { internalError, isNotFound, isStatusError, notFound, type StatusError } from '../../api/errors.ts'
import type { KubeObject } from '../../api/meta.ts'
import { NAMESPACES, type ApiClient } from '../../client/index.ts'
import { admissionForbidden } from '../errors.ts'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, Operation } from '../interface.ts'

export const NAME = 'NamespaceLifecycle'
/** Upstream's default, kube-system and kube-public, plus the lease namespace runclass creates at start. */
export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease']
export const MAY_NOT_BE_DELETED = 'this namespace may not be deleted'
export const terminatingMessage = (ns: string) => `unable to create new content in namespace ${ns} because it is being terminated`

const isNamespaceKind = (attrs: AdmissionAttributes) => attrs.resource.group === '' && attrs.resource.kind === 'Namespace'

export class NamespaceLifecycle implements AdmissionPlugin {
  readonly name = NAME

  constructor(
    private readonly client: ApiClient,
    private readonly immortal: readonly string[] = IMMORTAL_NAMESPACES,
    private readonly lister?: (name: string) => KubeObject | undefined,
  ) {}

  handles(op: Operation): boolean {
    return op === 'CREATE' || op === 'UPDATE' || op === 'DELETE'
  }

  async admit(attrs: AdmissionAttributes): Promise<void> {
    if (attrs.operation === 'DELETE' || !attrs.namespace || isNamespaceKind(attrs)) return
    const ns = await this.getNamespace(attrs.namespace)
    if (attrs.operation === 'CREATE' && (ns.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      throw this.terminating(attrs)
    }
  }

  validate(attrs: AdmissionAttributes): void {
    if (attrs.operation === 'DELETE' && isNamespaceKind(attrs) && !attrs.subresource && this.immortal.includes(attrs.name)) {
      throw admissionForbidden(attrs, MAY_NOT_BE_DELETED)
    }
  }

  private async getNamespace(name: string): Promise<KubeObject> {
    const cached = this.lister?.(name)
    if (cached) return cached
    try {
      return await this.client.get(NAMESPACES, name)
    } catch (err) {
      // Upstream returns the lookup's own 404 and wraps anything else as an internal error.
      if (isNotFound(err)) throw notFound({ group: '', resource: 'namespaces' }, name)
      throw isStatusError(err) ? internalError(err.message) : err
    }
  }

  private terminating(attrs: AdmissionAttributes): StatusError {
    const err = admissionForbidden(attrs, terminatingMessage(attrs.namespace))
    const details = (err.status.details ??= {})
    details.causes = [
      ...(details.causes ?? []),
      { reason: 'NamespaceTerminating', message: `namespace ${attrs.namespace} is being terminated`, field: 'metadata.namespace' },
    ]
    return err
  }
}

export const create = (ctx: AdmissionContext): AdmissionPlugin => new NamespaceLifecycle(ctx.client, undefined, ctx.listers?.namespaces)
