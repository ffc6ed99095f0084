/** Cluster check: the API server answered /version (the snapshot exists only if it did). */
import type { CheckResult, ClusterSnapshot } from '../interface.ts'

export const checkApiServer = (cluster: ClusterSnapshot): CheckResult => ({
  name: 'api server',
  result: 'ok',
  detail: `${cluster.version.gitVersion ?? 'unknown version'} at ${cluster.server}`,
})
