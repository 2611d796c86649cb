/**
 * Domain names as DNS carries them, for both sides: what a person typed → the ASCII wire form (IDN labels to
 * punycode through the WHATWG `URL`, which Node and every browser have), and the comparisons the engine and the
 * UI make on names. Pure: no `node:` imports.
 */
import { LocalizedError, type MessageParams } from './messages'

/** Input that is not a valid domain name; the message names the offending part. */
export class InvalidNameError extends LocalizedError {
  override name = 'InvalidNameError'
}

export const MAX_LABEL_BYTES = 63
export const MAX_NAME_CHARS = 253
const PLAIN_NAME = /^(?:[a-z0-9_-]{1,63}\.)*[a-z0-9_-]{1,63}\.?$/
/** Dots an IME types (ideographic, full-width, half-width ideographic): UTS #46 reads each as '.'. */
const FULL_WIDTH_DOTS = /[\u3002\uff0e\uff61]/g
/** Whether the URL parser would read a character of `label` as a delimiter, or refuse it, in a host. */
function hasUrlHostSpecial(label: string): boolean {
  return [...label].some((c) => c <= ' ' || c === '\x7f' || '#%/:<>?@[\\]^|'.includes(c))
}

function invalid(id: ConstructorParameters<typeof InvalidNameError>[0], params: MessageParams = {}): InvalidNameError {
  return new InvalidNameError(id, params)
}

/**
 * Turns what a person typed into the ASCII form DNS carries: trims, reads full-width dots as dots, drops one
 * trailing dot, lower-cases, converts IDN labels to punycode, and rejects names that cannot exist on the wire.
 * The root is returned as '.'.
 */
export function normalizeName(input: string): string {
  if (typeof input !== 'string') throw invalid('name.notText')
  // Most names arrive already in wire form (lower-case ASCII labels of 1..63 bytes); for them the
  // steps below would return the input without its trailing dot.
  if (input.length <= MAX_NAME_CHARS + 1 && PLAIN_NAME.test(input)) {
    const name = input.endsWith('.') ? input.slice(0, -1) : input
    if (name.length <= MAX_NAME_CHARS) return name
  }
  const trimmed = input.trim().replace(FULL_WIDTH_DOTS, '.')
  if (trimmed === '') throw invalid('name.empty')
  if (trimmed === '.') return '.'
  if (/\s/.test(trimmed)) throw invalid('name.space', { name: input })
  const withoutDot = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed
  const labels = withoutDot.split('.')
  if (labels.includes('')) throw invalid('name.emptyLabel', { name: input })
  const ascii = labels.map((label) => labelToAscii(label, input))
  for (const label of ascii) {
    if (label.length > MAX_LABEL_BYTES) {
      throw invalid('name.labelTooLong', { label, length: label.length, max: MAX_LABEL_BYTES })
    }
  }
  const name = ascii.join('.')
  if (name.length > MAX_NAME_CHARS) throw invalid('name.tooLong', { name: input, length: name.length, max: MAX_NAME_CHARS })
  return name
}

/**
 * A name that came off the wire (a name server in a referral, a CNAME target) in the form it is asked about, or
 * why it cannot be asked about. Such a name is the remote server's mistake, so callers report it, never throw.
 */
export function askableName(name: string): { ok: true; name: string } | { ok: false; problem: string } {
  try {
    return { ok: true, name: normalizeName(name) }
  } catch (e) {
    if (e instanceof InvalidNameError) return { ok: false, problem: e.message }
    throw e
  }
}

function labelToAscii(label: string, whole: string): string {
  // Underscore labels (_dnsauth, _acme-challenge) and the wildcard are valid in DNS but not always in URLs,
  // so only labels with non-ASCII characters go through the IDNA conversion.
  if (/^[\x21-\x7e]*$/.test(label)) return label.toLowerCase()
  const bad = invalid('name.badIdn', { label, name: whole })
  if (hasUrlHostSpecial(label)) throw bad
  // The URL host parser applies UTS #46 (mapping, then punycode). A fixed last label keeps it from reading a
  // label of digits (full-width `１２３`) as an IPv4 address.
  let host: string
  try {
    host = new URL(`http://${label}.invalid/`).hostname
  } catch {
    throw bad
  }
  const converted = host.slice(0, -'.invalid'.length)
  if (converted === '' || converted.includes('.') || !host.endsWith('.invalid')) throw bad
  return converted
}

export function stripDot(name: string): string {
  if (name === '.' || name === '') return '.'
  return name.endsWith('.') ? name.slice(0, -1) : name
}

/** Case-insensitive comparison of two names in wire form (trailing dots ignored). */
export function sameName(a: string, b: string): boolean {
  // Called for every record of every answer (4,000 of them in a 64 KB one): the common case, the same text,
  // allocates nothing.
  if (a === b) return true
  return stripDot(a).toLowerCase() === stripDot(b).toLowerCase()
}

/** Labels from the leftmost; the root has none. */
export function nameLabels(name: string): string[] {
  const n = stripDot(name)
  return n === '.' ? [] : n.split('.')
}

/** The parent of a name ('example.com' → 'com', 'com' → '.'); the root has no parent. */
export function parentName(name: string): string | null {
  const labels = nameLabels(name)
  if (labels.length === 0) return null
  return labels.length === 1 ? '.' : labels.slice(1).join('.')
}

/** True when `name` equals `zone` or lies below it. */
export function isSubdomainOf(name: string, zone: string): boolean {
  const z = stripDot(zone).toLowerCase()
  const n = stripDot(name).toLowerCase()
  if (z === '.') return true
  return n === z || n.endsWith('.' + z)
}

/** Presentation form with a trailing dot, as dig and nslookup print absolute names. */
export function absolute(name: string): string {
  const n = stripDot(name)
  return n === '.' ? '.' : n + '.'
}
