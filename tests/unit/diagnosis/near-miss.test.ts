import { describe, expect, it } from 'vitest'
import { nearMissNames } from '../../../src/main/diagnosis/near-miss'

describe('nearMissNames', () => {
  it('lists the usual mistakes for _dnsauth.example.com', () => {
    expect(nearMissNames('_dnsauth.example.com', 'example.com', 'example.com')).toEqual([
      { name: '_dnsauth.example.com.example.com', hint: 'zone_doubled' },
      { name: '_dnsauth.www.example.com', hint: 'www_apex' },
      { name: '_dnsauth.*.example.com', hint: 'wildcard' },
      { name: 'dnsauth.example.com', hint: 'missing_underscore' },
      { name: 'example.com', hint: 'other' }
    ])
  })

  it('doubles the zone, not the base domain, when the subdomain is part of the parent zone', () => {
    const names = nearMissNames('_dnsauth.shop.example.com', 'example.com', 'shop.example.com')
    expect(names[0]).toEqual({ name: '_dnsauth.shop.example.com.example.com', hint: 'zone_doubled' })
    expect(names).toContainEqual({ name: '_dnsauth.www.shop.example.com', hint: 'www_apex' })
    expect(names).toContainEqual({ name: 'dnsauth.shop.example.com', hint: 'missing_underscore' })
  })

  it('for a base that is itself www., suggests the name without it', () => {
    expect(nearMissNames('_dnsauth.www.com', 'www.com', 'www.com')).toContainEqual({ name: '_dnsauth.com', hint: 'www_apex' })
  })

  it('keeps deeper host records whole when dropping the underscore', () => {
    expect(nearMissNames('_acme-challenge.api.example.com', 'example.com', 'example.com')).toContainEqual({
      name: 'acme-challenge.api.example.com',
      hint: 'missing_underscore'
    })
  })

  it('has no missing-underscore candidate for a host without one', () => {
    const hints = nearMissNames('dnsauth.example.com', 'example.com', 'example.com').map((n) => n.hint)
    expect(hints).not.toContain('missing_underscore')
  })

  it('only the doubled zone when the record belongs at the apex itself', () => {
    expect(nearMissNames('example.com', 'example.com', 'example.com')).toEqual([{ name: 'example.com.example.com', hint: 'zone_doubled' }])
  })

  it('ignores case and trailing dots, and never lists the name itself or one twice', () => {
    const names = nearMissNames('_DNSAUTH.Example.com.', 'EXAMPLE.com.', 'example.com')
    expect(names.map((n) => n.name)).not.toContain('_dnsauth.example.com')
    expect(new Set(names.map((n) => n.name)).size).toBe(names.length)
    expect(names[0]!.name).toBe('_dnsauth.example.com.example.com')
  })

  it('leaves out a candidate that would be longer than a DNS name may be', () => {
    const label = 'a'.repeat(60)
    const zone = `${label}.${label}.example.com` // 134 characters
    const name = `_dnsauth.${zone}`
    const names = nearMissNames(name, zone, zone)
    expect(names.map((n) => n.hint)).not.toContain('zone_doubled')
    expect(names.every((n) => n.name.length <= 253)).toBe(true)
  })
})
