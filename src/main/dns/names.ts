import { domainToASCII } from 'node:url'
import { InvalidNameError } from './errors'

const MAX_LABEL_BYTES = 63
const MAX_NAME_CHARS = 253
const PLAIN_NAME = /^(?:[a-z0-9_-]{1,63}\.)*[a-z0-9_-]{1,63}\.?$/
/**
 * The dots UTS #46 maps to '.': ideographic full stop U+3002, fullwidth full stop U+FF0E and halfwidth
 * ideographic full stop U+FF61, which Chinese and Japanese input methods type in place of '.'.
 */
const FULL_WIDTH_DOTS = /[\u3002\uff0e\uff61]/g

/**
 * The name with every full-width dot turned into '.', as IDNA would read it. Done before any label check, so
 * `a.。b` is refused as an empty label exactly like `a..b`, instead of slipping through as one odd label.
 */
export function toAsciiDots(name: string): string {
  return name.replace(FULL_WIDTH_DOTS, '.')
}

/**
 * Turns what a person typed into the ASCII form DNS carries: trims, drops one trailing dot,
 * lower-cases, converts IDN labels to punycode, and rejects names that cannot exist on the wire.
 * The root is returned as '.'.
 */
export function normalizeName(input: string): string {
  if (typeof input !== 'string') throw new InvalidNameError('A domain name must be text.')
  // Most names arrive already in wire form (lower-case ASCII labels of 1..63 bytes); for them the
  // steps below would return the input without its trailing dot.
  if (input.length <= MAX_NAME_CHARS + 1 && PLAIN_NAME.test(input)) {
    const name = input.endsWith('.') ? input.slice(0, -1) : input
    if (name.length <= MAX_NAME_CHARS) return name
  }
  const trimmed = toAsciiDots(input).trim()
  if (trimmed === '') throw new InvalidNameError('The domain name is empty.')
  if (trimmed === '.') return '.'
  if (/\s/.test(trimmed)) throw new InvalidNameError(`"${input}" contains a space; a domain name cannot.`)
  const withoutDot = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed
  const labels = withoutDot.split('.')
  const empty = labels.findIndex((l) => l === '')
  if (empty !== -1) throw new InvalidNameError(`"${input}" has an empty label (two dots in a row, or a leading dot).`)
  // IDNA can still map one character to several labels (U+2488 '⒈' is '1.'): split again and re-check.
  const ascii = labels.flatMap((label) => labelToAscii(label, input).split('.'))
  if (ascii.some((l) => l === '')) throw new InvalidNameError(`"${input}" has an empty label (two dots in a row, or a leading dot).`)
  for (const label of ascii) {
    if (label.length > MAX_LABEL_BYTES) {
      throw new InvalidNameError(
        `The label "${label}" is ${label.length} bytes long; a DNS label can have at most ${MAX_LABEL_BYTES}.`
      )
    }
  }
  const name = ascii.join('.')
  if (name.length > MAX_NAME_CHARS) {
    throw new InvalidNameError(`"${input}" is ${name.length} characters long; a domain name can have at most ${MAX_NAME_CHARS}.`)
  }
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
  // Underscore labels (_dnsauth, _acme-challenge) and the wildcard are valid in DNS but not in URLs,
  // so only labels with non-ASCII characters go through the IDNA conversion.
  if (/^[\x21-\x7e]*$/.test(label)) return label.toLowerCase()
  const converted = domainToASCII(label)
  if (converted === '') throw new InvalidNameError(`The label "${label}" in "${whole}" is not a valid internationalised name.`)
  return converted
}

/** Case-insensitive comparison of two names in wire form (trailing dots ignored). */
export function sameName(a: string, b: string): boolean {
  // Called for every record of every answer (4,000 of them in a 64 KB one): the common case, the same text,
  // allocates nothing.
  if (a === b) return true
  return stripDot(a).toLowerCase() === stripDot(b).toLowerCase()
}

export function stripDot(name: string): string {
  if (name === '.' || name === '') return '.'
  return name.endsWith('.') ? name.slice(0, -1) : name
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
