/**
 * Cluster check for the Node that runs on this host (same machine-id or
 * boot-id as `status.nodeInfo`): every handler it reports must have its
 * runtime binaries on this host's search path (a handler whose binary went
 * away fails every Pod sent there: FAIL with the install command), and the
 * embedded containerd config should configure exactly the handlers the node
 * reports (else it is stale: warn, restart).
 */
import type { KubeObject } from '../../api/meta.ts'
import { readEmbeddedConfig } from '../embedded-config.ts'
import { missingForHandler } from '../handler-binaries.ts'
import { readHostFile } from '../host-fs.ts'
import type { CheckResult, DoctorContext, HostContext } from '../interface.ts'
import { nodeHandlers } from '../node-facts.ts'

export const findLocalNode = (host: HostContext, nodes: KubeObject[]): KubeObject | undefined => {
  const machineID = readHostFile(host, '/etc/machine-id')?.trim()
  const bootID = readHostFile(host, '/proc/sys/kernel/random/boot_id')?.trim()
  return nodes.find((n) => {
    const info = (n.status as any)?.nodeInfo ?? {}
    return (!!machineID && info.machineID === machineID) || (!!bootID && info.bootID === bootID)
  })
}

export const checkHandlerBinaries = (host: HostContext, node: KubeObject): CheckResult[] => {
  const nodeName = node.metadata.name!
  const handlers = nodeHandlers(node)
  const rows: CheckResult[] = []
  for (const h of handlers) {
    const missing = missingForHandler(h, host.searchPath)
    if (missing) {
      rows.push({
        name: `node ${nodeName} handler ${h}`,
        result: 'FAIL',
        detail: `${nodeName} (this host) reports handler ${h} but ${missing.bins.join(', ')} ${missing.bins.length > 1 ? 'are' : 'is'} not installed here: its Pods fail at RunPodSandbox`,
        fix: `${missing.install}, then restart runclass up`,
      })
    }
  }
  if (!rows.length) rows.push({ name: `node ${nodeName} binaries`, result: 'ok', detail: `this host has the runtimes for ${handlers.join(', ') || 'no handler'}` })
  return rows
}

export const checkConfigMatchesNode = (host: HostContext, node: KubeObject): CheckResult | undefined => {
  const read = readEmbeddedConfig(host)
  if (!read.found || 'error' in read) return undefined
  const configured = Object.keys(read.config.runtimes).sort()
  const reported = nodeHandlers(node)
  const onlyConfig = configured.filter((h) => !reported.includes(h))
  const onlyNode = reported.filter((h) => !configured.includes(h))
  const name = `node ${node.metadata.name} vs config.toml`
  if (!onlyConfig.length && !onlyNode.length) return { name, result: 'ok', detail: `same handlers: ${configured.join(', ')}` }
  const parts = [
    onlyConfig.length ? `config.toml has ${onlyConfig.join(', ')} the node does not report` : '',
    onlyNode.length ? `the node reports ${onlyNode.join(', ')} not in config.toml` : '',
  ].filter(Boolean)
  return { name, result: 'warn', detail: `${parts.join('; ')} (${read.config.path})`, fix: 'restart runclass up so config and node agree' }
}

export const checkLocalNode = (ctx: DoctorContext): CheckResult[] => {
  if (!ctx.cluster) return []
  const node = findLocalNode(ctx.host, ctx.cluster.nodes)
  if (!node) return [{ name: 'local node', result: 'ok', detail: 'no Node of this cluster runs on this host: handler binaries not compared' }]
  const config = checkConfigMatchesNode(ctx.host, node)
  return [...checkHandlerBinaries(ctx.host, node), ...(config ? [config] : [])]
}
