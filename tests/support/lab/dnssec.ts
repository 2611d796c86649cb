// Signing a lab zone with BIND's tools. Only the test's zones are signed: the resolver gets a
// trust anchor for each signed zone directly, so the unsigned root and TLD need no DS records.

import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DnssecMode } from './hierarchy'
import { absoluteName, canonicalName, zoneFileStem } from './names'
import { requireBinary, runCommandOrThrow } from './processes'

export interface TrustAnchor {
  zone: string
  /** 'example.test. IN DNSKEY 257 3 13 …' (the KSK). */
  dnskey: string
  /** 'example.test. IN DS 12345 13 2 …' (SHA-256 digest of the KSK); what Unbound's `trust-anchor:` gets. */
  ds: string
}

export interface ZoneKeys {
  zone: string
  dir: string
  trustAnchor: TrustAnchor
}

// ECDSA P-256 keys are generated in milliseconds (RSA would dominate lab start-up).
const ALGORITHM = 'ECDSAP256SHA256'

/** A KSK and a ZSK for `zone` in their own directory. */
export async function createZoneKeys(zone: string, dir: string): Promise<ZoneKeys> {
  const keygen = requireBinary('dnssec-keygen', 'bind9-utils')
  mkdirSync(dir, { recursive: true })
  const name = absoluteName(zone)
  const ksk = (await runCommandOrThrow(keygen, ['-q', '-K', dir, '-a', ALGORITHM, '-f', 'KSK', '-n', 'ZONE', name])).stdout.trim()
  await runCommandOrThrow(keygen, ['-q', '-K', dir, '-a', ALGORITHM, '-n', 'ZONE', name])
  const kskFile = join(dir, `${ksk}.key`)
  const dnskey = readFileSync(kskFile, 'utf8')
    .split('\n')
    .find((line) => line.trim() !== '' && !line.startsWith(';'))
  if (!dnskey) throw new Error(`No DNSKEY line in ${kskFile}.`)
  const dsfromkey = requireBinary('dnssec-dsfromkey', 'bind9-utils')
  const ds = (await runCommandOrThrow(dsfromkey, ['-2', kskFile])).stdout.trim()
  return { zone: canonicalName(zone), dir, trustAnchor: { zone: canonicalName(zone), dnskey: dnskey.trim(), ds } }
}

/**
 * Signs `unsignedPath` into `signedPath`.
 * 'bogus-signature': the signatures over the zone's data expired in 2020, while the DNSKEY set keeps a
 * valid signature, so a validating resolver trusts the key and rejects the data with EDE 7
 * (Signature Expired), the typical failure after a signer stopped re-signing.
 */
export async function signZone(
  keys: ZoneKeys,
  unsignedPath: string,
  signedPath: string,
  mode: Exclude<DnssecMode, 'none'>
): Promise<void> {
  const signer = requireBinary('dnssec-signzone', 'bind9-utils')
  const common = ['-q', '-S', '-K', keys.dir, '-d', keys.dir, '-o', absoluteName(keys.zone), '-f', signedPath]
  const validity =
    mode === 'valid'
      ? [] // defaults: valid from an hour ago for 30 days; post-sign verification stays on as a self-check
      : ['-P', '-s', '20200101000000', '-e', '20200201000000', '-X', 'now+2592000']
  await runCommandOrThrow(signer, [...common, ...validity, unsignedPath], { cwd: keys.dir })
}

export function keysDirFor(labDir: string, zone: string): string {
  return join(labDir, 'keys', zoneFileStem(zone))
}
