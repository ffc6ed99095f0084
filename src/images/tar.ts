/**
 * Reproducible tar archives via GNU tar: sorted names, uid/gid 0, mtime 0,
 * POSIX format with deterministic pax header names and no atime/ctime, so the
 * same inputs always give the same bytes (and so the same image digests).
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

export const REPRODUCIBLE_TAR_FLAGS = [
  '--sort=name',
  '--owner=0',
  '--group=0',
  '--numeric-owner',
  '--mtime=@0',
  '--format=posix',
  '--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime',
]

/** Writes `out` containing `entries` (paths relative to `dir`). */
export const createTar = async (dir: string, entries: string[], out: string): Promise<void> => {
  await promisify(execFile)('tar', [...REPRODUCIBLE_TAR_FLAGS, '-C', dir, '-cf', out, ...entries], { timeout: 60_000 })
}
