/**
 * The admission plugin registry: one list, in upstream's order
 * (kube-apiserver AllOrderedPlugins: NamespaceLifecycle … Priority,
 * DefaultTolerationSeconds, PodTolerationRestriction … RuntimeClass …
 * ResourceQuota). Mutating plugins run in this order, then object
 * validation, then validating plugins, in this order again.
 */
import { AdmissionChain, type AdmissionContext, type AdmissionPlugin } from './interface.ts'
import * as defaultTolerationSeconds from './default-toleration-seconds/default-toleration-seconds.ts'
import * as namespaceLifecycle from './namespace-lifecycle/namespace-lifecycle.ts'
import * as runtimeClass from './runtimeclass/runtimeclass.ts'

type Factory = (ctx: AdmissionContext) => AdmissionPlugin

export const ORDERED_PLUGINS: ReadonlyArray<readonly [name: string, create: Factory]> = [
  [namespaceLifecycle.NAME, namespaceLifecycle.create],
  [defaultTolerationSeconds.NAME, defaultTolerationSeconds.create],
  [runtimeClass.NAME, runtimeClass.create],
]

export const newAdmissionPlugins = (ctx: AdmissionContext): AdmissionPlugin[] => ORDERED_PLUGINS.map(([, create]) => create(ctx))

export const newAdmissionChain = (ctx: AdmissionContext): AdmissionChain => new AdmissionChain(newAdmissionPlugins(ctx))
