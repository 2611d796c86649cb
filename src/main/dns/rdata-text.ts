import type { DnsRecord } from '../../shared/dns-types'
import { absolute } from '../../shared/names'

/** The RDATA of a record in presentation format, the way dig prints it, so outputs can be compared. */
export function formatRdata(record: Pick<DnsRecord, 'data'>): string {
  const d = record.data
  switch (d.kind) {
    case 'address':
      return d.address
    case 'name':
      return absolute(d.target)
    case 'txt':
      return d.strings.map(quoteCharacterString).join(' ')
    case 'soa':
      return `${absolute(d.mname)} ${absolute(d.rname)} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`
    case 'caa':
      return `${d.flags} ${d.tag} ${quoteCharacterString(d.value)}`
    case 'mx':
      return `${d.preference} ${absolute(d.exchange)}`
    case 'srv':
      return `${d.priority} ${d.weight} ${d.port} ${absolute(d.target)}`
    case 'ds':
      return `${d.keyTag} ${d.algorithm} ${d.digestType} ${d.digest.toUpperCase()}`
    case 'dnskey':
      return `${d.flags} ${d.protocol} ${d.algorithm} ${d.key}`
    case 'rrsig':
      return `${d.typeCovered} ${d.algorithm} ${d.labels} ${d.originalTtl} ${dnssecTime(d.expiration)} ${dnssecTime(d.inception)} ${d.keyTag} ${absolute(d.signerName)} ${d.signature}`
    case 'nsec':
      return `${absolute(d.nextDomain)} ${d.types.join(' ')}`
    case 'raw':
      return `\\# ${d.hex.length / 2}${d.hex ? ' ' + d.hex.toUpperCase() : ''}`
  }
}

/** Printable ASCII other than the quote and the backslash: such text needs no escapes. */
const PRINTABLE_UNESCAPED = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/

/** A character-string in double quotes with dig's escapes: \" \\ and \DDD for bytes outside printable ASCII. */
export function quoteCharacterString(text: string): string {
  if (PRINTABLE_UNESCAPED.test(text)) return '"' + text + '"'
  let out = '"'
  for (const byte of Buffer.from(text, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += '\\' + String.fromCharCode(byte)
    else if (byte < 0x20 || byte > 0x7e) out += '\\' + String(byte).padStart(3, '0')
    else out += String.fromCharCode(byte)
  }
  return out + '"'
}

function dnssecTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14)
}
