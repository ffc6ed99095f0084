/**
 * The `runclass` command line. Parses arguments and calls the same
 * programmatic entry points the tests use; errors carry a stable code that
 * decides the exit status.
 */
import { Command, Option } from 'commander'
import { RUNCLASS_VERSION } from '../apiserver/version.ts'
import { runAgent, runUp } from './up.ts'
import { CliError } from './errors.ts'
import { defaultDataDir } from './paths.ts'
import * as completion from './commands/completion.ts'
import * as doctor from './commands/doctor.ts'
import * as explain from './commands/explain.ts'
import * as measureOverhead from './commands/measure-overhead.ts'

const program = new Command()
  .name('runclass')
  .description('The Kubernetes RuntimeClass system on one machine: API server, admission, scheduler, node agent, real runtimes.')
  .version(RUNCLASS_VERSION, '--version', 'print the runclass version')
  .showHelpAfterError()

const upOptions = (cmd: Command) =>
  cmd
    .option('--data-dir <dir>', 'where state, certificates and the kubeconfig live', defaultDataDir())
    .option('--port <port>', 'HTTPS port of the API server (0 picks a free one)', (v) => Number(v), 6443)
    .option('--host <address>', 'address the API server listens on', '0.0.0.0')
    .option('--kubeconfig <path>', 'where to write the kubeconfig (default: <data-dir>/kubeconfig)')
    .option('--node-name <name>', 'name of this node (default: the host name)')
    .option('--no-agent', 'run only the control plane (no node agent)')
    .option('--containerd-socket <path>', 'use this existing containerd instead of starting one')
    .option('--pod-subnet <cidr>', 'pod network of the embedded containerd', '10.88.0.0/16')
    .option('--bridge <name>', 'Linux bridge of the pod network (at most 15 characters)', 'rcbr0')
    .option('--stop-pods-on-exit', 'on SIGTERM also stop every pod and clean up the pod network (default: pods keep running and are adopted on the next start)')
    .option('--no-default-runtimeclasses', 'do not create a RuntimeClass for each handler the node has')
    .option('--quiet', 'print only the ready line and errors')
    .addOption(new Option('--log-format <format>', 'log format on stderr').choices(['text', 'json']).default('text'))
    .addOption(new Option('--log-level <level>', 'log level').choices(['debug', 'info', 'warn', 'error']).default('warn'))

upOptions(program.command('up'))
  .description('start a cluster on this machine and print a kubeconfig')
  .addHelpText('after', '\nExamples:\n  runclass up --no-agent\n  runclass up --data-dir /tmp/rc --port 0\n')
  .action((opts) => runUp(opts))

upOptions(program.command('server'))
  .description('start only the control plane (API server and controllers)')
  .addHelpText('after', '\nExamples:\n  runclass server --port 6443\n  runclass agent --server https://<this host>:6443 --token <token> --ca-file <data-dir>/pki/ca.crt   # on each node\n')
  .action((opts) => runUp({ ...opts, agent: false }))

program
  .command('agent')
  .description('run a node (containerd + node agent) for a remote control plane')
  .requiredOption('--server <url>', 'API server URL, e.g. https://10.0.0.1:6443')
  .requiredOption('--token <token>', 'bearer token (the admin token from the server\'s kubeconfig)')
  .option('--ca-file <path>', 'CA certificate of the API server (<data-dir>/pki/ca.crt on the server)')
  .option('--data-dir <dir>', 'where the node keeps containerd, images and pod logs', defaultDataDir())
  .option('--node-name <name>', 'name of this node (default: the host name)')
  .option('--containerd-socket <path>', 'use this existing containerd instead of starting one')
  .addOption(new Option('--log-level <level>', 'log level').choices(['debug', 'info', 'warn', 'error']).default('warn'))
  .addHelpText('after', '\nExample:\n  runclass agent --server https://10.0.0.1:6443 --token "$TOKEN" --ca-file ca.crt\n')
  .action((opts) => runAgent(opts))

program
  .command('version')
  .description('print the runclass version and the Kubernetes API version it serves')
  .addHelpText('after', '\nExample:\n  runclass version\n')
  .action(() => {
    console.log(`runclass ${RUNCLASS_VERSION} (Kubernetes API v1.33)`)
  })

// One module per command (src/cli/commands/), registered in one list.
for (const command of [doctor, explain, measureOverhead, completion]) command.register(program)

try {
  await program.parseAsync(process.argv)
} catch (err) {
  if (err instanceof CliError) {
    console.error(`error: ${err.message}`)
    process.exit(err.exitCode)
  }
  throw err
}
