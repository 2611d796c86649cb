// Helpers that return master-file (RFC 1035 §5) lines, so tests say what they mean
// (`txtRecord('_dnsauth', token)`) instead of hand-quoting zone syntax.
// Owners are written as given: relative to the zone's $ORIGIN, '@', or absolute with a trailing dot.

const MAX_CHARACTER_STRING_BYTES = 255

export type OptionalTtl = number | undefined

/** One resource record line: `owner [ttl] IN TYPE rdata`. */
export function resourceRecord(owner: string, type: string, rdata: string, ttl?: OptionalTtl): string {
  const ttlField = ttl === undefined ? '' : ` ${ttl}`
  return `${owner}${ttlField} IN ${type} ${rdata}`
}

/**
 * One quoted <character-string>. Quotes and backslashes are escaped, and every byte outside printable
 * ASCII is written as \DDD, so the bytes on the wire are exactly the UTF-8 bytes of `value`.
 * Throws when the value does not fit one character-string (255 bytes); use `txtRdata` to split.
 */
export function quotedCharacterString(value: string | Uint8Array): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value)
  if (bytes.length > MAX_CHARACTER_STRING_BYTES) {
    throw new Error(`A character-string holds at most ${MAX_CHARACTER_STRING_BYTES} bytes; this one has ${bytes.length}.`)
  }
  let text = ''
  for (const byte of bytes) {
    if (byte === 0x22 || byte === 0x5c) text += `\\${String.fromCharCode(byte)}`
    else if (byte >= 0x20 && byte <= 0x7e) text += String.fromCharCode(byte)
    else text += `\\${byte.toString().padStart(3, '0')}`
  }
  return `"${text}"`
}

/**
 * TXT rdata. A string longer than 255 bytes is split into consecutive 255-byte character-strings,
 * as DNS providers do; an array gives one character-string per element (each split the same way).
 */
export function txtRdata(value: string | readonly string[]): string {
  const parts = typeof value === 'string' ? [value] : value
  if (parts.length === 0) throw new Error('A TXT record needs at least one character-string.')
  return parts.flatMap((part) => splitIntoCharacterStrings(part)).map(quotedCharacterString).join(' ')
}

function splitIntoCharacterStrings(value: string): Buffer[] {
  const bytes = Buffer.from(value, 'utf8')
  if (bytes.length === 0) return [bytes]
  const chunks: Buffer[] = []
  for (let at = 0; at < bytes.length; at += MAX_CHARACTER_STRING_BYTES) {
    chunks.push(bytes.subarray(at, at + MAX_CHARACTER_STRING_BYTES))
  }
  return chunks
}

export function txtRecord(owner: string, value: string | readonly string[], ttl?: OptionalTtl): string {
  return resourceRecord(owner, 'TXT', txtRdata(value), ttl)
}

export function aRecord(owner: string, address: string, ttl?: OptionalTtl): string {
  return resourceRecord(owner, 'A', address, ttl)
}

export function nsRecord(owner: string, host: string, ttl?: OptionalTtl): string {
  return resourceRecord(owner, 'NS', host, ttl)
}

export function cnameRecord(owner: string, target: string, ttl?: OptionalTtl): string {
  return resourceRecord(owner, 'CNAME', target, ttl)
}

export interface CaaValue {
  /** 128 sets the issuer-critical bit. */
  flags?: number
  tag: 'issue' | 'issuewild' | 'iodef' | (string & {})
  value: string
}

export function caaRecord(owner: string, caa: CaaValue, ttl?: OptionalTtl): string {
  return resourceRecord(owner, 'CAA', `${caa.flags ?? 0} ${caa.tag} ${quotedCharacterString(caa.value)}`, ttl)
}

export interface SoaFields {
  owner?: string
  /** MNAME, absolute. */
  primary: string
  /** RNAME in domain form (hostmaster.example.test.), absolute. */
  contact: string
  serial: number
  refresh?: number
  retry?: number
  expire?: number
  /** The SOA MINIMUM field: how long resolvers cache a negative answer (RFC 2308), capped by the SOA TTL. */
  minimum?: number
  ttl?: number
}

export const SOA_DEFAULTS = { refresh: 3600, retry: 600, expire: 86400, minimum: 60 } as const

export function soaRecord(soa: SoaFields): string {
  const fields = [
    soa.primary,
    soa.contact,
    soa.serial,
    soa.refresh ?? SOA_DEFAULTS.refresh,
    soa.retry ?? SOA_DEFAULTS.retry,
    soa.expire ?? SOA_DEFAULTS.expire,
    soa.minimum ?? SOA_DEFAULTS.minimum
  ]
  return resourceRecord(soa.owner ?? '@', 'SOA', fields.join(' '), soa.ttl)
}

/** Joins lines (or groups of lines) into a zone body; blank entries are dropped. */
export function zoneBody(...lines: (string | readonly string[])[]): string {
  return lines
    .flat()
    .filter((line) => line.trim() !== '')
    .join('\n')
}
