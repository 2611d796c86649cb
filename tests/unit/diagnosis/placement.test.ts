import { describe, expect, it } from 'vitest'
import { baseDomainOf, placeRecord, recordNameFor, relativeHost } from '../../../src/main/diagnosis/placement'

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
    ['_dnsauth.example.com.', 'shop.example.com', '_dnsauth.example.com']
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
