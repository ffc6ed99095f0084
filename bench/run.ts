/**
 * `npm run bench`: runs every bench/*-bench.ts in turn, each in its own node
 * process (so one benchmark's heap, JIT state and open files do not colour the
 * next), and exits non-zero if any of them failed.
 *
 *   npm run bench              every benchmark, in name order
 *   npm run bench -- api store only those whose file name contains a word given
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2)
const benches = readdirSync(here)
  .filter((f) => f.endsWith('-bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((word) => f.includes(word)))
  .sort()

if (benches.length === 0) {
  console.error(`no bench/*-bench.ts matches ${filters.join(' ')}`)
  process.exit(1)
}

const failed: string[] = []
for (const file of benches) {
  console.log(`\n=== ${file}`)
  const start = performance.now()
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' })
  const seconds = ((performance.now() - start) / 1000).toFixed(1)
  if (result.status === 0) console.log(`=== ${file}: done in ${seconds} s`)
  else {
    failed.push(file)
    console.log(`=== ${file}: FAILED (${result.signal ?? `exit ${result.status}`}) after ${seconds} s`)
  }
}
if (failed.length) {
  console.error(`\n${failed.length} of ${benches.length} benchmarks failed: ${failed.join(', ')}`)
  process.exit(1)
}
