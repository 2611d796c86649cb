// The iterative resolver against real NSD servers under a private root (tests/support/lab), with
// Unbound and dig as independent witnesses of what the answers must be.

import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  aRecord,
  answerRdata,
  buildHierarchy,
  cnameRecord,
  describeLab,
  dig,
  labAddress,
  reservedNames,
  startLab,
  txtRecord,
  zoneBody,
  type Lab,
  type ZoneSpec
} from '../support/lab'
import { createIterativeResolver, type IterativeResolver, type ResolveResult } from '../../src/main/dns/iterative'
import type { ServerAddress } from '../../src/shared/dns-types'

const NET = 61 // this file's lab net (see tests/support/lab/addresses.ts)

const at = (third: number, fourth: number): ServerAddress => ({ host: labAddress(NET, third, fourth), port: 53, family: 4 })
const EXAMPLE_NS1 = at(2, 1)
const EXAMPLE_NS2 = at(2, 2)
const GLUELESS_NS = at(3, 1)
const DEAD = at(5, 9) // delegated to, nothing listens

const zones: ZoneSpec[] = [
  {
    apex: 'example.test',
    servers: [
      { host: 'ns1.example.test', address: EXAMPLE_NS1.host },
      { host: 'ns2.example.test', address: EXAMPLE_NS2.host }
    ],
    records: zoneBody(
      txtRecord('_dnsauth', 'token-61'),
      aRecord('www', '192.0.2.10'),
      cnameRecord('_acme-challenge', 'validation.glueless.test.'),
      aRecord('x.b', '192.0.2.11')
    )
  },
  // Its only name server lives in example.test and the TLD gives no glue for it.
  {
    apex: 'glueless.test',
    servers: [{ host: 'ns-glueless.example.test', address: GLUELESS_NS.host }],
    records: zoneBody(txtRecord('validation', 'via-cname'), txtRecord('_dnsauth', 'glueless-token'))
  },
  {
    apex: 'sub.example.test',
    servers: [{ host: 'ns1.sub.example.test', address: labAddress(NET, 4, 1) }],
    records: txtRecord('_dnsauth', 'sub-token')
  },
  // The parent lists ns2 (glue, but no server) where the zone itself lists ns3.
  {
    apex: 'mismatch.test',
    servers: [
      { host: 'ns1.mismatch.test', address: labAddress(NET, 6, 1) },
      { host: 'ns3.mismatch.test', address: labAddress(NET, 6, 3) }
    ],
    parentNs: [{ host: 'ns2.mismatch.test', address: labAddress(NET, 6, 2) }, { host: 'ns1.mismatch.test' }],
    records: txtRecord('_dnsauth', 'mismatch-token')
  },
  // The first server the parent lists is dead.
  {
    apex: 'dead.test',
    servers: [{ host: 'ns1.dead.test', address: labAddress(NET, 5, 1) }],
    parentNs: [{ host: 'ns0.dead.test', address: DEAD.host }, { host: 'ns1.dead.test' }],
    records: txtRecord('_dnsauth', 'still-here')
  }
]

function txt(result: ResolveResult): string[] {
  if (result.status === 'failed') throw new Error(result.failure.message)
  return result.answers.filter((r) => r.type === 'TXT').map((r) => r.text)
}

await describeLab('iterative resolution against NSD under a private root', NET, () => {
  let lab: Lab
  let unbound: string
  let resolver: IterativeResolver

  beforeAll(async () => {
    lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones }) })
    unbound = lab.resolver().address
  })
  afterAll(async () => {
    await lab?.stop()
  })

  function newResolver(): IterativeResolver {
    const root = { name: reservedNames('test').rootServer, addresses: lab.rootHints.map((host) => ({ host, port: 53, family: 4 as const })) }
    return createIterativeResolver({ rootServers: [root], timeoutMs: 1000, retries: 0 })
  }
  beforeAll(() => {
    resolver = newResolver()
  })

  it('resolves the host record from the root to the same answer Unbound gives', async () => {
    const ours = await resolver.resolve('_dnsauth.example.test', 'TXT')
    const witness = await dig(unbound, '_dnsauth.example.test', 'TXT')
    expect(txt(ours)).toEqual(answerRdata(witness, 'TXT'))
    expect(txt(ours)).toEqual(['"token-61"'])
    expect(ours.steps.map((s) => [s.zone, s.kind])).toEqual([
      ['.', 'referral'],
      ['test', 'referral'],
      ['example.test', 'answer']
    ])
    expect(ours.steps[0]!.server.name).toBe('a.root-servers.test')
  })

  it('follows a CNAME into a zone with a glueless name server, as Unbound does', async () => {
    const ours = await resolver.resolve('_acme-challenge.example.test', 'TXT')
    const witness = await dig(unbound, '_acme-challenge.example.test', 'TXT')
    expect(ours.status).toBe('answer')
    if (ours.status !== 'answer') return
    expect(ours.answers.map((r) => `${r.type} ${r.text}`)).toEqual([
      ...answerRdata(witness, 'CNAME').map((rdata) => `CNAME ${rdata}`),
      ...answerRdata(witness, 'TXT').map((rdata) => `TXT ${rdata}`)
    ])
    expect(ours.server.address).toEqual(GLUELESS_NS)
    expect(ours.nameserverLookups.map((l) => [l.name, l.addresses])).toEqual([['ns-glueless.example.test', [GLUELESS_NS]]])
  })

  it('finds example.test as the zone of names in it, existing or not', async () => {
    const [www, deep, host] = await Promise.all([
      resolver.findZoneApex('www.example.test'),
      resolver.findZoneApex('a.b.example.test'),
      resolver.findZoneApex('_dnsauth.example.test')
    ])
    for (const zone of [www, deep, host]) {
      expect(zone).toMatchObject({ found: true, apex: 'example.test', parentZone: 'test', problems: [] })
    }
    expect(deep).toMatchObject({ nameExists: false })
    if (!www.found) return
    expect([...www.nameservers].sort()).toEqual(['ns1.example.test', 'ns2.example.test'])
    expect(www.parentNameservers).toEqual([
      { name: 'ns1.example.test', glue: [EXAMPLE_NS1] },
      { name: 'ns2.example.test', glue: [EXAMPLE_NS2] }
    ])
    expect(www.servers.map((s) => [s.name, s.addresses, s.inParent, s.inChild, s.problem]).sort()).toEqual([
      ['ns1.example.test', [EXAMPLE_NS1], true, true, null],
      ['ns2.example.test', [EXAMPLE_NS2], true, true, null]
    ])
  })

  it('finds a child zone delegated from example.test', async () => {
    expect(await resolver.findZoneApex('_dnsauth.sub.example.test')).toMatchObject({
      found: true,
      apex: 'sub.example.test',
      parentZone: 'example.test',
      nameservers: ['ns1.sub.example.test']
    })
  })

  it('finds a zone whose name server has no glue, with the server address looked up', async () => {
    const zone = await resolver.findZoneApex('_dnsauth.glueless.test')
    expect(zone).toMatchObject({ found: true, apex: 'glueless.test', nameservers: ['ns-glueless.example.test'] })
    if (!zone.found) return
    expect(zone.parentNameservers).toEqual([{ name: 'ns-glueless.example.test', glue: [] }])
    expect(zone.servers).toEqual([
      { name: 'ns-glueless.example.test', addresses: [GLUELESS_NS], glue: [], inParent: true, inChild: true, problem: null }
    ])
  })

  it('marks which side lists each name server when parent and child disagree', async () => {
    const zone = await resolver.findZoneApex('_dnsauth.mismatch.test')
    expect(zone.found).toBe(true)
    if (!zone.found) return
    const byName = Object.fromEntries(zone.servers.map((s) => [s.name, s]))
    expect(byName['ns1.mismatch.test']).toMatchObject({ inParent: true, inChild: true, problem: null })
    expect(byName['ns3.mismatch.test']).toMatchObject({ inParent: false, inChild: true, glue: [], addresses: [at(6, 3)] })
    expect(byName['ns2.mismatch.test']).toMatchObject({ inParent: true, inChild: false, glue: [at(6, 2)], addresses: [at(6, 2)] })
    expect(byName['ns2.mismatch.test']!.problem).toMatch(/ns2\.mismatch\.test does not exist/)
  })

  it('answers through the next server when the first one the parent lists is dead', async () => {
    const result = await resolver.resolve('_dnsauth.dead.test', 'TXT')
    expect(txt(result)).toEqual(['"still-here"'])
    const dead = result.steps.find((s) => s.server.name === 'ns0.dead.test')
    expect(dead).toMatchObject({ kind: 'failed', server: { address: DEAD } })
    expect(['refused_connection', 'timeout']).toContain(dead!.failureCode)
  })

  it('reports a domain the TLD does not know, as Unbound does', async () => {
    const witness = await dig(unbound, '_dnsauth.nope.test', 'TXT')
    expect(witness.status).toBe('NXDOMAIN')
    const result = await resolver.resolve('_dnsauth.nope.test', 'TXT')
    expect(result).toMatchObject({ status: 'nxdomain', zone: 'test' })
    expect(await resolver.findZoneApex('_dnsauth.nope.test')).toMatchObject({ found: false, reason: 'nxdomain', at: 'test' })
    expect(await resolver.getDelegation('nope.test')).toMatchObject({ found: false, reason: 'nxdomain', at: 'test' })
  })

  it('gives the delegation of a zone, and refuses a name that is not one', async () => {
    expect(await resolver.getDelegation('example.test')).toMatchObject({ found: true, apex: 'example.test', parentZone: 'test' })
    expect(await resolver.getDelegation('www.example.test')).toMatchObject({ found: false, reason: 'no_delegation', at: 'example.test' })
  })

  it('shares queries between concurrent lookups of one resolver', async () => {
    const fresh = newResolver()
    await Promise.all(['www.example.test', 'a.b.example.test', '_dnsauth.example.test'].map((n) => fresh.findZoneApex(n)))
    const sizeAfterFirst = fresh.cache.size
    await fresh.findZoneApex('www.example.test')
    expect(fresh.cache.size).toBe(sizeAfterFirst)
  })
})
