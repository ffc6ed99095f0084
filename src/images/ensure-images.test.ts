import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { DEFAULT_BUSYBOX } from './busybox-rootfs.ts'
import { ensureOfflineImages, missingImages, offlineImagesTar } from './ensure-images.ts'
import { OFFLINE_IMAGE_NAMES } from './names.ts'

const present = (names: string[]) => ({
  imageStatus: async (ref: string) => (names.includes(ref) ? { id: 'sha256:1', repo_tags: [ref], repo_digests: [], size: '1' } : undefined),
})

describe('ensureOfflineImages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rc-ensure-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('lists the names CRI does not have', async () => {
    assert.deepEqual(await missingImages(present(['runclass.local/pause:1'])), OFFLINE_IMAGE_NAMES.filter((n) => n !== 'runclass.local/pause:1'))
  })

  it('does nothing (no build, no ctr) when every image is present', async () => {
    const res = await ensureOfflineImages({ cri: present(OFFLINE_IMAGE_NAMES), socket: '/nonexistent', ctr: '/nonexistent/ctr', cacheDir: join(dir, 'c0') })
    assert.deepEqual([res.imported, res.built, existsSync(join(dir, 'c0'))], [false, false, false])
  })

  it('builds the tar once and reuses the cache', { skip: !existsSync(DEFAULT_BUSYBOX) && 'busybox-static missing' }, async () => {
    const first = await offlineImagesTar(join(dir, 'c1'))
    const second = await offlineImagesTar(join(dir, 'c1'))
    assert.deepEqual([first.built, second.built, second.tar === first.tar, existsSync(first.tar)], [true, false, true, true])
  })
})
