/**
 * Test helper: a fake PATH of two directories holding empty executables with
 * the given names (alternating between them) plus a non-executable decoy, so
 * runtime detection can be tested without the real binaries.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const fakePath = (root: string, names: string[]): string => {
  const a = join(root, 'sbin')
  const b = join(root, 'bin')
  mkdirSync(a, { recursive: true })
  mkdirSync(b, { recursive: true })
  names.forEach((n, i) => {
    const file = join(i % 2 ? b : a, n)
    writeFileSync(file, '#!/bin/sh\n')
    chmodSync(file, 0o755)
  })
  writeFileSync(join(b, 'crun-decoy'), '')
  return `${a}:${b}:/nonexistent`
}
