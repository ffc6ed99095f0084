/**
 * The in-tree plugin registry and the default profile: one plain list, no
 * import side effects. Filter order follows kube-scheduler's default profile
 * (RuntimeHandler, ours, right after NodeAffinity); score weights are upstream's.
 */
import type { Registry } from './framework/interface.ts'
import * as nodeUnschedulable from './plugins/node-unschedulable.ts'
import * as nodeName from './plugins/node-name.ts'
import * as taintToleration from './plugins/taint-toleration.ts'
import * as nodeAffinity from './plugins/node-affinity.ts'
import * as runtimeHandler from './plugins/runtime-handler.ts'
import * as nodePorts from './plugins/node-ports.ts'
import * as nodeResourcesFit from './plugins/node-resources-fit.ts'
import * as defaultPreemption from './plugins/default-preemption.ts'
import * as defaultBinder from './plugins/default-binder.ts'

export const inTreeRegistry: Registry = {
  [nodeUnschedulable.NAME]: nodeUnschedulable.create,
  [nodeName.NAME]: nodeName.create,
  [taintToleration.NAME]: taintToleration.create,
  [nodeAffinity.NAME]: nodeAffinity.create,
  [runtimeHandler.NAME]: runtimeHandler.create,
  [nodePorts.NAME]: nodePorts.create,
  [nodeResourcesFit.NAME]: nodeResourcesFit.create,
  [defaultPreemption.NAME]: defaultPreemption.create,
  [defaultBinder.NAME]: defaultBinder.create,
}

export interface Profile {
  schedulerName: string
  /** Plugins in order; each runs at every extension point it implements. */
  plugins: string[]
  scoreWeights: Record<string, number>
  /** 0 = adaptive (upstream default). */
  percentageOfNodesToScore: number
}

export const defaultProfile: Profile = {
  schedulerName: 'default-scheduler',
  plugins: Object.keys(inTreeRegistry),
  scoreWeights: { [taintToleration.NAME]: 3, [nodeAffinity.NAME]: 2, [nodeResourcesFit.NAME]: 1 },
  percentageOfNodesToScore: 0,
}
