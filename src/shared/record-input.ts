/**
 * The checks on what a person types for a verification record (certificate domain, host record, value), for the
 * engine's input schema and for the wizard's fields alike. Each returns the normalized text or throws a
 * LocalizedError whose id says what is wrong (`domain.url`, `host.ip`, `name.space`, ...).
 */
import type { VerificationRecordType } from './diagnosis-types'
import { LIMITS, utf8Bytes } from './limits'
import { LocalizedError } from './messages'
import { normalizeName } from './names'
import { ipFamily } from './server-address'
import { unquoteTxtValue } from './txt-value'

/** Something typed into one field of a record that cannot work; the engine turns it into an InputError. */
export class RecordInputError extends LocalizedError {
  override name = 'RecordInputError'
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i

function looksLikeUrl(text: string): boolean {
  return URL_LIKE.test(text) || text.includes('/')
}

/**
 * A certificate domain (`example.com`, `www.example.com`, `*.example.com`) in wire form, the wildcard kept:
 * no scheme or path, no IP address, no port, a dot, a wildcard only as the first label.
 */
export function checkCertificateDomain(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw new RecordInputError('domain.empty')
  const text = raw.trim()
  if (looksLikeUrl(text)) throw new RecordInputError('domain.url', { text })
  // `192.0.2.1`, `[2001:db8::1]`, and either with a port, as copied from an address bar or a server list.
  const withoutPort = text.replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/^([^:]*):\d+$/, '$1')
  if (ipFamily(withoutPort) !== 0) throw new RecordInputError('domain.ip', { text })
  if (text.includes(':')) throw new RecordInputError('domain.port', { text })
  const wildcard = text.startsWith('*.')
  const name = normalizeName(wildcard ? text.slice(2) : text)
  if (name.includes('*')) throw new RecordInputError('domain.wildcardPosition', { text })
  if (!name.includes('.')) throw new RecordInputError('domain.needsDot', { text })
  return wildcard ? `*.${name}` : name
}

/** A host record as the CA shows it (`@`, `_dnsauth`, `_dnsauth.example.com.`), trimmed but otherwise as typed. */
export function checkHostRecord(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw new RecordInputError('host.empty')
  const text = raw.trim()
  if (looksLikeUrl(text)) throw new RecordInputError('host.url', { text })
  if (ipFamily(text) !== 0) throw new RecordInputError('host.ip', { text })
  if (text !== '@') normalizeName(text)
  return text
}

/**
 * A record value as the CA means it. A TXT value loses the quotes it was shown in (`"abc"` → `abc`, zone-file
 * `"ab" "c"` → `abc`): the CA compares the text between them, and its guide tells people to paste values quoted.
 * Otherwise it stays as typed, trimmed: a stray quote or inner spaces are what the diagnosis is for.
 * A CNAME value must be a name.
 */
export function checkRecordValue(raw: unknown, type: VerificationRecordType): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw new RecordInputError('value.empty')
  const value = type === 'TXT' ? unquoteTxtValue(raw) : raw.trim()
  if (value === '') throw new RecordInputError('value.empty')
  if (utf8Bytes(value) > LIMITS.valueBytes) throw new RecordInputError('value.tooLong', { max: LIMITS.valueBytes })
  if (type === 'CNAME') {
    try {
      normalizeName(value)
    } catch (e) {
      if (e instanceof LocalizedError) throw new RecordInputError('value.cnameNotName', { reason: e.toMessage() })
      throw e
    }
  }
  return value
}
