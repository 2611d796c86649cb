/**
 * Golden packets for the codec. Every message is written out byte by byte, with comments, so the
 * test does not depend on another encoder being right; offsets in comments are decimal.
 */
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeQuery, isResponse, peekId, typeCode, typeName } from '../../../src/main/dns/codec'
import { DnsDecodeError } from '../../../src/main/dns/errors'
import type { DnsResponse } from '../../../src/shared/dns-types'
import { ascii, characterString, hex } from '../../support/hex'

/** Decodes bytes that must be rejected; returns the error for message and offset checks. */
function rejection(buf: Buffer): DnsDecodeError {
  let result: DnsResponse
  try {
    result = decodeMessage(buf)
  } catch (e) {
    expect(e).toBeInstanceOf(DnsDecodeError)
    const error = e as DnsDecodeError
    expect(error.offset).toBeGreaterThanOrEqual(0)
    expect(error.offset).toBeLessThanOrEqual(buf.length)
    return error
  }
  throw new Error(`decoded without error: ${JSON.stringify(result)}`)
}

// The question `example.com IN <type>` at offset 12 (13 bytes of name), ending at offset 29.
const EXAMPLE_COM = '07 6578616d706c65 03 636f6d 00'

describe('decodeMessage: golden responses', () => {
  it('reads a CNAME chain whose names are pointers into the question and into earlier RDATA', () => {
    const buf = hex`
      abcd                        # ID
      8180                        # QR, opcode QUERY, RD, RA, NOERROR
      0001 0002 0000 0000         # QD AN NS AR counts
      # question, offset 12
      03 777777                   # "www"          (12)
      07 6578616d706c65           # "example"      (16 = 0x10)
      03 636f6d 00                # "com", root
      0001 0001                   # A, IN
      # answer 1, offset 33
      c00c                        # → 12: www.example.com
      0005 0001 00000e10          # CNAME, IN, TTL 3600
      0006                        # RDLENGTH 6
      03 776562 c010              # "web" (45 = 0x2d) → 16: web.example.com
      # answer 2, offset 51
      c02d                        # → 45, inside the CNAME's RDATA: web.example.com
      0001 0001 0000012c          # A, IN, TTL 300
      0004 c0000201               # 192.0.2.1
    `
    expect(decodeMessage(buf)).toEqual({
      id: 0xabcd,
      rcode: 'NOERROR',
      rcodeValue: 0,
      opcode: 'QUERY',
      flags: { aa: false, tc: false, rd: true, ra: true, ad: false, cd: false },
      question: [{ name: 'www.example.com', type: 'A', class: 'IN' }],
      answers: [
        {
          name: 'www.example.com',
          type: 'CNAME',
          class: 'IN',
          ttl: 3600,
          data: { kind: 'name', target: 'web.example.com' },
          text: 'web.example.com.'
        },
        {
          name: 'web.example.com',
          type: 'A',
          class: 'IN',
          ttl: 300,
          data: { kind: 'address', address: '192.0.2.1' },
          text: '192.0.2.1'
        }
      ],
      authorities: [],
      additionals: [],
      edns: null,
      extendedErrors: []
    })
  })

  it('keeps the strings of a multi-string TXT record apart and also joins them', () => {
    const buf = hex`
      abcd 8580                   # QR AA RD RA, NOERROR
      0001 0001 0000 0000
      08 5f646e7361757468         # "_dnsauth"     (12)
      07 6578616d706c65 03 636f6d 00
      0010 0001                   # TXT, IN
      c00c                        # → 12: _dnsauth.example.com
      0010 0001 00000e10          # TXT, IN, TTL 3600
      000c                        # RDLENGTH 12
      05 68656c6c6f               # "hello"
      05 776f726c64               # "world"
    `
    const response = decodeMessage(buf)
    expect(response.flags.aa).toBe(true)
    expect(response.answers).toEqual([
      {
        name: '_dnsauth.example.com',
        type: 'TXT',
        class: 'IN',
        ttl: 3600,
        data: { kind: 'txt', strings: ['hello', 'world'], value: 'helloworld' },
        text: '"hello" "world"'
      }
    ])
  })

  it('joins a value split at the 255-byte limit of a character-string', () => {
    const long = 'k'.repeat(255)
    const rest = 'tail-45-chars-'.padEnd(45, 'x')
    const buf = hex`
      abcd 8180 0001 0001 0000 0000
      ${EXAMPLE_COM} 0010 0001
      c00c 0010 0001 00000e10
      012e                        # RDLENGTH 302 = 256 + 46
      ${characterString(long)}
      ${characterString(rest)}
    `
    const data = decodeMessage(buf).answers[0]!.data
    expect(data).toEqual({ kind: 'txt', strings: [long, rest], value: long + rest })
  })

  it('escapes quotes, backslashes and non-ASCII bytes of TXT like dig, and keeps an empty string', () => {
    const buf = hex`
      abcd 8180 0001 0001 0000 0000
      ${EXAMPLE_COM} 0010 0001
      c00c 0010 0001 0000012c     # TXT, IN, TTL 300
      0010                        # RDLENGTH 16
      0e                          # 14 bytes:
      73617920                    #   s a y ␠
      2268692220                  #   " h i " ␠
      5c20                        #   \ ␠
      e4bda0                      #   你 (U+4F60) in UTF-8
      00                          # an empty string
    `
    const record = decodeMessage(buf).answers[0]!
    expect(record.data).toEqual({ kind: 'txt', strings: ['say "hi" \\ 你', ''], value: 'say "hi" \\ 你' })
    expect(record.text).toBe('"say \\"hi\\" \\\\ \\228\\189\\160" ""')
  })

  it('reads CAA issue, issuewild (critical) and iodef', () => {
    const buf = hex`
      abcd 8180 0001 0003 0000 0000
      ${EXAMPLE_COM} 0101 0001    # CAA, IN
      c00c 0101 0001 00000e10
      0016                        # RDLENGTH 22
      00                          # flags 0
      05 6973737565               # tag "issue"
      ${ascii('letsencrypt.org')}
      c00c 0101 0001 00000e10
      000c                        # RDLENGTH 12
      80                          # flags 128: issuer critical
      09 697373756577696c64       # tag "issuewild"
      3b                          # ";"
      c00c 0101 0001 00000e10
      0022                        # RDLENGTH 34
      00
      05 696f646566               # tag "iodef"
      ${ascii('mailto:security@example.com')}
    `
    const answers = decodeMessage(buf).answers
    expect(answers.map((a) => a.data)).toEqual([
      { kind: 'caa', flags: 0, critical: false, tag: 'issue', value: 'letsencrypt.org' },
      { kind: 'caa', flags: 128, critical: true, tag: 'issuewild', value: ';' },
      { kind: 'caa', flags: 0, critical: false, tag: 'iodef', value: 'mailto:security@example.com' }
    ])
    expect(answers.map((a) => a.text)).toEqual([
      '0 issue "letsencrypt.org"',
      '128 issuewild ";"',
      '0 iodef "mailto:security@example.com"'
    ])
  })

  it('reads an NXDOMAIN with an SOA whose serial is above 2^31, names compressed into the question', () => {
    const buf = hex`
      abcd                        # ID
      8583                        # QR AA RD RA, RCODE 3 NXDOMAIN
      0001 0000 0001 0000
      04 6e6f7065                 # "nope"         (12)
      07 6578616d706c65           # "example"      (17 = 0x11)
      03 636f6d 00
      0001 0001
      # authority
      c011                        # → 17: example.com
      0006 0001 00000384          # SOA, IN, TTL 900
      0027                        # RDLENGTH 39
      03 6e7331 c011              # MNAME ns1.example.com
      0a 686f73746d6173746572 c011 # RNAME hostmaster.example.com
      80000005                    # SERIAL 2147483653
      00001c20                    # REFRESH 7200
      00000e10                    # RETRY 3600
      00127500                    # EXPIRE 1209600
      0000012c                    # MINIMUM 300
    `
    const response = decodeMessage(buf)
    expect(response.rcode).toBe('NXDOMAIN')
    expect(response.rcodeValue).toBe(3)
    expect(response.answers).toEqual([])
    expect(response.authorities).toEqual([
      {
        name: 'example.com',
        type: 'SOA',
        class: 'IN',
        ttl: 900,
        data: {
          kind: 'soa',
          mname: 'ns1.example.com',
          rname: 'hostmaster.example.com',
          serial: 2147483653,
          refresh: 7200,
          retry: 3600,
          expire: 1209600,
          minimum: 300
        },
        text: 'ns1.example.com. hostmaster.example.com. 2147483653 7200 3600 1209600 300'
      }
    ])
  })

  it('reads NS records and a TTL with the top bit set', () => {
    const buf = hex`
      abcd 8180 0001 0002 0000 0000
      ${EXAMPLE_COM} 0002 0001    # NS, IN
      c00c 0002 0001 0002a300     # NS, IN, TTL 172800
      0006 03 6e7331 c00c         # ns1.example.com
      c00c 0002 0001 80000000     # TTL 2^31 (RFC 2181 says treat as 0; the codec reports the wire value)
      0006 03 6e7332 c00c         # ns2.example.com
    `
    const answers = decodeMessage(buf).answers
    expect(answers.map((a) => [a.ttl, a.text])).toEqual([
      [172800, 'ns1.example.com.'],
      [2147483648, 'ns2.example.com.']
    ])
  })

  it('reads MX', () => {
    const buf = hex`
      abcd 8180 0001 0001 0000 0000
      ${EXAMPLE_COM} 000f 0001    # MX, IN
      c00c 000f 0001 00000e10
      0009                        # RDLENGTH 9
      000a                        # preference 10
      04 6d61696c c00c            # mail.example.com
    `
    const record = decodeMessage(buf).answers[0]!
    expect(record.data).toEqual({ kind: 'mx', preference: 10, exchange: 'mail.example.com' })
    expect(record.text).toBe('10 mail.example.com.')
  })

  it('reads DS with the digest in upper-case hex', () => {
    const buf = hex`
      abcd 8180 0001 0001 0000 0000
      ${EXAMPLE_COM} 002b 0001    # DS, IN
      c00c 002b 0001 00015180     # TTL 86400
      0024                        # RDLENGTH 36
      3039                        # key tag 12345
      0d                          # algorithm 13
      02                          # digest type 2 (SHA-256)
      0123456789abcdef 0123456789abcdef fedcba9876543210 fedcba9876543210
    `
    const record = decodeMessage(buf).answers[0]!
    expect(record.data).toEqual({
      kind: 'ds',
      keyTag: 12345,
      algorithm: 13,
      digestType: 2,
      digest: '0123456789abcdef0123456789abcdeffedcba9876543210fedcba9876543210'
    })
    expect(record.text).toBe('12345 13 2 0123456789ABCDEF0123456789ABCDEFFEDCBA9876543210FEDCBA9876543210')
  })

  it('reads DNSKEY, RRSIG and NSEC, naming unknown types TYPEn', () => {
    const buf = hex`
      abcd 81a0                   # QR RD RA AD
      0001 0004 0000 0000
      ${EXAMPLE_COM} 0030 0001    # DNSKEY, IN
      # DNSKEY
      c00c 0030 0001 00000e10
      0008                        # RDLENGTH 8
      0101 03 0d                  # flags 257 (SEP, zone key), protocol 3, algorithm 13
      deadbeef                    # key (base64 3q2+7w==)
      # RRSIG over the DNSKEY set
      c00c 002e 0001 00000e10
      0016                        # RDLENGTH 22
      0030 0d 02                  # type covered DNSKEY, algorithm 13, labels 2
      00000e10                    # original TTL 3600
      67748580                    # expiration 2025-01-01T00:00:00Z
      65920080                    # inception 2024-01-01T00:00:00Z
      3039 c00c                   # key tag 12345, signer → example.com
      cafe                        # signature (base64 yv4=)
      # NSEC
      c00c 002f 0001 00000e10
      000f                        # RDLENGTH 15
      01 61 c00c                  # next name a.example.com
      00 06 40 00 00 00 00 03     # window 0: A (1), RRSIG (46), NSEC (47)
      ff 01 80                    # window 255: TYPE65280
      # RRSIG over a type without a name
      c00c 002e 0001 00000e10
      0013                        # RDLENGTH 19
      ff00 0d 02 00000e10 67748580 65920080 3039 00  # signer: root, no signature bytes
    `
    const response = decodeMessage(buf)
    expect(response.flags.ad).toBe(true)
    const [dnskey, rrsig, nsec, rrsigUnknown] = response.answers
    expect(dnskey!.data).toEqual({ kind: 'dnskey', flags: 257, protocol: 3, algorithm: 13, key: '3q2+7w==' })
    expect(dnskey!.text).toBe('257 3 13 3q2+7w==')
    expect(rrsig!.data).toEqual({
      kind: 'rrsig',
      typeCovered: 'DNSKEY',
      algorithm: 13,
      labels: 2,
      originalTtl: 3600,
      expiration: 1735689600,
      inception: 1704067200,
      keyTag: 12345,
      signerName: 'example.com',
      signature: 'yv4='
    })
    expect(rrsig!.text).toBe('DNSKEY 13 2 3600 20250101000000 20240101000000 12345 example.com. yv4=')
    expect(nsec!.data).toEqual({ kind: 'nsec', nextDomain: 'a.example.com', types: ['A', 'RRSIG', 'NSEC', 'TYPE65280'] })
    expect(nsec!.text).toBe('a.example.com. A RRSIG NSEC TYPE65280')
    expect(rrsigUnknown!.data).toMatchObject({ kind: 'rrsig', typeCovered: 'TYPE65280', signerName: '.' })
  })

  it('keeps record types it does not decode as raw hex in RFC 3597 form', () => {
    const buf = hex`
      abcd 8180 0001 0003 0000 0000
      ${EXAMPLE_COM} ff00 0001    # question TYPE65280, IN
      c00c ff00 0001 0000003c     # TYPE65280, TTL 60
      0004 0a0b0c0d
      c00c ff00 0001 0000003c
      0000                        # empty RDATA
      c00c 0041 0001 0000003c     # TYPE65 (HTTPS), which this codec does not decode
      0003 000100
    `
    const response = decodeMessage(buf)
    expect(response.question).toEqual([{ name: 'example.com', type: 'TYPE65280', class: 'IN' }])
    expect(response.answers.map((a) => [a.type, a.data, a.text])).toEqual([
      ['TYPE65280', { kind: 'raw', hex: '0a0b0c0d' }, '\\# 4 0A0B0C0D'],
      ['TYPE65280', { kind: 'raw', hex: '' }, '\\# 0'],
      ['TYPE65', { kind: 'raw', hex: '000100' }, '\\# 3 000100']
    ])
  })

  it('combines the OPT extended RCODE with the header RCODE (BADVERS = 16)', () => {
    const buf = hex`
      abcd 8180                   # header RCODE 0
      0001 0000 0000 0001
      ${EXAMPLE_COM} 0001 0001
      00                          # OPT owner: root
      0029                        # OPT
      04d0                        # UDP payload size 1232
      01                          # EXTENDED-RCODE 1 → (1 << 4) | 0 = 16
      00                          # VERSION 0
      0000                        # flags, DO clear
      0000                        # RDLENGTH 0
    `
    const response = decodeMessage(buf)
    expect(response.rcode).toBe('BADVERS')
    expect(response.rcodeValue).toBe(16)
    expect(response.edns).toEqual({ udpPayloadSize: 1232, version: 0, dnssecOk: false, options: [] })
    expect(response.additionals).toEqual([])
  })

  it('reads an Extended DNS Error (6, DNSSEC Bogus) with its text, beside other options', () => {
    const buf = hex`
      abcd 8182                   # SERVFAIL
      0001 0000 0000 0001
      ${EXAMPLE_COM} 0001 0001
      00 0029 04d0                # OPT, payload 1232
      00 00 8000                  # EXTENDED-RCODE 0, VERSION 0, DO set
      001f                        # RDLENGTH 31
      000f 0014                   # option 15 (EDE), length 20
      0006                        # INFO-CODE 6
      ${ascii('validation failure')}
      0003 0003 6e7331            # option 3 (NSID), length 3, "ns1"
    `
    const response = decodeMessage(buf)
    expect(response.rcode).toBe('SERVFAIL')
    expect(response.extendedErrors).toEqual([{ code: 6, name: 'DNSSEC Bogus', text: 'validation failure' }])
    expect(response.edns).toEqual({
      udpPayloadSize: 1232,
      version: 0,
      dnssecOk: true,
      options: [
        { code: 15, hex: '0006' + ascii('validation failure') },
        { code: 3, hex: '6e7331' }
      ]
    })
  })

  it('reads the header flags, opcode and a class other than IN', () => {
    const buf = hex`
      0102
      ffb0                        # QR, opcode 15, AA, TC, RD, RA, AD, CD, RCODE 0
      0001 0000 0000 0000
      07 76657273696f6e 04 62696e64 00  # version.bind
      0010 0003                   # TXT, CH
    `
    const response = decodeMessage(buf)
    expect(response.id).toBe(0x0102)
    expect(response.opcode).toBe('OPCODE_15')
    expect(response.flags).toEqual({ aa: true, tc: true, rd: true, ra: true, ad: true, cd: true })
    expect(response.question).toEqual([{ name: 'version.bind', type: 'TXT', class: 'CH' }])
    expect(peekId(buf)).toBe(0x0102)
    expect(isResponse(buf)).toBe(true)
  })
})

describe('decodeMessage: malformed messages are DnsDecodeErrors that say where', () => {
  it('rejects a header shorter than 12 bytes', () => {
    const error = rejection(hex`abcd 8180 0001 0000 0000 00`)
    expect(error.message).toContain('11 bytes is shorter than a DNS header')
    expect(error.offset).toBe(0)
  })

  it('rejects a question cut inside its name', () => {
    const error = rejection(hex`abcd 8180 0001 0000 0000 0000  07 6578616d`)
    expect(error.message).toContain('Bad name at byte 12')
    expect(error.offset).toBe(12)
  })

  it('rejects a question cut inside its type and class', () => {
    const error = rejection(hex`abcd 8180 0001 0000 0000 0000 ${EXAMPLE_COM} 0001`)
    expect(error.message).toContain('Message ends inside a question at byte 25')
    expect(error.offset).toBe(25)
  })

  it('rejects a question count larger than the questions present', () => {
    const error = rejection(hex`abcd 8180 0002 0000 0000 0000 ${EXAMPLE_COM} 0001 0001`)
    expect(error.message).toContain('byte 29')
  })

  it('rejects a record cut inside its fixed header', () => {
    const error = rejection(hex`
      abcd 8180 0001 0001 0000 0000 ${EXAMPLE_COM} 0001 0001
      c00c 0001 0001              # TTL and RDLENGTH missing
    `)
    expect(error.message).toContain('ends inside a resource record header at byte 31')
    expect(error.offset).toBe(31)
  })

  it('rejects a record cut inside its RDATA (RDLENGTH larger than what is left)', () => {
    const error = rejection(hex`
      abcd 8180 0001 0001 0000 0000 ${EXAMPLE_COM} 0001 0001
      c00c 0001 0001 00000e10 0004 c000   # 2 of 4 address bytes
    `)
    expect(error.message).toContain('ends inside record data at byte 41 (needs 4 more bytes)')
    expect(error.offset).toBe(41)
  })

  it('rejects a name that points to itself (a compression loop)', () => {
    const error = rejection(hex`
      abcd 8180 0001 0000 0000 0000
      03 777777 c00c              # "www", then → 12: www.www.www...
      0001 0001
    `)
    expect(error.message).toContain('Bad name at byte 12')
    expect(error.message).toContain('bad pointer')
  })

  it('rejects a pointer to itself at the start of a name', () => {
    const error = rejection(hex`abcd 8180 0001 0000 0000 0000  c00c 0001 0001`)
    expect(error.message).toContain('bad pointer')
  })

  it('rejects a forward pointer, even to a well-formed name', () => {
    const error = rejection(hex`
      abcd 8180 0001 0000 0000 0000
      c012                        # → 18, after this name
      0001 0001
      ${EXAMPLE_COM}              # offset 18: a valid name nobody should point forward to
    `)
    expect(error.message).toContain('Bad name at byte 12')
    expect(error.message).toContain('bad pointer')
  })

  it('rejects a reserved label type (0x40)', () => {
    const error = rejection(hex`abcd 8180 0001 0000 0000 0000  41 00 0001 0001`)
    expect(error.message).toContain('bad label')
  })

  it('rejects an A record with RDLENGTH 5', () => {
    const error = rejection(hex`
      abcd 8180 0001 0001 0000 0000 ${EXAMPLE_COM} 0001 0001
      c00c 0001 0001 00000e10 0005 c0000201 00
    `)
    expect(error.message).toContain('A record data at byte 39 is 5 bytes, not 4')
  })

  it('rejects an AAAA record with RDLENGTH 4', () => {
    const error = rejection(hex`
      abcd 8180 0001 0001 0000 0000 ${EXAMPLE_COM} 001c 0001
      c00c 001c 0001 00000e10 0004 c0000201
    `)
    expect(error.message).toContain('AAAA record data at byte 39 is 4 bytes, not 16')
  })

  it.each([
    ['CNAME', '0005', '0008 03 777777 c00c 0a0b', 'is 8 bytes but its contents take 6'],
    ['MX', '000f', '000b 000a 04 6d61696c c00c 0a0b', 'is 11 bytes but its contents take 9'],
    ['SOA', '0006', '0019 00 00 00000001 00000002 00000003 00000004 00000005 0a0b0c', 'is 25 bytes but its contents take 22'],
    ['NS', '0002', '0008 03 6e7331 c00c 0a0b', 'is 8 bytes but its contents take 6'],
    ['SRV', '0021', '000e 0001 0002 0035 03 6e7331 c00c 0a0b', 'is 14 bytes but its contents take 12']
  ])('rejects %s whose RDLENGTH is larger than its contents', (type, code, rdata, expected) => {
    const buf = Buffer.concat([
      hex`abcd 8180 0001 0001 0000 0000 ${EXAMPLE_COM} 0001 0001`,
      hex`c00c ${code} 0001 00000e10 ${rdata.replace(/ /g, '')}`
    ])
    const error = rejection(buf)
    expect(error.message).toContain(`${type} record data at byte 39`)
    expect(error.message).toContain(expected)
  })

  it.each([
    ['CNAME', '0005', '0004 03 777777 c00c'],
    ['MX', '000f', '0007 000a 04 6d61696c c00c'],
    ['TXT', '0010', '0004 05 68656c6c6f'],
    ['SOA', '0006', '0015 00 00 00000001 00000002 00000003 00000004 00000005'],
    ['NS', '0002', '0004 03 6e7331 c00c'],
    ['DS', '002b', '0003 3039 0d 02 ab']
  ])('rejects %s whose RDLENGTH is smaller than its contents', (type, code, rdata) => {
    const buf = Buffer.concat([
      hex`abcd 8180 0001 0001 0000 0000 ${EXAMPLE_COM} 0001 0001`,
      hex`c00c ${code} 0001 00000e10 ${rdata.replace(/ /g, '')}`
    ])
    const error = rejection(buf)
    expect(error.message).toMatch(new RegExp(`^(Malformed ${type} record data at byte 39|${type} record data at byte 39 is)`))
  })

  it.each([
    ['no tag length', '0001 00'],
    ['a tag of length 0', '0003 00 00 61'],
    ['a tag longer than the RDATA', '0003 00 0a 61']
  ])('rejects CAA with %s', (_what, rdata) => {
    const buf = hex`
      abcd 8180 0001 0001 0000 0000 ${EXAMPLE_COM} 0101 0001
      c00c 0101 0001 00000e10 ${rdata}
    `
    expect(rejection(buf).message).toContain('CAA record data at byte 39')
  })

  it('rejects an OPT record in the answer section', () => {
    const error = rejection(hex`
      abcd 8180 0001 0001 0000 0000 ${EXAMPLE_COM} 0001 0001
      00 0029 04d0 00000000 0000  # OPT at offset 29, in the answer section
    `)
    expect(error.message).toBe('OPT record outside the additional section.')
    expect(error.offset).toBe(29)
  })

  it('rejects two OPT records', () => {
    const error = rejection(hex`
      abcd 8180 0001 0000 0000 0002 ${EXAMPLE_COM} 0001 0001
      00 0029 04d0 00000000 0000  # first OPT (29)
      00 0029 04d0 00000000 0000  # second OPT (40)
    `)
    expect(error.message).toBe('More than one OPT record.')
    expect(error.offset).toBe(40)
  })

  it('rejects an OPT record whose owner is not the root', () => {
    const error = rejection(hex`
      abcd 8180 0001 0000 0000 0001 ${EXAMPLE_COM} 0001 0001
      c00c 0029 04d0 00000000 0000
    `)
    expect(error.message).toContain('non-root owner')
  })

  it.each([
    ['an option header cut short', '0002 000f', 'Truncated EDNS option header'],
    ['an option longer than the OPT record', '0006 000f 0004 0006', 'EDNS option longer than the OPT record'],
    ['an EDE option without its INFO-CODE', '0005 000f 0001 06', 'shorter than its INFO-CODE']
  ])('rejects OPT with %s', (_what, rdata, expected) => {
    const buf = hex`
      abcd 8180 0001 0000 0000 0001 ${EXAMPLE_COM} 0001 0001
      00 0029 04d0 00000000 ${rdata}
    `
    expect(rejection(buf).message).toContain(expected)
  })

  it('rejects something that is not a buffer', () => {
    expect(() => decodeMessage('abcd' as unknown as Buffer)).toThrow(DnsDecodeError)
  })
})

describe('encodeQuery', () => {
  const question = { name: 'example.com', type: 'A', class: 'IN' }

  it('writes a plain RFC 1035 query when EDNS is off', () => {
    const bytes = encodeQuery(question, { id: 0x1234, recursionDesired: true, checkingDisabled: false, edns: null })
    expect(bytes).toEqual(hex`
      1234                        # ID
      0100                        # RD only
      0001 0000 0000 0000         # one question, no OPT
      ${EXAMPLE_COM} 0001 0001
    `)
  })

  it('sets CD without RD', () => {
    const bytes = encodeQuery(question, { id: 1, recursionDesired: false, checkingDisabled: true, edns: null })
    expect(bytes.readUInt16BE(2)).toBe(0x0010)
  })

  it('adds one OPT with the payload size and the DO bit', () => {
    const bytes = encodeQuery(question, {
      id: 0xbeef,
      recursionDesired: true,
      checkingDisabled: true,
      edns: { udpPayloadSize: 1232, dnssecOk: true }
    })
    expect(bytes).toEqual(hex`
      beef 0110                   # RD, CD
      0001 0000 0000 0001         # ARCOUNT 1
      ${EXAMPLE_COM} 0001 0001
      00 0029                     # OPT, owner root
      04d0                        # UDP payload size 1232
      00 00                       # EXTENDED-RCODE, VERSION
      8000                        # DO
      0000                        # no options
    `)
  })

  it('leaves DO clear when DNSSEC records are not asked for', () => {
    const bytes = encodeQuery(question, {
      id: 1,
      recursionDesired: false,
      checkingDisabled: false,
      edns: { udpPayloadSize: 1232, dnssecOk: false }
    })
    expect(bytes.readUInt16BE(2)).toBe(0)
    expect(bytes.subarray(-11)).toEqual(hex`00 0029 04d0 00 00 0000 0000`)
  })

  it.each([
    ['TXT', 0x0010],
    ['CAA', 0x0101],
    ['DS', 0x002b],
    ['TYPE65280', 0xff00],
    ['type65', 65]
  ])('encodes the type %s as %i', (type, code) => {
    const bytes = encodeQuery({ ...question, type }, { id: 1, recursionDesired: true, checkingDisabled: false, edns: null })
    expect(bytes.readUInt16BE(12 + 13)).toBe(code)
  })

  it('refuses a type it has no code for', () => {
    expect(() =>
      encodeQuery({ ...question, type: 'BOGUS' }, { id: 1, recursionDesired: true, checkingDisabled: false, edns: null })
    ).toThrow(/Unknown record type "BOGUS"/)
  })

  it('round-trips through decodeMessage', () => {
    const q = { name: '_dnsauth.xn--bcher-kva.example', type: 'TXT', class: 'IN' }
    const bytes = encodeQuery(q, { id: 7, recursionDesired: true, checkingDisabled: false, edns: { udpPayloadSize: 1232, dnssecOk: true } })
    const decoded = decodeMessage(bytes)
    expect(decoded.question).toEqual([q])
    expect(decoded.edns).toEqual({ udpPayloadSize: 1232, version: 0, dnssecOk: true, options: [] })
    expect(isResponse(bytes)).toBe(false)
  })
})

describe('type names', () => {
  it('maps names and codes both ways, with RFC 3597 names for unknown codes', () => {
    expect(typeCode('txt')).toBe(16)
    expect(typeCode('TYPE65536')).toBeUndefined()
    expect(typeCode('NOPE')).toBeUndefined()
    expect(typeName(16)).toBe('TXT')
    expect(typeName(65280)).toBe('TYPE65280')
  })
})
