/**
 * Bearer-token authentication: tokens live in `<data-dir>/tokens.json`
 * (token → user). The admin token is created on first start and written into
 * the kubeconfig; the file is readable by its owner only.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface TokenFile {
  tokens: { token: string; user: string }[]
}

export const ADMIN_USER = 'runclass-admin'

export const loadOrCreateTokens = (dir: string): TokenFile => {
  const file = join(dir, 'tokens.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as TokenFile
  const tokens: TokenFile = { tokens: [{ token: randomBytes(32).toString('base64url'), user: ADMIN_USER }] }
  writeFileSync(file, JSON.stringify(tokens, null, 2) + '\n', { mode: 0o600 })
  return tokens
}

export const adminToken = (file: TokenFile) => file.tokens.find((t) => t.user === ADMIN_USER)!.token

/** Compares in constant time so response timing does not leak token prefixes. */
export const tokenAuthenticator = (file: TokenFile) => {
  const entries = file.tokens.map((t) => ({ token: Buffer.from(t.token), user: t.user }))
  return (presented: string): string | undefined => {
    const p = Buffer.from(presented)
    for (const e of entries) if (e.token.length === p.length && timingSafeEqual(e.token, p)) return e.user
    return undefined
  }
}
