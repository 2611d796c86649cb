import { isIP } from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidServerError } from '../../../src/shared/server-address'
import { canonicalIp, formatServer, ipFamily, parseServerAddress, serverToString } from '../../../src/shared/server-address'

function refusal(input: string): string {
  try {
    parseServerAddress(input)
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidServerError)
    return (e as Error).message
  }
  throw new Error(`parseServerAddress(${JSON.stringify(input)}) was accepted`)
}

describe('parseServerAddress', () => {
  it.each([
    ['1.2.3.4', { host: '1.2.3.4', port: 53, family: 4 }],
    [' 1.2.3.4 ', { host: '1.2.3.4', port: 53, family: 4 }],
    ['1.2.3.4:5353', { host: '1.2.3.4', port: 5353, family: 4 }],
    ['127.0.0.1:65535', { host: '127.0.0.1', port: 65535, family: 4 }],
    ['[::1]:53', { host: '::1', port: 53, family: 6 }],
    ['[::1]:5353', { host: '::1', port: 5353, family: 6 }],
    ['::1', { host: '::1', port: 53, family: 6 }],
    ['[2001:db8::1]', { host: '2001:db8::1', port: 53, family: 6 }],
    ['2001:db8::1', { host: '2001:db8::1', port: 53, family: 6 }],
    // IPv6 is canonicalised: lower case, leading zeros dropped, longest zero run compressed.
    ['2001:DB8:0:0:0:0:0:1', { host: '2001:db8::1', port: 53, family: 6 }],
    ['[2001:0db8:0000:0000:0000:0000:0000:0001]:853', { host: '2001:db8::1', port: 853, family: 6 }],
    ['FE80:0:0:0:0:0:0:A', { host: 'fe80::a', port: 53, family: 6 }]
  ])('%s', (input, expected) => {
    expect(parseServerAddress(input)).toEqual(expected)
  })

  it('keeps the zone of a link-local address and canonicalises the rest', () => {
    // These used to throw a TypeError from the URL parser instead of parsing.
    expect(parseServerAddress('FE80:0:0:0:0:0:0:1%eth0')).toEqual({ host: 'fe80::1%eth0', port: 53, family: 6 })
    expect(parseServerAddress('[fe80::1%2]:5353')).toEqual({ host: 'fe80::1%2', port: 5353, family: 6 })
  })

  it('writes an IPv4-mapped address the way the URL parser does', () => {
    expect(parseServerAddress('[::ffff:127.0.0.1]:53').host).toBe('::ffff:7f00:1')
  })

  it('uses the default port it is given', () => {
    expect(parseServerAddress('1.2.3.4', 5353).port).toBe(5353)
    expect(parseServerAddress('1.2.3.4:53', 5353).port).toBe(53)
  })

  it.each([
    ['1.2.3.4:0', 'port 0 is outside 1–65535'],
    ['1.2.3.4:70000', 'port 70000 is outside 1–65535'],
    ['1.2.3.4:65536', 'port 65536 is outside'],
    ['[::1]:0', 'port 0 is outside'],
    ['1.2.3.4:abc', 'port "abc" is not a number'],
    ['1.2.3.4:', 'port "" is not a number'],
    ['1.2.3.4:-1', 'port "-1" is not a number'],
    ['[::1]:abc', 'port "abc" is not a number'],
    ['1.2.3.4:123456', 'port "123456" is not a number']
  ])('refuses the bad port in %s', (input, expected) => {
    const message = refusal(input)
    expect(message).toContain(expected)
    expect(message).toContain(input)
  })

  it.each(['dns.google', 'localhost', 'dns.google:53', 'one.one.one.one', '[dns.google]:53', '1.2.3', '1.2.3.256', '[::1', '::1]'])(
    'refuses %s as not an IP address',
    (input) => {
      expect(refusal(input)).toContain('is not an IP address')
    }
  )

  it('refuses brackets around an IPv4 address', () => {
    expect(refusal('[1.2.3.4]')).toContain('brackets are only for IPv6')
    expect(refusal('[1.2.3.4]:53')).toContain('brackets are only for IPv6')
  })

  it.each(['', '   '])('refuses the empty input %j', (input) => {
    expect(refusal(input)).toContain('empty')
  })
})

describe('server printing', () => {
  it('prints servers the way nslookup does and the way parseServerAddress reads back', () => {
    const v6 = parseServerAddress('[2001:db8::1]:5353')
    expect(formatServer(v6)).toBe('2001:db8::1#5353')
    expect(serverToString(v6)).toBe('[2001:db8::1]:5353')
    expect(parseServerAddress(serverToString(v6))).toEqual(v6)
    const v4 = parseServerAddress('1.2.3.4')
    expect(serverToString(v4)).toBe('1.2.3.4')
    expect(parseServerAddress(serverToString(v4))).toEqual(v4)
    const v6default = parseServerAddress('::1')
    expect(parseServerAddress(serverToString(v6default))).toEqual(v6default)
  })

  it('canonicalises IPv6 and leaves IPv4 alone', () => {
    expect(canonicalIp('0:0:0:0:0:0:0:1', 6)).toBe('::1')
    expect(canonicalIp('1.2.3.4', 4)).toBe('1.2.3.4')
  })
})

describe('ipFamily (no node:net, so the renderer reads addresses as main does)', () => {
  it('agrees with net.isIP on addresses, near-addresses and noise', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEF'.split(''))
    const group = fc.array(hex, { minLength: 0, maxLength: 5 }).map((c) => c.join(''))
    const v6 = fc.array(group, { minLength: 1, maxLength: 9 }).map((g) => g.join(':'))
    const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('01', '00', '', 'x'))
    const v4 = fc.array(octet, { minLength: 3, maxLength: 5 }).map((o) => o.join('.'))
    const mixed = fc.tuple(v6, v4).map(([a, b]) => `${a}:${b}`)
    const zoned = fc.tuple(v6, fc.constantFrom('%eth0', '%2', '%', '')).map(([a, z]) => a + z)
    fc.assert(
      fc.property(fc.oneof(v6, v4, mixed, zoned, fc.string({ maxLength: 20 })), (text) => {
        expect(ipFamily(text)).toBe(isIP(text))
      }),
      { numRuns: 3000 }
    )
  })
})
