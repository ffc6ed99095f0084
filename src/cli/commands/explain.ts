/**
 * `runclass explain pod NAME` and `runclass explain runtimeclass NAME`: fetch
 * through the ApiClient (and, for a pod, the local containerd when it is
 * reachable), explain with the pure functions of src/explain/, print. The
 * kubeconfig is `--kubeconfig`, else $KUBECONFIG, else the default data dir's.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { isNotFound } from '../../api/errors.ts'
import { clientFromKubeconfig } from '../../client/index.ts'
import { fetchCluster, fetchPodFacts, getRuntimeClass } from '../../explain/collect-api.ts'
import { collectNodeFacts, locateContainerd } from '../../explain/collect-node.ts'
import { resolvedHandler } from '../../explain/api-steps.ts'
import { explainPod } from '../../explain/explain-pod.ts'
import { explainRuntimeClass } from '../../explain/explain-runtimeclass.ts'
import { render } from '../../explain/render.ts'
import type { NodeFacts } from '../../explain/types.ts'
import { CliError } from '../errors.ts'
import { defaultDataDir } from '../paths.ts'

export const resolveKubeconfig = (flag: string | undefined, env = process.env): string => {
  const path = flag ?? env.KUBECONFIG?.split(':').find(Boolean) ?? join(defaultDataDir(), 'kubeconfig')
  if (!existsSync(path)) {
    const from = flag ? '--kubeconfig' : env.KUBECONFIG ? '$KUBECONFIG' : 'the default data dir'
    throw new CliError('RC_KUBECONFIG_NOT_FOUND', `kubeconfig ${path} (from ${from}) does not exist: start a cluster with \`runclass up\` or pass --kubeconfig`)
  }
  return path
}

const connect = (kubeconfig: string) => {
  try {
    return clientFromKubeconfig(kubeconfig)
  } catch (err) {
    throw new CliError('RC_KUBECONFIG_INVALID', `kubeconfig ${kubeconfig} cannot be used: ${err instanceof Error ? err.message : String(err)}`)
  }
}

/** API errors other than NotFound (connection refused, 403) name the server we tried. */
const apiError = (kubeconfig: string, err: unknown): CliError =>
  new CliError('RC_API_UNREACHABLE', `cannot read from the cluster of ${kubeconfig}: ${err instanceof Error ? err.message : String(err)}`)

interface PodOpts { namespace: string; kubeconfig?: string; containerdSocket?: string; dataDir?: string }

const explainPodCommand = async (name: string, opts: PodOpts) => {
  const kubeconfig = resolveKubeconfig(opts.kubeconfig)
  const client = connect(kubeconfig)
  try {
    let facts
    try {
      facts = await fetchPodFacts(client, name, opts.namespace)
    } catch (err) {
      if (isNotFound(err)) throw new CliError('RC_POD_NOT_FOUND', `pod "${name}" not found in namespace "${opts.namespace}" (use -n to pick another namespace)`)
      throw apiError(kubeconfig, err)
    }
    const handler = resolvedHandler(facts)
    let node: NodeFacts | undefined
    if (handler !== undefined && facts.pod.spec.nodeName) {
      const loc = locateContainerd({ ...opts, kubeconfig, defaultDataDir: defaultDataDir() })
      node = 'why' in loc ? { reachable: false, why: loc.why } : await collectNodeFacts(loc, facts.pod.metadata.uid!, handler)
    }
    process.stdout.write(render(explainPod(facts, node)))
  } finally {
    client.close()
  }
}

const explainRuntimeClassCommand = async (name: string, opts: { kubeconfig?: string }) => {
  const kubeconfig = resolveKubeconfig(opts.kubeconfig)
  const client = connect(kubeconfig)
  try {
    let rc, cluster
    try {
      ;[rc, cluster] = await Promise.all([getRuntimeClass(client, name), fetchCluster(client)])
    } catch (err) {
      throw apiError(kubeconfig, err)
    }
    if (rc === 'NotFound') {
      const names = cluster.classes.map((c) => c.metadata.name).sort().join(', ')
      throw new CliError('RC_RUNTIMECLASS_NOT_FOUND', `runtimeclass "${name}" not found (existing: ${names || 'none'})`)
    }
    process.stdout.write(render(explainRuntimeClass(rc, cluster.nodes, cluster.pods)))
  } finally {
    client.close()
  }
}

export const register = (program: Command) => {
  const explain = program
    .command('explain')
    .description('explain what runs where: the whole RuntimeClass chain of a pod, or which nodes can run a class')
    .addHelpText('after', '\nExamples:\n  runclass explain pod web -n default\n  runclass explain runtimeclass gvisor\n  kubectl runclass explain pod web\n')

  explain
    .command('pod')
    .description('the chain for one pod: RuntimeClass → handler → admission → scheduling → node agent → containerd runtime → binary → sandbox → proof of isolation')
    .argument('<name>', 'pod name')
    .option('-n, --namespace <namespace>', 'namespace of the pod', 'default')
    .option('--kubeconfig <path>', 'kubeconfig to use (default: $KUBECONFIG, else <data-dir>/kubeconfig)')
    .option('--containerd-socket <path>', "the pod's node's containerd socket (for the runtime, sandbox and proof steps)")
    .option('--data-dir <dir>', 'data dir of the runclass node the pod runs on (finds its containerd)')
    .addHelpText('after', '\nExamples:\n  runclass explain pod sandboxed\n  runclass explain pod web -n shop --kubeconfig ~/.kube/config\n  runclass explain pod web --containerd-socket /run/containerd/containerd.sock\n\nWithout a reachable containerd (a remote cluster) the chain stops at the node agent step.\n')
    .action((name: string, opts: PodOpts) => explainPodCommand(name, opts))

  explain
    .command('runtimeclass')
    .alias('runtimeclasses')
    .description('which nodes can run a RuntimeClass and why not the others (handler, nodeSelector, taints, room for the overhead)')
    .argument('<name>', 'RuntimeClass name')
    .option('--kubeconfig <path>', 'kubeconfig to use (default: $KUBECONFIG, else <data-dir>/kubeconfig)')
    .addHelpText('after', '\nExample:\n  runclass explain runtimeclass gvisor\n')
    .action((name: string, opts: { kubeconfig?: string }) => explainRuntimeClassCommand(name, opts))
}
