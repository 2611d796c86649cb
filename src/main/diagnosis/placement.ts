import type { RecordPlacement } from '../../shared/diagnosis-types'
import { InvalidNameError } from '../dns/errors'
import { isSubdomainOf, normalizeName, stripDot } from '../dns/names'

/**
 * The domain a certificate domain's record belongs to, by the CA guide's rule: `www.example.com`
 * and `*.example.com` are verified at `example.com`. Other subdomains (`shop.example.com`) keep their own name.
 */
export function baseDomainOf(certificateDomain: string): string {
  const name = normalizeName(certificateDomain.trim().replace(/^\*\./, ''))
  if (certificateDomain.trim().startsWith('*.') || !name.startsWith('www.')) {
    return name
  }
  const parent = name.slice(4)
  // `www.com` is not a www-host of a registrable domain: keep it.
  return parent.includes('.') ? parent : name
}

/**
 * The full record name for a host record as the CA shows it. A host that already ends in the base
 * domain is full (`_dnsauth.example.com`), and so is a name of two labels or more with a trailing dot
 * (`_dnsauth.example.com.` for `shop.example.com`: absolute, as in a zone file); otherwise it is
 * relative to the base domain (`_dnsauth`).
 */
export function recordNameFor(host: string, baseDomain: string): string {
  const trimmed = host.trim()
  if (trimmed === '' || trimmed === '@') return baseDomain
  const name = normalizeName(trimmed)
  if (isSubdomainOf(name, baseDomain)) return name
  if (trimmed.endsWith('.') && name.includes('.')) return name
  return normalizeName(`${stripDot(trimmed)}.${baseDomain}`)
}

/** What to type in a console host field that is relative to the zone (`@` for the apex). */
export function relativeHost(name: string, zone: string): string {
  const n = stripDot(name).toLowerCase()
  const z = stripDot(zone).toLowerCase()
  if (n === z) return '@'
  if (z === '.') return n
  return n.slice(0, n.length - z.length - 1)
}

export function placeRecord(certificateDomain: string, host: string, zone: string | null): RecordPlacement {
  const baseDomain = baseDomainOf(certificateDomain)
  const name = recordNameFor(host, baseDomain)
  if (zone !== null && !isSubdomainOf(name, zone)) {
    throw new InvalidNameError(`The record name ${name} is outside the zone ${zone}.`)
  }
  return {
    certificateDomain: certificateDomain.trim().toLowerCase(),
    baseDomain,
    name,
    zone,
    relativeHost: zone === null ? null : relativeHost(name, zone)
  }
}
