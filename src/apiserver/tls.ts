/**
 * The cluster's TLS material, generated into the data dir on first start: a CA
 * and a serving certificate for localhost, 127.0.0.1, ::1 and the host name.
 * ECDSA P-256 keeps generation fast; kubectl and Node both accept it.
 */
import 'reflect-metadata' // @peculiar/x509 needs the Reflect metadata API
import { webcrypto } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import * as x509 from '@peculiar/x509'

type CryptoKey = webcrypto.CryptoKey
type CryptoKeyPair = webcrypto.CryptoKeyPair

x509.cryptoProvider.set(webcrypto as any)

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

export interface TlsMaterial {
  ca: string
  cert: string
  key: string
}

const pemKey = async (key: CryptoKey) => {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key))
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`
}

const serial = () => Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1')

export const generateTls = async (extraNames: string[] = []): Promise<TlsMaterial> => {
  const now = new Date(Date.now() - 60_000)
  const tenYears = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000)
  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=runclass-ca',
    notBefore: now,
    notAfter: tenYears,
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  })
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair
  const dnsNames = [...new Set(['localhost', 'runclass', hostname(), ...extraNames.filter((n) => !/^[\d.:]+$/.test(n))])]
  const ips = [...new Set(['127.0.0.1', '::1', ...extraNames.filter((n) => /^[\d.:]+$/.test(n))])]
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=runclass-apiserver',
    issuer: caCert.subject,
    notBefore: now,
    notAfter: tenYears,
    signingKey: caKeys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...dnsNames.map((value) => ({ type: 'dns' as const, value })), ...ips.map((value) => ({ type: 'ip' as const, value }))]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  })
  return { ca: caCert.toString('pem') + '\n', cert: cert.toString('pem') + '\n', key: await pemKey(keys.privateKey) }
}

/** Loads the TLS material from `dir/pki`, generating it on first use (valid also for `extraNames`). */
export const loadOrCreateTls = async (dir: string, extraNames: string[] = []): Promise<TlsMaterial> => {
  const pki = join(dir, 'pki')
  const files = { ca: join(pki, 'ca.crt'), cert: join(pki, 'apiserver.crt'), key: join(pki, 'apiserver.key') }
  if (existsSync(files.ca) && existsSync(files.cert) && existsSync(files.key)) {
    return { ca: readFileSync(files.ca, 'utf8'), cert: readFileSync(files.cert, 'utf8'), key: readFileSync(files.key, 'utf8') }
  }
  const tls = await generateTls(extraNames)
  mkdirSync(pki, { recursive: true, mode: 0o700 })
  writeFileSync(files.ca, tls.ca)
  writeFileSync(files.cert, tls.cert)
  writeFileSync(files.key, tls.key, { mode: 0o600 })
  return tls
}
