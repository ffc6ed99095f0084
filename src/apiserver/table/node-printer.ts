/**
 * Node rows as upstream's printNode: Name, Status (Ready / NotReady /
 * Unknown from the Ready condition, plus `,SchedulingDisabled` when
 * cordoned), Roles (node-role.kubernetes.io/<role> and kubernetes.io/role
 * labels, sorted, or `<none>`), Age, Version, then wide Internal-IP,
 * External-IP, OS-Image, Kernel-Version, Container-Runtime.
 */
import type { KubeObject } from '../../api/meta.ts'
import * as d from './descriptions.ts'
import { timestampSince } from './human-duration.ts'
import { arr, column, obj, str } from './table-types.ts'
import type { PrintedRow, ResourcePrinter } from './table-types.ts'

export const nodeColumns = [
  column('Name', 'string', d.OBJECT_META_NAME, { format: 'name' }),
  column('Status', 'string', 'The status of the node'),
  column('Roles', 'string', 'The roles of the node'),
  column('Age', 'string', d.OBJECT_META_CREATION_TIMESTAMP),
  column('Version', 'string', d.NODE_KUBELET_VERSION),
  column('Internal-IP', 'string', d.NODE_STATUS_ADDRESSES, { priority: 1 }),
  column('External-IP', 'string', d.NODE_STATUS_ADDRESSES, { priority: 1 }),
  column('OS-Image', 'string', d.NODE_OS_IMAGE, { priority: 1 }),
  column('Kernel-Version', 'string', d.NODE_KERNEL_VERSION, { priority: 1 }),
  column('Container-Runtime', 'string', d.NODE_CONTAINER_RUNTIME_VERSION, { priority: 1 }),
]

const ROLE_PREFIX = 'node-role.kubernetes.io/'
const ROLE_LABEL = 'kubernetes.io/role'

export const nodeRoles = (labels: Record<string, string> | undefined): string[] => {
  const roles = new Set<string>()
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length)
      if (role) roles.add(role)
    } else if (k === ROLE_LABEL && v) {
      roles.add(v)
    }
  }
  return [...roles].sort()
}

const address = (addresses: unknown[], type: string): string => {
  const found = addresses.map(obj).find((a) => a.type === type)
  return found ? str(found.address) : '<none>'
}

export const printNode = (node: KubeObject, now: Date): PrintedRow => {
  const status = obj(node.status)
  const info = obj(status.nodeInfo)
  // Only the Ready condition is shown; with duplicates the last one wins, as upstream's map.
  const ready = arr(status.conditions).map(obj).filter((c) => c.type === 'Ready').pop()
  const states = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady']
  if (obj(node.spec).unschedulable === true) states.push('SchedulingDisabled')
  const roles = nodeRoles(node.metadata.labels).join(',') || '<none>'
  const addresses = arr(status.addresses)
  return {
    cells: [
      node.metadata.name ?? '',
      states.join(','),
      roles,
      timestampSince(node.metadata.creationTimestamp, now),
      str(info.kubeletVersion),
      address(addresses, 'InternalIP'),
      address(addresses, 'ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ],
  }
}

export const nodePrinter: ResourcePrinter = { columns: nodeColumns, row: printNode }
