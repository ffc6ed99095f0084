/**
 * The checks `runclass doctor` runs, in report order: host first, then the
 * cluster (run only when a snapshot could be taken). A plain list, no import
 * side effects; add a check by adding a line.
 */
import { checkApiServer } from './checks/api-server.ts'
import { checkBinaries } from './checks/binaries.ts'
import { checkCgroups } from './checks/cgroups.ts'
import { checkCniPlugins } from './checks/cni-plugins.ts'
import { checkContainerdConfig } from './checks/containerd-config.ts'
import { checkKvm } from './checks/kvm.ts'
import { checkLocalNode } from './checks/local-node.ts'
import { checkNodes } from './checks/node-health.ts'
import { checkOomScoreAdj } from './checks/oom-score-adj.ts'
import { checkOverlayfs } from './checks/overlayfs.ts'
import { checkRoot } from './checks/root.ts'
import { checkRuntimeClasses } from './checks/runtime-classes.ts'
import { checkUnclaimedHandlers } from './checks/unclaimed-handlers.ts'
import type { Check } from './interface.ts'

export const registry: Check[] = [
  { id: 'root', scope: 'host', run: (ctx) => checkRoot(ctx.host) },
  { id: 'binaries', scope: 'host', run: (ctx) => checkBinaries(ctx.host) },
  { id: 'cgroups', scope: 'host', run: (ctx) => checkCgroups(ctx.host) },
  { id: 'overlayfs', scope: 'host', run: (ctx) => checkOverlayfs(ctx.host) },
  { id: 'cni-plugins', scope: 'host', run: (ctx) => checkCniPlugins(ctx.host) },
  { id: 'oom-score-adj', scope: 'host', run: (ctx) => checkOomScoreAdj(ctx.host) },
  { id: 'kvm', scope: 'host', run: (ctx) => checkKvm(ctx.host) },
  { id: 'containerd-config', scope: 'host', run: (ctx) => checkContainerdConfig(ctx.host) },
  { id: 'api-server', scope: 'cluster', run: (ctx) => checkApiServer(ctx.cluster!) },
  { id: 'nodes', scope: 'cluster', run: (ctx) => checkNodes(ctx.cluster!) },
  { id: 'local-node', scope: 'cluster', run: (ctx) => checkLocalNode(ctx) },
  { id: 'runtime-classes', scope: 'cluster', run: (ctx) => checkRuntimeClasses(ctx.cluster!) },
  { id: 'unclaimed-handlers', scope: 'cluster', run: (ctx) => checkUnclaimedHandlers(ctx.cluster!) },
]
