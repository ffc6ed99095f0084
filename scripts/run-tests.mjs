#!/usr/bin/env node
// Runs node's built-in test runner over every *.test.ts under the given folders.
// Node 20's `--test` does not expand globs or pick up .ts files itself, so we list them here.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'

const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'))
const files = []
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (name.endsWith('.test.ts')) files.push(path)
  }
}
for (const root of roots.length ? roots : ['src', 'test']) walk(root)
files.sort()
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...passThrough, ...files],
  { stdio: 'inherit' },
)
process.exit(result.status ?? 1)
