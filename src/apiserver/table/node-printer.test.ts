import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { KubeObject } from '../../api/meta.ts'
import { printNode } from './node-printer.ts'

const now = new Date('2026-11-22T17:00:00Z')
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')

const node = (name: string, extra: { labels?: Record<string, string>; spec?: unknown; status?: unknown }): KubeObject => ({
  apiVersion: 'v1', kind: 'Node',
  metadata: { name, creationTimestamp: ago(3 * 86400 + 5 * 3600), ...(extra.labels ? { labels: extra.labels } : {}) },
  spec: extra.spec ?? {},
  status: extra.status ?? {},
})

const nodeInfo = { kubeletVersion: 'v1.33.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-18-amd64', containerRuntimeVersion: 'containerd://1.7.24' }

const nodeCases: { name: string; node: KubeObject; cells: unknown[] }[] = [
  {
    name: 'ready control-plane node with both role label styles',
    node: node('n1', {
      labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master', 'node-role.kubernetes.io/': 'x', zone: 'a' },
      status: {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
        addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.1' }, { type: 'ExternalIP', address: '203.0.113.1' }],
        nodeInfo,
      },
    }),
    cells: ['n1', 'Ready', 'control-plane,master', '3d5h', 'v1.33.0', '10.0.0.1', '203.0.113.1', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-18-amd64', 'containerd://1.7.24'],
  },
  {
    name: 'cordoned node that is not ready',
    node: node('n2', { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'False' }], nodeInfo: { kubeletVersion: 'v1.33.0' } } }),
    cells: ['n2', 'NotReady,SchedulingDisabled', '<none>', '3d5h', 'v1.33.0', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
  },
  {
    name: 'node without a Ready condition',
    node: node('n3', { status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }),
    cells: ['n3', 'NotReady', '<none>', '3d5h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
  },
  {
    name: 'node that never reported',
    node: node('n4', { spec: { unschedulable: true } }),
    cells: ['n4', 'Unknown,SchedulingDisabled', '<none>', '3d5h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
  },
]

for (const { name, node: n, cells } of nodeCases) {
  test(`node row: ${name}`, () => assert.deepEqual(printNode(n, now).cells, cells))
}
