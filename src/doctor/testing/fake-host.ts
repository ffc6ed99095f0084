/**
 * Test helpers: a fake host tree (files under a temp root, read by the checks
 * through HostContext.root), fake binaries that print a given `--version`
 * text, and small Node / Lease / RuntimeClass builders for cluster snapshots.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { KubeObject } from '../../api/meta.ts'
import type { ClusterSnapshot, HostContext } from '../interface.ts'

const created: string[] = []
// Removed when the test process exits, so repeated runs leave nothing in /tmp.
process.once('exit', () => created.forEach((d) => rmSync(d, { recursive: true, force: true })))

export const tempDir = (prefix = 'rc-doctor-'): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

/** A HostContext whose root holds `files` (absolute host paths → contents; undefined = absent). */
export const fakeHost = (files: Record<string, string | undefined> = {}, over: Partial<HostContext> = {}): HostContext => {
  const root = tempDir()
  for (const [path, text] of Object.entries(files)) {
    if (text === undefined) continue
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return { root, searchPath: '/nonexistent', uid: 0, dataDir: '/data', cniBinDir: '/usr/lib/cni', ...over }
}

/** Executables in a fresh dir that print `output` (exit `code`); returns the dir for a search path. */
export const fakeBins = (bins: Record<string, string | { output: string; code: number }>): string => {
  const dir = tempDir('rc-doctor-bin-')
  for (const [name, spec] of Object.entries(bins)) {
    const { output, code } = typeof spec === 'string' ? { output: spec, code: 0 } : spec
    const file = join(dir, name)
    // Failures print to stderr, as real binaries do.
    writeFileSync(file, `#!/bin/sh\ncat <<'EOF'${code ? ' >&2' : ''}\n${output}\nEOF\nexit ${code}\n`)
    chmodSync(file, 0o755)
  }
  return dir
}

export const node = (name: string, opts: { handlers?: string[]; ready?: string; heartbeat?: string; labels?: Record<string, string>; machineID?: string } = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: opts.labels ?? {} },
  status: {
    conditions: opts.ready === undefined ? [] : [{ type: 'Ready', status: opts.ready, reason: opts.ready === 'True' ? 'KubeletReady' : 'KubeletNotReady', message: opts.ready === 'True' ? 'kubelet is posting ready status' : 'container runtime is down', lastHeartbeatTime: opts.heartbeat }],
    runtimeHandlers: ['', ...(opts.handlers ?? [])].map((h) => ({ name: h })),
    nodeInfo: { machineID: opts.machineID ?? `machine-${name}`, bootID: `boot-${name}` },
  },
})

export const lease = (nodeName: string, renewTime: string): KubeObject => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: nodeName, namespace: 'kube-node-lease' },
  spec: { holderIdentity: nodeName, leaseDurationSeconds: 40, renewTime },
})

export const runtimeClass = (name: string, handler: string, nodeSelector?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler, ...(nodeSelector ? { scheduling: { nodeSelector } } : {}) }) as KubeObject

export const NOW = new Date('2025-01-01T12:00:00Z')

export const snapshot = (over: Partial<ClusterSnapshot> = {}): ClusterSnapshot => ({
  server: 'https://127.0.0.1:6443',
  version: { gitVersion: 'v1.33.0+runclass-0.1.0' },
  nodes: [],
  leases: [],
  runtimeClasses: [],
  now: NOW,
  ...over,
})
