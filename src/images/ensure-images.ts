/**
 * ensureOfflineImages: makes the offline images (busybox under all its names,
 * pause) present in containerd's `k8s.io` namespace. Nothing happens when CRI
 * ImageStatus already finds every name; otherwise the layout tar is taken from
 * the cache (keyed by the busybox binary's digest) or built, and imported with
 * the `ctr` that ships with containerd. Waits (bounded) until CRI sees them,
 * since its image store follows containerd's events asynchronously.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import type { ImageService } from '../cri/interface.ts'
import { DEFAULT_BUSYBOX } from './busybox-rootfs.ts'
import { OFFLINE_IMAGE_NAMES } from './names.ts'
import { buildImageLayoutTar, sha256 } from './oci-layout.ts'

/** Bump when the image contents change, so caches are rebuilt. */
export const IMAGE_FORMAT_VERSION = 1

export interface EnsureImagesOptions {
  cri: Pick<ImageService, 'imageStatus'>
  socket: string
  ctr: string
  /** Where the built tar is cached (e.g. `<data-dir>/images`). */
  cacheDir: string
  busybox?: string
  timeoutMs?: number
}

export interface EnsureImagesResult {
  imported: boolean
  /** The tar that was imported (when imported). */
  tar?: string
  built: boolean
  ms: number
}

export const missingImages = async (cri: Pick<ImageService, 'imageStatus'>, names = OFFLINE_IMAGE_NAMES): Promise<string[]> => {
  const present = await Promise.all(names.map((n) => cri.imageStatus(n)))
  return names.filter((_, i) => !present[i])
}

/** Returns the cached layout tar, building it first when absent. */
export const offlineImagesTar = async (cacheDir: string, busybox = DEFAULT_BUSYBOX): Promise<{ tar: string; built: boolean }> => {
  const key = sha256(Buffer.concat([Buffer.from(`runclass-images-v${IMAGE_FORMAT_VERSION}\n`), await readFile(busybox)])).slice(7, 19)
  const tar = join(cacheDir, `offline-images-${key}.tar`)
  if (existsSync(tar)) return { tar, built: false }
  await mkdir(cacheDir, { recursive: true })
  // Build next to the target and rename, so a crash never leaves a truncated cache entry.
  const partial = `${tar}.${process.pid}.partial`
  await buildImageLayoutTar(partial, { busybox })
  await rename(partial, tar)
  return { tar, built: true }
}

export const importImagesTar = async (ctr: string, socket: string, tar: string, timeoutMs = 60_000): Promise<void> => {
  await promisify(execFile)(ctr, ['-a', socket, '-n', 'k8s.io', 'images', 'import', tar], { timeout: timeoutMs })
}

export const ensureOfflineImages = async (opts: EnsureImagesOptions): Promise<EnsureImagesResult> => {
  const started = performance.now()
  if ((await missingImages(opts.cri)).length === 0) return { imported: false, built: false, ms: performance.now() - started }
  const { tar, built } = await offlineImagesTar(opts.cacheDir, opts.busybox)
  await importImagesTar(opts.ctr, opts.socket, tar, opts.timeoutMs)
  const deadline = Date.now() + 5_000
  let missing = await missingImages(opts.cri)
  while (missing.length && Date.now() < deadline) {
    await sleep(50)
    missing = await missingImages(opts.cri)
  }
  if (missing.length) throw new Error(`imported ${tar} but CRI does not see ${missing.join(', ')}`)
  return { imported: true, tar, built, ms: performance.now() - started }
}
