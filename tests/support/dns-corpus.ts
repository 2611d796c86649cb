/**
 * Valid DNS responses used as seeds for mutation fuzzing: the record types this app reads (TXT,
 * CAA, SOA, CNAME...), DNSSEC types, OPT with an Extended DNS Error, and hand-compressed messages
 * (dns-packet's encoder does not compress names, so those are written out as hex).
 */
import dnsPacket from 'dns-packet'
import { ascii, hex } from './hex'

const RESPONSE = 0x8000 | 0x0100 | 0x0080 // QR RD RA

function response(
  name: string,
  type: string,
  sections: { answers?: unknown[]; authorities?: unknown[]; additionals?: unknown[] },
  rcode = 0,
  extraFlags = 0
): Buffer {
  return dnsPacket.encode({
    type: 'response',
    id: 0x4242,
    flags: RESPONSE | extraFlags | rcode,
    questions: [{ name, type, class: 'IN' }],
    answers: sections.answers ?? [],
    authorities: sections.authorities ?? [],
    additionals: sections.additionals ?? []
  })
}

function opt(options: { code: number; data: Buffer }[] = [], flags = 0): unknown {
  return { type: 'OPT', name: '.', udpPayloadSize: 1232, flags, options }
}

function ede(code: number, text: string): { code: number; data: Buffer } {
  const data = Buffer.alloc(2 + Buffer.byteLength(text))
  data.writeUInt16BE(code, 0)
  data.write(text, 2)
  return { code: 15, data }
}

const soa = {
  name: 'example.com',
  type: 'SOA',
  ttl: 900,
  data: {
    mname: 'ns1.example.com',
    rname: 'hostmaster.example.com',
    serial: 4000000000,
    refresh: 7200,
    retry: 3600,
    expire: 1209600,
    minimum: 300
  }
}

/** Builds the corpus; every entry decodes without error (the fuzz suite checks that first). */
export function validResponses(): { label: string; bytes: Buffer }[] {
  const txt = (name: string, data: (string | Buffer)[]) => ({ name, type: 'TXT', ttl: 300, data })
  return [
    {
      label: 'TXT, several records and strings',
      bytes: response('_dnsauth.example.com', 'TXT', {
        answers: [
          txt('_dnsauth.example.com', ['abc123token']),
          txt('_dnsauth.example.com', ['v=spf1 ', 'include:_spf.example.net ~all']),
          txt('_dnsauth.example.com', ['say "hi" \\ 你', '']),
          txt('_dnsauth.example.com', [Buffer.alloc(255, 0x6b), Buffer.from([0, 1, 0xff])])
        ],
        additionals: [opt()]
      })
    },
    {
      label: 'CAA issue, issuewild, iodef',
      bytes: response('example.com', 'CAA', {
        answers: [
          { name: 'example.com', type: 'CAA', ttl: 3600, data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } },
          { name: 'example.com', type: 'CAA', ttl: 3600, data: { flags: 128, tag: 'issuewild', value: ';' } },
          { name: 'example.com', type: 'CAA', ttl: 3600, data: { flags: 0, tag: 'iodef', value: 'mailto:a@example.com' } }
        ]
      })
    },
    {
      label: 'NXDOMAIN with SOA and EDE',
      bytes: response('nope.example.com', 'TXT', { authorities: [soa], additionals: [opt([ede(29, 'synthesized from NSEC')])] }, 3, 0x0400)
    },
    {
      label: 'SERVFAIL with EDE DNSSEC Bogus and DO',
      bytes: response('example.com', 'A', { additionals: [opt([ede(6, 'validation failure <example.com. A>'), ede(9, '')], 0x8000)] }, 2)
    },
    {
      label: 'CNAME chain, A, AAAA, MX, SRV, NS, PTR, unknown',
      bytes: response('www.example.com', 'A', {
        answers: [
          { name: 'www.example.com', type: 'CNAME', ttl: 60, data: 'web.example.net' },
          { name: 'web.example.net', type: 'A', ttl: 60, data: '192.0.2.1' },
          { name: 'web.example.net', type: 'AAAA', ttl: 60, data: '2001:db8::1' },
          { name: 'example.com', type: 'MX', ttl: 60, data: { preference: 10, exchange: 'mail.example.com' } },
          { name: '_sip._tcp.example.com', type: 'SRV', ttl: 60, data: { priority: 1, weight: 2, port: 5060, target: 'sip.example.com' } },
          { name: '1.2.0.192.in-addr.arpa', type: 'PTR', ttl: 60, data: 'web.example.net' },
          { name: 'example.com', type: 'UNKNOWN_65280', ttl: 60, data: Buffer.from([10, 11, 12, 13]) }
        ],
        authorities: [
          { name: 'example.com', type: 'NS', ttl: 172800, data: 'ns1.example.com' },
          { name: 'example.com', type: 'NS', ttl: 172800, data: 'ns2.example.com' }
        ]
      })
    },
    {
      label: 'DNSSEC: DNSKEY, RRSIG, DS, NSEC',
      bytes: response(
        'example.com',
        'DNSKEY',
        {
          answers: [
            { name: 'example.com', type: 'DNSKEY', ttl: 3600, data: { flags: 257, algorithm: 13, key: Buffer.alloc(64, 7) } },
            {
              name: 'example.com',
              type: 'RRSIG',
              ttl: 3600,
              data: {
                typeCovered: 'DNSKEY',
                algorithm: 13,
                labels: 2,
                originalTTL: 3600,
                expiration: 1735689600,
                inception: 1704067200,
                keyTag: 12345,
                signersName: 'example.com',
                signature: Buffer.alloc(64, 9)
              }
            },
            { name: 'example.com', type: 'DS', ttl: 3600, data: { keyTag: 12345, algorithm: 13, digestType: 2, digest: Buffer.alloc(32, 3) } },
            { name: 'example.com', type: 'NSEC', ttl: 3600, data: { nextDomain: 'a.example.com', rrtypes: ['A', 'TXT', 'RRSIG', 'NSEC', 'CAA'] } }
          ],
          additionals: [opt([], 0x8000)]
        },
        0,
        0x0020
      )
    },
    {
      // What a Chinese input method types for '.' (U+3002 。, U+FF0E ．, U+FF61 ｡), written into zone data as is: each
      // is three UTF-8 bytes inside a label, never a label separator on the wire (issue 10, item 1).
      label: 'full-width dots inside labels: owner, CNAME target, NS, MX, SOA names, TXT',
      bytes: response('_dnsauth\u3002example.com', 'TXT', {
        answers: [
          { name: '_dnsauth\u3002example.com', type: 'CNAME', ttl: 60, data: 'a.\u3002b.example.net' },
          { name: 'a.\u3002b.example.net', type: 'TXT', ttl: 60, data: ['\u3002\uff0e\uff61'] },
          { name: 'example.com', type: 'MX', ttl: 60, data: { preference: 10, exchange: 'mail\uff0e\uff61example.com' } }
        ],
        authorities: [
          { name: 'example.com', type: 'NS', ttl: 172800, data: 'ns1\uff0eexample.com' },
          { name: 'example.com', type: 'NS', ttl: 172800, data: '\uff61.example.com' },
          { ...soa, data: { ...soa.data, mname: 'ns\u3002\u3002example.com', rname: 'host\uff61master.example.com' } }
        ]
      })
    },
    { label: 'compressed CNAME chain (hand-built)', bytes: compressedCnameChain() },
    { label: 'compressed SOA (hand-built)', bytes: compressedSoa() },
    { label: 'compressed TXT + CAA (hand-built)', bytes: compressedTxtCaa() }
  ]
}

function compressedCnameChain(): Buffer {
  return hex`
    abcd 8180 0001 0002 0000 0000
    03 777777 07 6578616d706c65 03 636f6d 00 0001 0001   # www.example.com A (example at 16)
    c00c 0005 0001 00000e10 0006 03 776562 c010         # CNAME web.example.com (web at 45)
    c02d 0001 0001 0000012c 0004 c0000201               # web.example.com A 192.0.2.1
  `
}

function compressedSoa(): Buffer {
  return hex`
    abcd 8583 0001 0000 0001 0001
    04 6e6f7065 07 6578616d706c65 03 636f6d 00 0001 0001 # nope.example.com (example at 17)
    c011 0006 0001 00000384 0027
    03 6e7331 c011 0a 686f73746d6173746572 c011
    80000005 00001c20 00000e10 00127500 0000012c
    00 0029 04d0 00 00 8000 0018 000f 0014 0006 ${ascii('validation failure')}
  `
}

function compressedTxtCaa(): Buffer {
  return hex`
    abcd 8580 0001 0002 0000 0000
    08 5f646e7361757468 07 6578616d706c65 03 636f6d 00 0010 0001  # _dnsauth.example.com (example at 21)
    c00c 0010 0001 00000e10 000c 05 68656c6c6f 05 776f726c64
    c015 0101 0001 00000e10 000c 80 09 697373756577696c64 3b       # example.com CAA 128 issuewild ";"
  `
}
