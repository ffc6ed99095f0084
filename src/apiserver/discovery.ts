/**
 * Legacy discovery documents (/api, /apis, /apis/<g>, /api/v1, /apis/<g>/<v>)
 * built from the resource table. Clients asking for aggregated discovery get
 * these too: every kubectl from 1.27 to 1.33 falls back to them cleanly
 * (spec/kubectl-clients.md §4).
 */
import { apiVersionOf } from '../api/meta.ts'
import type { ResourceDef } from '../api/resources/index.ts'

export interface GroupVersions {
  group: string
  versions: string[]
}

/** Groups in discovery order, each with its versions in preference order. */
export const servedGroups = (resources: ResourceDef[]): GroupVersions[] => {
  const groups = new Map<string, string[]>()
  for (const r of resources) {
    const versions = groups.get(r.group) ?? []
    for (const v of r.versions) if (!versions.includes(v.version)) versions.push(v.version)
    groups.set(r.group, versions)
  }
  return [...groups].map(([group, versions]) => ({ group, versions }))
}

export const apiVersions = (serverAddress: string) => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
})

const apiGroup = ({ group, versions }: GroupVersions) => ({
  name: group,
  versions: versions.map((version) => ({ groupVersion: `${group}/${version}`, version })),
  preferredVersion: { groupVersion: `${group}/${versions[0]}`, version: versions[0] },
})

export const apiGroupList = (resources: ResourceDef[]) => ({
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: servedGroups(resources).filter((g) => g.group !== '').map(apiGroup),
})

export const apiGroupDocument = (resources: ResourceDef[], group: string) => {
  const g = servedGroups(resources).find((x) => x.group === group)
  return g && g.group ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) } : undefined
}

export const apiResourceList = (resources: ResourceDef[], group: string, version: string) => {
  const served = resources.filter((r) => r.group === group && r.versions.some((v) => v.version === version))
  if (!served.length) return undefined
  const list: Record<string, unknown>[] = []
  for (const r of served) {
    list.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    })
    for (const sub of r.subresources) {
      list.push({
        name: `${r.plural}/${sub.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(sub.group !== undefined ? { group: sub.group, version: sub.version } : {}),
        kind: sub.kind,
        verbs: sub.verbs,
      })
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(group, version), resources: list }
}
