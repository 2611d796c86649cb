/**
 * The arithmetic of the DNSSEC chain between a registrar's DS record and a zone's DNSKEY (RFC 4034): key tags
 * and DS digests. No validation of signatures: a validating resolver does that; this names which link is broken.
 */
import { createHash } from 'node:crypto'
import { stripDot } from '../../shared/names'

export interface DnskeyFields {
  flags: number
  protocol: number
  algorithm: number
  /** Public key, base64 (as the codec decodes it). */
  key: string
}

/** DS digest types (RFC 4509, RFC 6605) and the hash each one uses. */
const DIGEST_ALGORITHMS: Record<number, string> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' }

export const DS_DIGEST_TYPES = Object.keys(DIGEST_ALGORITHMS).map(Number)

/** The DNSKEY RDATA in wire form: flags, protocol, algorithm, public key. */
export function dnskeyRdata(key: DnskeyFields): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt16BE(key.flags, 0)
  head.writeUInt8(key.protocol, 2)
  head.writeUInt8(key.algorithm, 3)
  return Buffer.concat([head, Buffer.from(key.key, 'base64')])
}

/** RFC 4034 appendix B: the key tag a DS or RRSIG uses to name this key. */
export function keyTag(key: DnskeyFields): number {
  const rdata = dnskeyRdata(key)
  let acc = 0
  for (let i = 0; i < rdata.length; i++) acc += i & 1 ? rdata[i]! : rdata[i]! << 8
  acc += (acc >> 16) & 0xffff
  return acc & 0xffff
}

/** The owner name in canonical wire form (RFC 4034 6.2: lower case, uncompressed). */
export function canonicalNameWire(name: string): Buffer {
  const labels = stripDot(name).toLowerCase().split('.').filter((l) => l !== '')
  const parts = labels.map((label) => {
    const bytes = Buffer.from(label, 'utf8')
    return Buffer.concat([Buffer.from([bytes.length]), bytes])
  })
  return Buffer.concat([...parts, Buffer.from([0])])
}

/** The DS digest (hex, lower case) a registrar would hold for this key, or null for an unknown digest type. */
export function dsDigest(owner: string, key: DnskeyFields, digestType: number): string | null {
  const algorithm = DIGEST_ALGORITHMS[digestType]
  if (!algorithm) return null
  return createHash(algorithm).update(canonicalNameWire(owner)).update(dnskeyRdata(key)).digest('hex')
}
