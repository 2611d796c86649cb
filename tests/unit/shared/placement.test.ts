import { domainToASCII } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeDiagnoseInput } from '../../../src/main/diagnosis/input'
import { isSubdomainOf } from '../../../src/shared/names'
import { baseDomainOf, hostToType, placeRecord, planPlacements, recordNameFor, relativeHost, typedBaseDomain } from '../../../src/shared/placement'

describe('baseDomainOf', () => {
  it.each([
    ['example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['*.example.com', 'example.com'],
    ['WWW.Example.COM.', 'example.com'],
    [' www.example.com ', 'example.com'],
    ['shop.example.com', 'shop.example.com'],
    ['www.shop.example.com', 'shop.example.com'],
    ['*.shop.example.com', 'shop.example.com'],
    // The wildcard label alone goes: a wildcard under www keeps www.
    ['*.www.example.com', 'www.example.com'],
    // www.com is a domain of its own, not the www host of "com".
    ['www.com', 'www.com'],
    ['wwwexample.com', 'wwwexample.com'],
    ['bücher.example', 'xn--bcher-kva.example']
  ])('%s → %s', (domain, base) => {
    expect(baseDomainOf(domain)).toBe(base)
  })
})

describe('recordNameFor', () => {
  it.each([
    ['_dnsauth', 'example.com', '_dnsauth.example.com'],
    ['_dnsauth.', 'example.com', '_dnsauth.example.com'],
    ['_DNSAUTH', 'example.com', '_dnsauth.example.com'],
    ['_dnsauth.example.com', 'example.com', '_dnsauth.example.com'],
    ['_dnsauth.example.com.', 'example.com', '_dnsauth.example.com'],
    [' _dnsauth.Example.com. ', 'example.com', '_dnsauth.example.com'],
    ['_acme-challenge.shop', 'example.com', '_acme-challenge.shop.example.com'],
    ['_dnsauth', 'shop.example.com', '_dnsauth.shop.example.com'],
    ['_dnsauth.shop.example.com', 'shop.example.com', '_dnsauth.shop.example.com'],
    ['@', 'example.com', 'example.com'],
    ['', 'example.com', 'example.com'],
    // A full name ending in the parent domain, with its trailing dot, is absolute: the CA named the whole name.
    ['_dnsauth.example.com.', 'shop.example.com', '_dnsauth.example.com'],
    // Without the dot too: read as relative it would be _dnsauth.example.com.shop.example.com, which no CA asks for.
    ['_dnsauth.example.com', 'shop.example.com', '_dnsauth.example.com'],
    ['_dnsauth.example.com', 'a.shop.example.com', '_dnsauth.example.com'],
    ['_dnsauth.shop.example.com', 'a.shop.example.com', '_dnsauth.shop.example.com'],
    // The parent must have two labels: `_dnsauth.com` is not a record of com for shop.example.com.
    ['_dnsauth.com', 'shop.example.com', '_dnsauth.com.shop.example.com'],
    // The domain twice (a console appended it to a full name) is read with it once.
    ['_dnsauth.example.com.example.com', 'example.com', '_dnsauth.example.com'],
    ['_dnsauth.example.com.example.com.', 'example.com', '_dnsauth.example.com'],
    ['_dnsauth.shop.example.com.shop.example.com', 'shop.example.com', '_dnsauth.shop.example.com'],
    // Labels that repeat without being the whole domain twice stay as they are.
    ['_dnsauth.com.example.com', 'example.com', '_dnsauth.com.example.com'],
    ['example.example.com', 'example.com', 'example.example.com']
  ])('host %j for %s → %s', (host, base, name) => {
    expect(recordNameFor(host, base)).toBe(name)
  })
})

describe('relativeHost', () => {
  it.each([
    ['_dnsauth.example.com', 'example.com', '_dnsauth'],
    ['_dnsauth.shop.example.com', 'example.com', '_dnsauth.shop'],
    ['_dnsauth.shop.example.com', 'shop.example.com', '_dnsauth'],
    ['example.com', 'example.com', '@'],
    ['_DNSAUTH.Example.com.', 'example.com.', '_dnsauth']
  ])('%s in zone %s → %s', (name, zone, host) => {
    expect(relativeHost(name, zone)).toBe(host)
  })
})

describe('placeRecord', () => {
  it('puts www. and *. at the base domain, with the host relative to the zone', () => {
    for (const domain of ['www.example.com', '*.example.com', 'example.com']) {
      expect(placeRecord(domain, '_dnsauth', 'example.com')).toEqual({
        certificateDomain: domain,
        baseDomain: 'example.com',
        name: '_dnsauth.example.com',
        zone: 'example.com',
        relativeHost: '_dnsauth'
      })
    }
  })

  it('takes the host relative, full, or full with a trailing dot to the same name', () => {
    const names = ['_dnsauth', '_dnsauth.example.com', '_dnsauth.example.com.'].map((h) => placeRecord('example.com', h, 'example.com').name)
    expect(new Set(names)).toEqual(new Set(['_dnsauth.example.com']))
  })

  it('gives the host relative to the real zone apex: a subdomain that is part of the parent zone', () => {
    expect(placeRecord('shop.example.com', '_dnsauth', 'example.com')).toMatchObject({
      baseDomain: 'shop.example.com',
      name: '_dnsauth.shop.example.com',
      zone: 'example.com',
      relativeHost: '_dnsauth.shop'
    })
  })

  it('gives the host relative to the real zone apex: a subdomain delegated as a zone of its own', () => {
    expect(placeRecord('shop.example.com', '_dnsauth', 'shop.example.com')).toMatchObject({
      name: '_dnsauth.shop.example.com',
      zone: 'shop.example.com',
      relativeHost: '_dnsauth'
    })
  })

  it('has no relative host while the zone is unknown', () => {
    expect(placeRecord('example.com', '_dnsauth', null)).toMatchObject({ name: '_dnsauth.example.com', zone: null, relativeHost: null })
  })

  it('keeps the certificate domain as entered, lower-cased', () => {
    expect(placeRecord(' *.Example.COM ', '_dnsauth', 'example.com').certificateDomain).toBe('*.example.com')
  })

  it('refuses a zone that does not hold the name (a caller bug)', () => {
    expect(() => placeRecord('example.com', '_dnsauth', 'other.org')).toThrow(/outside the zone other\.org/)
  })
})

describe('the placement bug of the old renderer copy (regression)', () => {
  it('reads a host ending in the subdomain\'s labels as relative to the parent domain, as consoles show it', () => {
    expect(placeRecord('shop.example.com', '_dnsauth.shop', 'example.com')).toMatchObject({ name: '_dnsauth.shop.example.com', relativeHost: '_dnsauth.shop' })
    expect(placeRecord('a.b.example.com', '_x.a.b', 'example.com').name).toBe('_x.a.b.example.com')
    // Not a subdomain's labels: relative to the domain as before.
    expect(placeRecord('shop.example.com', '_dnsauth', 'example.com').name).toBe('_dnsauth.shop.example.com')
    expect(placeRecord('example.com', '_dnsauth.example', 'example.com').name).toBe('_dnsauth.example.example.com')
  })

  it('keeps an absolute host that names the parent domain, instead of appending the domain again', () => {
    const [placement] = planPlacements(['shop.example.com'], '_dnsauth.example.com.', 'example.com')
    expect(placement).toMatchObject({ name: '_dnsauth.example.com', relativeHost: '_dnsauth' })
  })

  it('places an internationalised domain under its punycode name, as the engine does', () => {
    const [placement] = planPlacements(['münchen.de'], '_dnsauth', 'xn--mnchen-3ya.de')
    expect(placement).toMatchObject({
      certificateDomain: 'xn--mnchen-3ya.de',
      baseDomain: 'xn--mnchen-3ya.de',
      name: '_dnsauth.xn--mnchen-3ya.de',
      relativeHost: '_dnsauth'
    })
    expect(planPlacements(['www.MÜNCHEN.de'], '_dnsauth', null)[0]?.name).toBe('_dnsauth.xn--mnchen-3ya.de')
  })
})

describe('planPlacements (step 2, while the user types)', () => {
  it('puts www and wildcard names on the parent domain, one placement per certificate domain', () => {
    const placements = planPlacements(['example.com', 'www.example.com', '*.example.com', 'shop.example.com'], '_dnsauth', 'example.com')
    expect(placements.map((p) => [p.name, p.relativeHost])).toEqual([
      ['_dnsauth.example.com', '_dnsauth'],
      ['_dnsauth.example.com', '_dnsauth'],
      ['_dnsauth.example.com', '_dnsauth'],
      ['_dnsauth.shop.example.com', '_dnsauth.shop']
    ])
  })

  it('has no zone and no relative host for a name outside the zone of step 1', () => {
    expect(planPlacements(['other.org'], '_dnsauth', 'example.com')).toEqual([
      { certificateDomain: 'other.org', baseDomain: 'other.org', name: '_dnsauth.other.org', zone: null, relativeHost: null }
    ])
  })

  it('leaves out what cannot be a name yet (its own field says why), and empty rows', () => {
    expect(planPlacements(['', 'exa mple.com', 'https://example.com', 'example.com'], '_dnsauth', null).map((p) => p.name)).toEqual([
      '_dnsauth.example.com'
    ])
    expect(planPlacements(['example.com'], '_dns auth', null)).toEqual([])
  })

  it('types the host the way the console wants it', () => {
    const p = { name: '_dnsauth.example.com', relativeHost: '_dnsauth' }
    expect(hostToType(p, 'relative')).toBe('_dnsauth')
    expect(hostToType(p, 'full')).toBe('_dnsauth.example.com')
    expect(hostToType({ ...p, relativeHost: null }, 'relative')).toBe('_dnsauth.example.com')
  })

  it('fills the domain list from what was typed, Unicode kept', () => {
    expect(typedBaseDomain(' WWW.München.de. ')).toBe('münchen.de')
    expect(typedBaseDomain('*.example.com')).toBe('example.com')
    expect(typedBaseDomain('www.com')).toBe('www.com')
  })
})

// ── Property: the UI's placements, the engine's, and an independent oracle agree ───────────────────────────────

/** The CA guide's rule written again from its wording, with Node's own IDNA conversion (not the URL parser). */
function oracleName(certificateDomain: string, host: string): { base: string; name: string } {
  const ascii = (name: string): string =>
    name
      .split('.')
      .map((label) => (/^[\x21-\x7e]*$/.test(label) ? label.toLowerCase() : domainToASCII(label)))
      .join('.')
  let domain = certificateDomain.trim()
  const wildcard = domain.startsWith('*.')
  if (wildcard) domain = domain.slice(2)
  domain = ascii(domain.replace(/\.$/, ''))
  const base = !wildcard && domain.startsWith('www.') && domain.slice(4).includes('.') ? domain.slice(4) : domain
  const typed = host.trim()
  if (typed === '' || typed === '@') return { base, name: base }
  const name = ascii(typed.replace(/\.$/, ''))
  if (name === base || name.endsWith(`.${base}`)) {
    // The base domain twice is read once.
    let once = name
    while (once.endsWith(`.${base}.${base}`)) once = once.slice(0, -(base.length + 1))
    return { base, name: once }
  }
  if (typed.endsWith('.') && name.includes('.')) return { base, name }
  // A name under one of the base domain's parents of two labels or more names that parent's record.
  const baseParts = base.split('.')
  for (let k = 2; k < baseParts.length; k++) {
    if (name.endsWith(`.${baseParts.slice(-k).join('.')}`)) return { base, name }
  }
  // `_dnsauth.shop` for shop.example.com was written relative to the parent: `_dnsauth.shop.example.com`.
  const k = longestOverlap(name.split('.'), base.split('.'))
  if (k > 0) return { base, name: `${name}.${base.split('.').slice(k).join('.')}` }
  return { base, name: `${name}.${base}` }
}

/** How many of the host's last labels are the base domain's first labels (at most what leaves two of the base). */
function longestOverlap(host: string[], base: string[]): number {
  for (let k = Math.min(host.length - 1, base.length - 2); k >= 1; k--) {
    if (host.slice(-k).join('.') === base.slice(0, k).join('.')) return k
  }
  return 0
}

const LABELS = ['example', 'shop', 'münchen', 'bücher', '例子', 'ÄÖÜ', 'www', 'a-b', 'x1', 'dev']
const TLDS = ['com', 'de', 'cn', 'test', '中国']
const randomCase = (text: string, upper: boolean[]): string =>
  [...text].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join('')

const domainArb = fc
  .record({
    prefix: fc.constantFrom('', '*.', 'www.', 'WWW.'),
    labels: fc.array(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 3 }),
    tld: fc.constantFrom(...TLDS),
    dot: fc.boolean(),
    upper: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
    space: fc.constantFrom('', ' ')
  })
  .map(({ prefix, labels, tld, dot, upper, space }) => `${space}${prefix}${randomCase([...labels, tld].join('.'), upper)}${dot ? '.' : ''}${space}`)

/** Hosts as CAs show them: empty, @, relative, full (under the domain or its parent), with or without the dot. */
function hostArb(domain: string) {
  const bare = domain.trim().replace(/^\*\./, '').replace(/\.$/, '')
  const parent = bare.split('.').slice(1).join('.')
  return fc.oneof(
    fc.constantFrom('@', ' @ '),
    fc.record({ label: fc.constantFrom('_dnsauth', '_acme-challenge', '_DNSAUTH', 'ü', '_x.sub'), dot: fc.boolean() }).map(({ label, dot }) => `${label}${dot ? '.' : ''}`),
    fc
      .record({ label: fc.constantFrom('_dnsauth', '_acme-challenge'), under: fc.constantFrom(bare, parent), dot: fc.boolean() })
      .filter(({ under }) => under.includes('.'))
      .map(({ label, under, dot }) => `${label}.${under}${dot ? '.' : ''}`)
  )
}

const caseArb = domainArb.chain((domain) => fc.record({ domain: fc.constant(domain), host: hostArb(domain), zoneDepth: fc.integer({ min: 0, max: 3 }) }))

describe('placement property', () => {
  it('the UI (planPlacements), the engine (input check → placeRecord) and the oracle give the same names', () => {
    fc.assert(
      fc.property(caseArb, ({ domain, host, zoneDepth }) => {
        const expected = oracleName(domain, host)
        // A zone the name lies in: the base domain or one of its parents (zoneDepth labels off), or none at 0.
        const zone = zoneDepth === 0 ? null : expected.base.split('.').slice(zoneDepth - 1).join('.') || null
        const [ui] = planPlacements([domain], host, zone)
        const engineInput = normalizeDiagnoseInput({ domains: [domain], host, type: 'TXT', value: 'v' })
        const engine = placeRecord(engineInput.records[0]!.domain, engineInput.records[0]!.host, zone !== null && isSubdomainOf(expected.name, zone) ? zone : null)
        expect(ui).toEqual(engine)
        expect({ base: engine.baseDomain, name: engine.name }).toEqual(expected)
        if (engine.zone !== null) expect(`${engine.relativeHost === '@' ? '' : `${engine.relativeHost}.`}${engine.zone}`).toBe(engine.name)
      }),
      { numRuns: 500 }
    )
  })
})
