import { describe, expect, it } from 'vitest'
import { buildHierarchy, renderZone, type ServerDefinition, type ZoneSpec } from './hierarchy'

const NET = 200 // pure tests: nothing binds, so any net will do

function zoneOn(servers: ServerDefinition[], address: string, apex: string) {
  const zone = servers.find((server) => server.address === address)?.zones.find((candidate) => candidate.apex === apex)
  if (!zone) throw new Error(`${address} does not serve ${apex}`)
  return zone
}

function linesOf(servers: ServerDefinition[], address: string, apex: string): string[] {
  return renderZone(zoneOn(servers, address, apex)).split('\n')
}

const example: ZoneSpec = {
  apex: 'example.test',
  servers: [
    { host: 'ns1.example.test', address: '127.200.2.1' },
    { host: 'ns2.example.test', address: '127.200.2.2' }
  ],
  records: 'www IN A 127.200.200.1'
}
const glueless: ZoneSpec = { apex: 'other.test', servers: [{ host: 'ns-other.example.test', address: '127.200.3.1' }] }

describe('buildHierarchy', () => {
  const servers = buildHierarchy({ net: NET, tld: 'test', zones: [example, glueless] })

  it('runs root, both TLD servers and one instance per child address, each level on its own', () => {
    expect(servers.map((server) => [server.address, server.role, server.zones.map((zone) => zone.apex)])).toEqual([
      ['127.200.0.1', 'root', ['.']],
      ['127.200.1.1', 'tld', ['test']],
      ['127.200.1.2', 'tld', ['test']],
      ['127.200.2.1', 'authoritative', ['example.test']],
      ['127.200.2.2', 'authoritative', ['example.test']],
      ['127.200.3.1', 'authoritative', ['other.test']]
    ])
  })

  it('gives the root its own NS with glue and delegates the TLD with glue', () => {
    const root = linesOf(servers, '127.200.0.1', '.')
    expect(root).toContain('@ IN NS a.root-servers.test.')
    expect(root).toContain('a.root-servers.test. IN A 127.200.0.1')
    expect(root).toContain('test. IN NS a.nic.test.')
    expect(root).toContain('b.nic.test. IN A 127.200.1.2')
    expect(root.some((line) => line.includes('example.test'))).toBe(false)
  })

  it('delegates in-bailiwick name servers with glue and out-of-bailiwick ones without', () => {
    const tld = linesOf(servers, '127.200.1.1', 'test')
    expect(tld).toContain('example.test. IN NS ns1.example.test.')
    expect(tld).toContain('ns1.example.test. IN A 127.200.2.1')
    expect(tld).toContain('other.test. IN NS ns-other.example.test.')
    expect(tld.some((line) => line.startsWith('ns-other.example.test.'))).toBe(false)
  })

  it("puts a glueless name server's address in the zone that owns its name", () => {
    const zone = linesOf(servers, '127.200.2.1', 'example.test')
    expect(zone).toContain('ns-other.example.test. IN A 127.200.3.1')
    expect(zone).toContain('@ IN NS ns1.example.test.')
    expect(zone).toContain('www IN A 127.200.200.1')
  })

  it('serves several zones from one instance when they share an address', () => {
    const shared = buildHierarchy({
      net: NET,
      tld: 'test',
      zones: [example, { apex: 'second.test', servers: [{ host: 'ns1.example.test', address: '127.200.2.1' }] }]
    })
    expect(shared.find((server) => server.address === '127.200.2.1')?.zones.map((zone) => zone.apex)).toEqual([
      'example.test',
      'second.test'
    ])
  })

  it('delegates what parentNs says, with its glue, when the parent and child disagree', () => {
    const mismatch = buildHierarchy({
      net: NET,
      tld: 'test',
      zones: [{ ...example, parentNs: [{ host: 'ns1.example.test' }, { host: 'old.example.test', address: '127.200.9.9' }] }]
    })
    const tld = linesOf(mismatch, '127.200.1.1', 'test')
    expect(tld).toContain('example.test. IN NS old.example.test.')
    expect(tld).toContain('old.example.test. IN A 127.200.9.9')
    expect(tld).not.toContain('example.test. IN NS ns2.example.test.')
    expect(linesOf(mismatch, '127.200.2.1', 'example.test')).toContain('@ IN NS ns2.example.test.')
    expect(mismatch.some((server) => server.address === '127.200.9.9')).toBe(false)
  })

  it('omits glue when the spec says glue: false', () => {
    const noGlue = buildHierarchy({ net: NET, tld: 'test', zones: [{ ...example, glue: false }] })
    const tld = linesOf(noGlue, '127.200.1.1', 'test')
    expect(tld).toContain('example.test. IN NS ns1.example.test.')
    expect(tld.some((line) => line.startsWith('ns1.example.test.'))).toBe(false)
  })

  it('delegates a zone below another zone from that zone, not from the TLD', () => {
    const nested = buildHierarchy({
      net: NET,
      tld: 'test',
      zones: [example, { apex: '_acme-challenge.example.test', servers: [{ host: 'ns.acme.test', address: '127.200.4.1' }] }]
    })
    expect(linesOf(nested, '127.200.2.1', 'example.test')).toContain('_acme-challenge.example.test. IN NS ns.acme.test.')
    expect(linesOf(nested, '127.200.1.1', 'test').some((line) => line.startsWith('_acme-challenge'))).toBe(false)
  })

  it('writes the serial and the negative-caching MINIMUM into the SOA', () => {
    const [, , , child] = buildHierarchy({ net: NET, tld: 'test', zones: [{ ...example, serial: 42, soaMinimum: 5 }] })
    expect(renderZone(child!.zones[0]!)).toContain('@ IN SOA ns1.example.test. hostmaster.example.test. 42 3600 600 86400 5')
  })

  it.each<[string, ZoneSpec, RegExp]>([
    ['outside the TLD', { ...example, apex: 'example.org' }, /below the lab's TLD/],
    ['the TLD itself', { ...example, apex: 'test' }, /below the lab's TLD/],
    ['a name the lab uses', { ...example, apex: 'nic.test' }, /used by the lab/],
    ['a server outside the net', { ...example, servers: [{ host: 'ns.example.test', address: '127.1.2.1' }] }, /outside this lab's range/],
    ['a server on the root address', { ...example, servers: [{ host: 'ns.example.test', address: '127.200.0.1' }] }, /outside/],
    ['no servers', { ...example, servers: [] }, /at least one server/]
  ])('refuses a zone with %s', (_, zone, message) => {
    expect(() => buildHierarchy({ net: NET, tld: 'test', zones: [zone] })).toThrow(message)
  })

  it('refuses the same zone twice', () => {
    expect(() => buildHierarchy({ net: NET, tld: 'test', zones: [example, example] })).toThrow(/twice/)
  })
})
