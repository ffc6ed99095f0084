/**
 * Starts a real control plane for a test: fresh data dir, free port, SQLite
 * store, HTTPS with generated certificates, kubeconfig. Stopped by the caller.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startControlPlane, type ControlPlane } from '../../src/cli/control-plane.ts'

export interface TestCluster extends ControlPlane {
  dataDir: string
  stop(): Promise<void>
}

export interface TestClusterOptions {
  dataDir?: string
  /** Run the scheduler (default true); API-only tests turn it off so Pods stay unbound. */
  scheduler?: boolean
}

export const startTestCluster = async (opts: TestClusterOptions = {}): Promise<TestCluster> => {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'rc-test-'))
  const cp = await startControlPlane({ dataDir, port: 0, host: '127.0.0.1', scheduler: opts.scheduler })
  return {
    ...cp,
    dataDir,
    async stop() {
      await cp.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
