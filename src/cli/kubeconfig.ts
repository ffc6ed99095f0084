/** Writes the kubeconfig `runclass up` hands to kubectl: cluster, user and context all named `runclass`. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { stringify } from 'yaml'

export const kubeconfigYaml = (server: string, ca: string, token: string) =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'runclass', cluster: { server, 'certificate-authority-data': Buffer.from(ca).toString('base64') } }],
    users: [{ name: 'runclass', user: { token } }],
    contexts: [{ name: 'runclass', context: { cluster: 'runclass', user: 'runclass' } }],
    'current-context': 'runclass',
    preferences: {},
  })

/** Atomic write (temp file + rename) so a reader never sees half a kubeconfig. */
export const writeKubeconfig = (path: string, server: string, ca: string, token: string) => {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, kubeconfigYaml(server, ca, token), { mode: 0o600 })
  renameSync(tmp, path)
}
