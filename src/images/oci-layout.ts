/**
 * Builds an OCI image-layout tar holding the offline images: one uncompressed
 * layer shared by all of them, one config and manifest per image, and an
 * index.json entry per name (annotation `io.containerd.image.name`, which
 * `ctr images import` uses, plus `org.opencontainers.image.ref.name`). Every
 * JSON is written with a fixed key order and epoch timestamps, so the tar is
 * byte-for-byte reproducible and image ids are stable across machines.
 */
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildBusyboxRootfs, DEFAULT_BUSYBOX } from './busybox-rootfs.ts'
import { OFFLINE_IMAGES, tagOf, type ImageDefinition } from './names.ts'
import { createTar } from './tar.ts'

export const MEDIA_TYPES = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
} as const

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  annotations?: Record<string, string>
}

export const sha256 = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`

const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' }
export const ociArchitecture = (arch = process.arch): string => ARCH[arch] ?? arch

export const imageConfig = (def: ImageDefinition, layerDigest: string, architecture = ociArchitecture()): string => {
  const config: Record<string, unknown> = { Env: ['PATH=/bin'] }
  if (def.entrypoint) config.Entrypoint = def.entrypoint
  if (def.cmd) config.Cmd = def.cmd
  config.WorkingDir = '/'
  return JSON.stringify({
    created: '1970-01-01T00:00:00Z',
    architecture,
    os: 'linux',
    config,
    rootfs: { type: 'layers', diff_ids: [layerDigest] },
  })
}

export const manifest = (config: Descriptor, layer: Descriptor): string =>
  JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.manifest, config, layers: [layer] })

export interface LayoutResult {
  /** image name → manifest digest */
  manifests: Record<string, string>
  layerDigest: string
}

/** Writes the image-layout tar of `images` (default: busybox + pause) to `out`. */
export const buildImageLayoutTar = async (
  out: string,
  opts: { busybox?: string; images?: ImageDefinition[] } = {},
): Promise<LayoutResult> => {
  const work = await mkdtemp(join(tmpdir(), 'runclass-image-'))
  try {
    const rootfs = join(work, 'rootfs')
    const layout = join(work, 'layout')
    const blobs = join(layout, 'blobs', 'sha256')
    await mkdir(rootfs)
    await mkdir(blobs, { recursive: true })
    const entries = await buildBusyboxRootfs(rootfs, opts.busybox ?? DEFAULT_BUSYBOX)
    const layerTmp = join(work, 'layer.tar')
    await createTar(rootfs, entries, layerTmp)
    const layerBytes = await readFile(layerTmp)
    const layer = await putBlob(blobs, MEDIA_TYPES.layer, layerBytes)

    const index: Descriptor[] = []
    const manifests: Record<string, string> = {}
    for (const def of opts.images ?? OFFLINE_IMAGES) {
      const config = await putBlob(blobs, MEDIA_TYPES.config, imageConfig(def, layer.digest))
      const man = await putBlob(blobs, MEDIA_TYPES.manifest, manifest(config, layer))
      for (const name of def.names) {
        manifests[name] = man.digest
        index.push({ ...man, annotations: { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': tagOf(name) } })
      }
    }
    await writeFile(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
    await writeFile(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.index, manifests: index }))
    await createTar(layout, ['blobs', 'index.json', 'oci-layout'], out)
    return { manifests, layerDigest: layer.digest }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

const putBlob = async (blobs: string, mediaType: string, data: Buffer | string): Promise<Descriptor> => {
  const digest = sha256(data)
  await writeFile(join(blobs, digest.slice('sha256:'.length)), data)
  return { mediaType, digest, size: Buffer.byteLength(data) }
}
