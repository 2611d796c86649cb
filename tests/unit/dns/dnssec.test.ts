import { describe, expect, it } from 'vitest'
import { canonicalNameWire, dsDigest, keyTag } from '../../../src/main/dns/dnssec'

// RFC 4034 section 5.4: the example DNSKEY and the DS record that points at it.
const RFC4034_KEY = {
  flags: 256,
  protocol: 3,
  algorithm: 5,
  key:
    'AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvx' +
    'egXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw=='
}

describe('DNSSEC chain arithmetic', () => {
  it('computes the key tag of RFC 4034 5.4', () => {
    expect(keyTag(RFC4034_KEY)).toBe(60485)
  })

  it('computes the SHA-1 DS digest of RFC 4034 5.4, whatever the case of the owner name', () => {
    expect(dsDigest('dskey.example.com', RFC4034_KEY, 1)).toBe('2bb183af5f22588179a53b0a98631fad1a292118')
    expect(dsDigest('DSKEY.Example.COM.', RFC4034_KEY, 1)).toBe('2bb183af5f22588179a53b0a98631fad1a292118')
  })

  it('has no digest for an unknown digest type', () => {
    expect(dsDigest('dskey.example.com', RFC4034_KEY, 99)).toBeNull()
  })

  it('writes owner names in canonical wire form', () => {
    expect(canonicalNameWire('Example.COM.').toString('hex')).toBe('076578616d706c6503636f6d00')
    expect(canonicalNameWire('.').toString('hex')).toBe('00')
  })
})
