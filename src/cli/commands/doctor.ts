/**
 * `runclass doctor`: checks this host (root, binaries and versions, cgroups,
 * overlayfs, CNI plugins, oom_score_adj, KVM, the embedded containerd config)
 * and, when a kubeconfig reaches it, the running cluster (API server, node
 * readiness and heartbeats, handlers vs RuntimeClasses vs this host's
 * binaries). Prints `CHECK  RESULT  WHAT TO DO` (or JSON); exits 1 when a row
 * is FAIL (something blocks Pods), 0 with only warnings.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { snapshotFromKubeconfig } from '../../doctor/cluster-snapshot.ts'
import { hostContext } from '../../doctor/host-context.ts'
import type { DoctorContext } from '../../doctor/interface.ts'
import { registry } from '../../doctor/registry.ts'
import { renderJson, renderTable } from '../../doctor/render-table.ts'
import { exitCode, runChecks } from '../../doctor/run-checks.ts'
import { CliError } from '../errors.ts'
import { defaultDataDir } from '../paths.ts'

export interface DoctorOptions {
  kubeconfig?: string
  dataDir?: string
  json?: boolean
  searchPath?: string
}

/** Runs every check and prints the report; returns the exit code. */
export const runDoctor = async (opts: DoctorOptions, print: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> => {
  const dataDir = opts.dataDir ?? defaultDataDir()
  if (opts.kubeconfig !== undefined && !existsSync(opts.kubeconfig)) {
    throw new CliError('RC_DOCTOR_KUBECONFIG', `--kubeconfig ${opts.kubeconfig}: no such file (leave the flag out to check only the host)`)
  }
  if (opts.searchPath !== undefined && !opts.searchPath.split(':').some(Boolean)) {
    throw new CliError('RC_DOCTOR_SEARCH_PATH', '--search-path must name at least one directory')
  }
  const kubeconfig = opts.kubeconfig ?? (process.env.KUBECONFIG?.split(':')[0] || join(dataDir, 'kubeconfig'))
  const snap = await snapshotFromKubeconfig(kubeconfig)
  const ctx: DoctorContext = {
    host: hostContext({ dataDir, searchPath: opts.searchPath }),
    ...('snapshot' in snap ? { cluster: snap.snapshot } : { clusterSkipped: snap.skipped }),
  }
  const rows = await runChecks(registry, ctx)
  const code = exitCode(rows)
  print(opts.json ? renderJson(rows, code) : renderTable(rows))
  return code
}

export const register = (program: Command) => {
  program
    .command('doctor')
    .description('check this host and the running cluster; print what blocks Pods and how to fix it')
    .option('--kubeconfig <path>', 'cluster to check (default: $KUBECONFIG, else <data-dir>/kubeconfig; skipped if absent)')
    .option('--data-dir <dir>', 'runclass data dir (its containerd/config.toml is checked)', defaultDataDir())
    .option('--search-path <dirs>', 'colon-separated dirs to look for containerd and the runtimes in (default: $PATH plus /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin, as runclass up does)')
    .option('--json', 'print the checks as JSON ({ ok, checks: [{ name, result, detail, fix }] })')
    .addHelpText(
      'after',
      `
Results: ok, warn (worth knowing, nothing blocked), FAIL (blocks Pods; exit code 1).

Examples:
  runclass doctor
  runclass doctor --kubeconfig /tmp/rc/kubeconfig --data-dir /tmp/rc
  runclass doctor --json | jq '.checks[] | select(.result != "ok")'
`,
    )
    .action(async (opts: DoctorOptions) => {
      process.exitCode = await runDoctor(opts)
    })
}
