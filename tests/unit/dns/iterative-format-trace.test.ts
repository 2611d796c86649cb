import { describe, expect, it } from 'vitest'
import type { DnsRecord, DnsResponse, ServerAddress } from '../../../src/shared/dns-types'
import { formatRecord, formatTrace } from '../../../src/main/dns/format-trace'
import type { ResolveResult, TraceStep } from '../../../src/main/dns/iterative'

const v4 = (host: string): ServerAddress => ({ host, port: 53, family: 4 })

function ns(owner: string, target: string, ttl = 172800): DnsRecord {
  return { name: owner, type: 'NS', class: 'IN', ttl, data: { kind: 'name', target }, text: `${target}.` }
}
function a(owner: string, address: string): DnsRecord {
  return { name: owner, type: 'A', class: 'IN', ttl: 172800, data: { kind: 'address', address }, text: address }
}
const TXT: DnsRecord = {
  name: '_dnsauth.example.test',
  type: 'TXT',
  class: 'IN',
  ttl: 300,
  data: { kind: 'txt', strings: ['token-123'], value: 'token-123' },
  text: '"token-123"'
}
const SOA: DnsRecord = {
  name: 'test',
  type: 'SOA',
  class: 'IN',
  ttl: 60,
  data: { kind: 'soa', mname: 'a.nic.test', rname: 'hostmaster.test', serial: 7, refresh: 3600, retry: 600, expire: 86400, minimum: 60 },
  text: 'a.nic.test. hostmaster.test. 7 3600 600 86400 60'
}

function step(partial: Partial<TraceStep> & Pick<TraceStep, 'zone' | 'server' | 'kind'>): TraceStep {
  return {
    question: { name: '_dnsauth.example.test', type: 'TXT' },
    rcode: 'NOERROR',
    authoritative: false,
    referral: null,
    answers: [],
    authorities: [],
    responseBytes: 100,
    elapsedMs: 1,
    transport: 'udp',
    fromCache: false,
    problem: null,
    failureCode: null,
    ...partial
  }
}

const rootStep = step({
  zone: '.',
  server: { name: 'a.root-servers.test', address: v4('127.62.0.1') },
  kind: 'referral',
  responseBytes: 121,
  elapsedMs: 0.42,
  referral: {
    zone: 'test',
    from: '.',
    records: [ns('test', 'a.nic.test'), ns('test', 'b.nic.test')],
    nameservers: ['a.nic.test', 'b.nic.test'],
    glue: [a('a.nic.test', '127.62.1.1'), a('b.nic.test', '127.62.1.2')],
    ignoredGlue: []
  }
})

const tldStep = step({
  zone: 'test',
  server: { name: 'a.nic.test', address: v4('127.62.1.1') },
  kind: 'referral',
  responseBytes: 98,
  elapsedMs: 1.6,
  referral: {
    zone: 'example.test',
    from: 'test',
    records: [ns('example.test', 'ns1.example.test'), ns('example.test', 'ns.provider.net')],
    nameservers: ['ns1.example.test', 'ns.provider.net'],
    glue: [a('ns1.example.test', '127.62.2.1')],
    ignoredGlue: [a('ns.provider.net', '192.0.2.66')]
  }
})

const SUCCESS: ResolveResult = {
  status: 'answer',
  question: { name: '_dnsauth.example.test', type: 'TXT' },
  canonicalName: '_dnsauth.example.test',
  answers: [TXT],
  soa: null,
  zone: 'example.test',
  server: { name: 'ns1.example.test', address: v4('127.62.2.1') },
  response: {} as DnsResponse,
  steps: [
    rootStep,
    tldStep,
    step({
      zone: 'example.test',
      server: { name: 'ns.provider.net', address: { host: '2001:db8::53', port: 53, family: 6 } },
      kind: 'failed',
      rcode: null,
      transport: null,
      responseBytes: 0,
      elapsedMs: 2000,
      problem: 'No answer from 2001:db8::53 port 53 (UDP) within 2000 ms.',
      failureCode: 'timeout'
    }),
    step({
      zone: 'example.test',
      server: { name: 'ns2.example.test', address: v4('127.62.2.2') },
      kind: 'lame',
      rcode: 'REFUSED',
      responseBytes: 43,
      problem: 'answered REFUSED'
    }),
    step({
      zone: 'example.test',
      server: { name: 'ns1.example.test', address: v4('127.62.2.1') },
      kind: 'answer',
      authoritative: true,
      answers: [TXT],
      responseBytes: 86
    })
  ],
  nameserverLookups: [],
  elapsedMs: 2010
}

describe('formatTrace', () => {
  it('prints each step like dig +trace, with the servers that failed or were lame', () => {
    expect(formatTrace(SUCCESS)).toBe(
      [
        '; <<>> dnsverify +trace <<>> _dnsauth.example.test. TXT',
        '',
        'test.\t\t\t172800\tIN\tNS\ta.nic.test.',
        'test.\t\t\t172800\tIN\tNS\tb.nic.test.',
        ';; Received 121 bytes from 127.62.0.1#53(a.root-servers.test) in 0 ms',
        '',
        'example.test.\t\t172800\tIN\tNS\tns1.example.test.',
        'example.test.\t\t172800\tIN\tNS\tns.provider.net.',
        ';; ignored out-of-bailiwick glue: ns.provider.net.\t172800\tIN\tA\t192.0.2.66',
        ';; Received 98 bytes from 127.62.1.1#53(a.nic.test) in 2 ms',
        '',
        ';; communications error to 2001:db8::53#53(ns.provider.net): No answer from 2001:db8::53 port 53 (UDP) within 2000 ms.',
        '',
        ';; Received 43 bytes from 127.62.2.2#53(ns2.example.test) in 1 ms',
        ';; ns2.example.test answered REFUSED; trying the next server',
        '',
        '_dnsauth.example.test.\t300\tIN\tTXT\t"token-123"',
        ';; Received 86 bytes from 127.62.2.1#53(ns1.example.test) in 1 ms',
        ''
      ].join('\n')
    )
  })

  it('ends a negative answer with its SOA and a line saying what it means', () => {
    const nx: ResolveResult = {
      ...SUCCESS,
      status: 'nxdomain',
      question: { name: 'nope.test', type: 'TXT' },
      canonicalName: 'nope.test',
      answers: [],
      soa: SOA,
      zone: 'test',
      steps: [rootStep, step({ zone: 'test', server: tldStep.server, kind: 'nxdomain', rcode: 'NXDOMAIN', authoritative: true, authorities: [SOA], responseBytes: 90 })]
    }
    expect(formatTrace(nx).split('\n').slice(-5)).toEqual([
      'test.\t\t\t60\tIN\tSOA\ta.nic.test. hostmaster.test. 7 3600 600 86400 60',
      ';; Received 90 bytes from 127.62.1.1#53(a.nic.test) in 1 ms',
      '',
      ';; nope.test. does not exist (NXDOMAIN in the zone test.).',
      ''
    ])
    expect(formatTrace({ ...nx, status: 'nodata' }).trimEnd().split('\n').at(-1)).toBe(
      ';; nope.test. exists but has no TXT records (NODATA in the zone test.).'
    )
  })

  it('ends a failed resolution with one plain line', () => {
    const failed: ResolveResult = {
      status: 'failed',
      question: { name: 'example.test', type: 'A' },
      steps: [rootStep],
      nameserverLookups: [],
      elapsedMs: 5,
      failure: {
        code: 'unreachable',
        zone: 'test',
        message: 'None of the 2 name servers of the zone test could be used: a.nic.test (127.62.1.1) answered REFUSED.',
        problems: []
      }
    }
    expect(formatTrace(failed).trimEnd().split('\n').at(-1)).toBe(
      ';; Resolution failed: None of the 2 name servers of the zone test could be used: a.nic.test (127.62.1.1) answered REFUSED.'
    )
  })

  it('pads owner names with tabs to column 24 as dig does', () => {
    expect(formatRecord(ns('.', 'a.root-servers.net'))).toBe('.\t\t\t172800\tIN\tNS\ta.root-servers.net.')
    expect(formatRecord(ns('abcdefg', 'x'))).toBe('abcdefg.\t\t172800\tIN\tNS\tx.')
    expect(formatRecord(ns('a-rather-long-name.example.test', 'x'))).toBe('a-rather-long-name.example.test.\t172800\tIN\tNS\tx.')
  })
})
