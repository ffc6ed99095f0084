/** Every served resource, in discovery order. */
import type { ResourceDef } from './resource.ts'
import { events } from './event.ts'
import { leases } from './lease.ts'
import { namespaces } from './namespace.ts'
import { nodes } from './node.ts'
import { pods } from './pod.ts'
import { runtimeClasses } from './runtimeclass.ts'

export type { ResourceDef, VersionDef, SubresourceDef } from './resource.ts'
export { groupResource, groupKind } from './resource.ts'

export const RESOURCES: ResourceDef[] = [namespaces, nodes, pods, events, leases, runtimeClasses]

export { events, leases, namespaces, nodes, pods, runtimeClasses }
