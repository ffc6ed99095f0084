/**
 * The images runclass provides offline and the names they answer to. Pods may
 * say `busybox` or `busybox:latest`; containerd normalizes those to
 * `docker.io/library/busybox:latest`, so the busybox image is imported under
 * that name too. `normalizeReference` is the same Docker-style normalization,
 * for messages such as "not available offline".
 */

export const BUSYBOX_IMAGE = 'runclass.local/busybox:1.35'
export const PAUSE_IMAGE = 'runclass.local/pause:1'
export const BUSYBOX_ALIASES = ['docker.io/library/busybox:latest', 'docker.io/library/busybox:1.35']

export interface ImageDefinition {
  /** Full references (`name:tag`) this image is imported as. */
  names: string[]
  entrypoint?: string[]
  cmd?: string[]
}

export const OFFLINE_IMAGES: ImageDefinition[] = [
  { names: [BUSYBOX_IMAGE, ...BUSYBOX_ALIASES], cmd: ['sh'] },
  { names: [PAUSE_IMAGE], entrypoint: ['/bin/sleep', 'infinity'] },
]

export const OFFLINE_IMAGE_NAMES = OFFLINE_IMAGES.flatMap((i) => i.names)

/** `busybox` → `docker.io/library/busybox:latest`; `quay.io/x/y` → `quay.io/x/y:latest`; digests kept. */
export const normalizeReference = (ref: string): string => {
  const slash = ref.indexOf('/')
  const first = slash < 0 ? '' : ref.slice(0, slash)
  const hasDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')
  let name = hasDomain ? ref : `docker.io/${ref}`
  if (!hasDomain && slash < 0) name = `docker.io/library/${ref}`
  if (name.includes('@')) return name
  const lastSegment = name.slice(name.lastIndexOf('/') + 1)
  return lastSegment.includes(':') ? name : `${name}:latest`
}

/** The tag part of a full reference (`org.opencontainers.image.ref.name`). */
export const tagOf = (ref: string): string => ref.slice(ref.lastIndexOf(':') + 1)
