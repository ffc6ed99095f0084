/**
 * DefaultTolerationSeconds (upstream plugin/pkg/admission/defaulttolerationseconds):
 * on Pod CREATE and UPDATE (not subresources) adds
 * `node.kubernetes.io/not-ready:NoExecute` and
 * `node.kubernetes.io/unreachable:NoExecute` tolerations (operator Exists,
 * tolerationSeconds 300) unless the Pod already tolerates that taint — a
 * toleration with that key or an empty key, and effect NoExecute or empty.
 * Pods therefore look exactly as they do on an upstream cluster.
 */
import type { KubeObject } from '../../api/meta.ts'
import type { RuntimeClassToleration as Toleration } from '../../api/validation/runtimeclass.ts'
import type { AdmissionAttributes, AdmissionPlugin, Operation } from '../interface.ts'

export const NAME = 'DefaultTolerationSeconds'
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready'
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable'
export const DEFAULT_TOLERATION_SECONDS = 300

const tolerates = (tolerations: readonly Toleration[], key: string) =>
  tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect))

/** Appends the missing default tolerations, in upstream's order (not-ready, then unreachable). */
export const addDefaultTolerations = (pod: KubeObject, seconds = DEFAULT_TOLERATION_SECONDS): void => {
  const spec = (pod.spec ??= {}) as { tolerations?: Toleration[] | null }
  const existing = spec.tolerations ?? []
  const added = [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]
    .filter((key) => !tolerates(existing, key))
    .map((key): Toleration => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds }))
  if (added.length) spec.tolerations = [...existing, ...added]
}

export class DefaultTolerationSeconds implements AdmissionPlugin {
  readonly name = NAME

  handles(op: Operation, attrs: AdmissionAttributes): boolean {
    return (op === 'CREATE' || op === 'UPDATE') && !attrs.subresource && attrs.resource.group === '' && attrs.resource.plural === 'pods'
  }

  admit(attrs: AdmissionAttributes): void {
    if (attrs.object) addDefaultTolerations(attrs.object)
  }
}

export const create = (): AdmissionPlugin => new DefaultTolerationSeconds()
