/**
 * Where a verification record goes, by the CA guide's rule: `www.example.com` and `*.example.com` are verified at
 * `example.com`; other names keep their own. One module for the engine (which has the last word in the report's
 * `placements`) and for step 2 of the wizard (which shows it while the user types), so the two cannot disagree.
 */
import type { RecordPlacement } from './diagnosis-types'
import { LocalizedError } from './messages'
import { InvalidNameError, isSubdomainOf, normalizeName, stripDot } from './names'
import { checkCertificateDomain } from './record-input'

/**
 * The domain a certificate domain's record belongs to: `www.example.com` and `*.example.com` → `example.com`.
 * Other subdomains (`shop.example.com`) keep their own name. Throws InvalidNameError for a name that cannot exist.
 */
export function baseDomainOf(certificateDomain: string): string {
  const text = certificateDomain.trim()
  const wildcard = text.startsWith('*.')
  return parentRule(wildcard, normalizeName(wildcard ? text.slice(2) : text))
}

/**
 * The same rule on a domain as a person typed it, lower-cased but otherwise kept (Unicode stays Unicode), and
 * never throwing: for filling in the certificate's domain list while the user types.
 */
export function typedBaseDomain(typed: string): string {
  const text = typed.trim().toLowerCase()
  const wildcard = text.startsWith('*.')
  return parentRule(wildcard, (wildcard ? text.slice(2) : text).replace(/\.+$/, ''))
}

function parentRule(wildcard: boolean, name: string): string {
  if (wildcard || !name.startsWith('www.')) return name
  const parent = name.slice(4)
  // `www.com` is not a www-host of a registrable domain: keep it.
  return parent.includes('.') ? parent : name
}

/**
 * The full record name for a host record as the CA shows it. A host that already ends in the base
 * domain is full (`_dnsauth.example.com`), and so is a name of two labels or more with a trailing dot
 * (`_dnsauth.example.com.` for `shop.example.com`: absolute, as in a zone file); otherwise it is
 * relative to the base domain (`_dnsauth`). A relative host that ends in the subdomain's own labels
 * (`_dnsauth.shop` for `shop.example.com`) was written relative to the parent domain, as consoles want it:
 * it names `_dnsauth.shop.example.com`, never `_dnsauth.shop.shop.example.com`. A host that ends in a parent domain
 * (`_dnsauth.example.com` for `shop.example.com`) is full, and a name with the domain twice is read with it once.
 */
export function recordNameFor(host: string, baseDomain: string): string {
  const trimmed = host.trim()
  if (trimmed === '' || trimmed === '@') return baseDomain
  const name = normalizeName(trimmed)
  if (isSubdomainOf(name, baseDomain)) return withoutDoubledBase(name, baseDomain)
  if (trimmed.endsWith('.') && name.includes('.')) return name
  const hostLabels = stripDot(name).split('.')
  const baseLabels = stripDot(baseDomain).split('.')
  // A host under a parent domain of two labels or more (`_dnsauth.example.com` for `shop.example.com`) names that
  // parent's record, trailing dot or not: CAs may verify a subdomain at its parent, and read as relative it would
  // be `_dnsauth.example.com.shop.example.com`, which no CA asks for.
  for (let k = 2; k < baseLabels.length; k++) {
    if (isSubdomainOf(name, baseLabels.slice(-k).join('.')) && hostLabels.length > k) return name
  }
  // The longest overlap first; the host keeps a label of its own and the parent keeps two.
  for (let k = Math.min(hostLabels.length - 1, baseLabels.length - 2); k >= 1; k--) {
    if (hostLabels.slice(-k).join('.') === baseLabels.slice(0, k).join('.')) return normalizeName(`${stripDot(name)}.${baseLabels.slice(k).join('.')}`)
  }
  return normalizeName(`${stripDot(trimmed)}.${baseDomain}`)
}

/**
 * `_dnsauth.example.com.example.com` → `_dnsauth.example.com`: a name with the domain twice is the mark of a console
 * that appended the domain to a full name, never a name a CA asks for. Checking it as typed would find a record the
 * CA will not (the wrong_name finding's `zone_doubled` case), so it is read as meant.
 */
function withoutDoubledBase(name: string, baseDomain: string): string {
  const base = stripDot(baseDomain)
  let n = stripDot(name)
  while (n.endsWith(`.${base}.${base}`)) n = n.slice(0, n.length - base.length - 1)
  return normalizeName(n)
}

/** What to type in a console host field that is relative to the zone (`@` for the apex). */
export function relativeHost(name: string, zone: string): string {
  const n = stripDot(name).toLowerCase()
  const z = stripDot(zone).toLowerCase()
  if (n === z) return '@'
  if (z === '.') return n
  return n.slice(0, n.length - z.length - 1)
}

/** Where one certificate domain's record goes; `zone` must hold the record name (else InvalidNameError). */
export function placeRecord(certificateDomain: string, host: string, zone: string | null): RecordPlacement {
  const baseDomain = baseDomainOf(certificateDomain)
  const name = recordNameFor(host, baseDomain)
  if (zone !== null && !isSubdomainOf(name, zone)) {
    throw new InvalidNameError('name.outsideZone', { name, zone })
  }
  return {
    certificateDomain: certificateDomain.trim().toLowerCase(),
    baseDomain,
    name,
    zone,
    relativeHost: zone === null ? null : relativeHost(name, zone)
  }
}

/**
 * Placements for what is typed so far, one per certificate domain in order: `zone` is the zone known for the
 * domain being verified (step 1); a name outside it gets no zone and no relative host. Domains (or a host) that
 * cannot be a name yet are left out: their own fields say what is wrong.
 */
export function planPlacements(domains: readonly string[], host: string, zone: string | null): RecordPlacement[] {
  const placements: RecordPlacement[] = []
  for (const certificateDomain of domains) {
    if (certificateDomain.trim() === '') continue
    try {
      // As the engine receives it: checked and in wire form (an IDN in punycode).
      const domain = checkCertificateDomain(certificateDomain)
      const name = recordNameFor(host, baseDomainOf(domain))
      placements.push(placeRecord(domain, host, zone !== null && isSubdomainOf(name, zone) ? zone : null))
    } catch (e) {
      if (!(e instanceof LocalizedError)) throw e
    }
  }
  return placements
}

/** The host a console wants: relative to the zone, or the full name. */
export function hostToType(placement: Pick<RecordPlacement, 'name' | 'relativeHost'>, hostField: 'relative' | 'full'): string {
  return hostField === 'relative' && placement.relativeHost !== null ? placement.relativeHost : placement.name
}
