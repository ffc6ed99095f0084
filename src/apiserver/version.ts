/**
 * /version. We report minor 33 so version-dispatching kubectl wrappers pick
 * the newest supported kubectl (spec/README.md decision f).
 */
import { readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }

export const RUNCLASS_VERSION = pkg.version

export const versionInfo = () => ({
  major: '1',
  minor: '33',
  gitVersion: `v1.33.0+runclass-${RUNCLASS_VERSION}`,
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-11-23T00:00:00Z',
  goVersion: `node${process.versions.node}`,
  compiler: 'tsx',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
})
