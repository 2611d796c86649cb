// Proves the real-server lab (tests/support/lab): a private root, TLD and zones on NSD, resolved
// by Unbound, all on 127.53.0.0/16. dig is the witness, so these tests do not depend on our client.

import { existsSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  answerRdata,
  buildHierarchy,
  caaRecord,
  cnameRecord,
  describeLab,
  dig,
  labAddress,
  livingGroupMembers,
  startLab,
  txtRecord,
  zoneBody,
  type Lab,
  type ZoneSpec
} from '../support/lab'

const NET = 53 // this file's lab net (see tests/support/lab/addresses.ts)

const EXAMPLE_NS1 = labAddress(NET, 2, 1)
const EXAMPLE_NS2 = labAddress(NET, 2, 2)
const GLUELESS_NS = labAddress(NET, 3, 1)
const LONG_VALUE = `${'a'.repeat(255)}${'b'.repeat(20)}`

const exampleRecords = zoneBody(
  txtRecord('_dnsauth', 'token-one'),
  txtRecord('_multi', ['v=first', 'second "quoted" part']),
  txtRecord('_long', LONG_VALUE),
  cnameRecord('_acme-challenge', 'validation.glueless.test.'),
  caaRecord('@', { tag: 'issue', value: 'letsencrypt.org' })
)

const zones: ZoneSpec[] = [
  {
    apex: 'example.test',
    servers: [
      { host: 'ns1.example.test', address: EXAMPLE_NS1 },
      { host: 'ns2.example.test', address: EXAMPLE_NS2 }
    ],
    records: exampleRecords,
    soaMinimum: 30
  },
  // Its name server lives in example.test and the TLD gives no glue: resolving it needs example.test first.
  {
    apex: 'glueless.test',
    servers: [{ host: 'ns-glueless.example.test', address: GLUELESS_NS }],
    records: txtRecord('validation', 'via-cname')
  },
  {
    apex: 'signed.test',
    servers: [{ host: 'ns1.signed.test', address: labAddress(NET, 4, 1) }],
    records: txtRecord('_dnsauth', 'signed-ok'),
    dnssec: 'valid'
  },
  {
    apex: 'bogus.test',
    servers: [{ host: 'ns1.bogus.test', address: labAddress(NET, 5, 1) }],
    records: txtRecord('_dnsauth', 'bogus-data'),
    dnssec: 'bogus-signature'
  }
]

await describeLab('DNS lab: private hierarchy on NSD + Unbound', NET, () => {
  let lab: Lab
  let resolver: string

  beforeAll(async () => {
    lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones }) })
    resolver = lab.resolver().address
  })
  afterAll(async () => {
    await lab?.stop()
  })

  it('resolves TXT records through the private root: single, multi-string and longer than 255 bytes', async () => {
    expect(answerRdata(await dig(resolver, '_dnsauth.example.test', 'TXT'), 'TXT')).toEqual(['"token-one"'])
    expect(answerRdata(await dig(resolver, '_multi.example.test', 'TXT'), 'TXT')).toEqual([
      '"v=first" "second \\"quoted\\" part"'
    ])
    expect(answerRdata(await dig(resolver, '_long.example.test', 'TXT'), 'TXT')).toEqual([
      `"${'a'.repeat(255)}" "${'b'.repeat(20)}"`
    ])
  })

  it('follows a CNAME into a zone whose name server has no glue', async () => {
    const result = await dig(resolver, '_acme-challenge.example.test', 'TXT')
    expect(result.status).toBe('NOERROR')
    expect(answerRdata(result, 'CNAME')).toEqual(['validation.glueless.test.'])
    expect(answerRdata(result, 'TXT')).toEqual(['"via-cname"'])
  })

  it('answers CAA, SOA and NS at the apex', async () => {
    expect(answerRdata(await dig(resolver, 'example.test', 'CAA'), 'CAA')).toEqual(['0 issue "letsencrypt.org"'])
    expect(answerRdata(await dig(resolver, 'example.test', 'SOA'), 'SOA')).toEqual([
      'ns1.example.test. hostmaster.example.test. 1 3600 600 86400 30'
    ])
    expect(answerRdata(await dig(resolver, 'example.test', 'NS'), 'NS').sort()).toEqual([
      'ns1.example.test.',
      'ns2.example.test.'
    ])
  })

  it('caches a negative answer for the SOA MINIMUM, as RFC 2308 says', async () => {
    const result = await dig(resolver, 'missing.example.test', 'TXT')
    expect(result.status).toBe('NXDOMAIN')
    expect(result.authority.find((record) => record.type === 'SOA')?.ttl).toBeLessThanOrEqual(30)
  })

  it('gives referrals, not answers, from the root and the TLD', async () => {
    const fromRoot = await dig(lab.rootHints[0]!, '_dnsauth.example.test', 'TXT', ['+norecurse'])
    expect(fromRoot.status).toBe('NOERROR')
    expect(fromRoot.flags).not.toContain('aa')
    expect(fromRoot.answer).toEqual([])
    expect(fromRoot.authority.map((record) => `${record.owner} ${record.type} ${record.rdata}`)).toEqual([
      'test. NS a.nic.test.',
      'test. NS b.nic.test.'
    ])
    expect(fromRoot.additional.map((record) => record.rdata)).toEqual([labAddress(NET, 1, 1), labAddress(NET, 1, 2)])

    const glueless = await dig(labAddress(NET, 1, 1), 'validation.glueless.test', 'TXT', ['+norecurse'])
    expect(glueless.flags).not.toContain('aa')
    expect(glueless.authority.map((record) => record.rdata)).toEqual(['ns-glueless.example.test.'])
    expect(glueless.additional).toEqual([])
  })

  it('validates the signed zone, and gives SERVFAIL with EDE for the bogus one unless +cd', async () => {
    const signed = await dig(resolver, '_dnsauth.signed.test', 'TXT')
    expect(signed.flags).toContain('ad')
    expect(answerRdata(signed, 'TXT')).toEqual(['"signed-ok"'])

    const bogus = await dig(resolver, '_dnsauth.bogus.test', 'TXT')
    expect(bogus.status).toBe('SERVFAIL')
    expect(bogus.ede.join('\n')).toMatch(/^7 \(Signature Expired\)/)

    const unchecked = await dig(resolver, '_dnsauth.bogus.test', 'TXT', ['+cd'])
    expect(unchecked.status).toBe('NOERROR')
    expect(answerRdata(unchecked, 'TXT')).toEqual(['"bogus-data"'])
  })

  it('updates one server of a zone alone, like a secondary that fell out of sync', async () => {
    await lab.updateZone('example.test', zoneBody(exampleRecords.replace('token-one', 'token-two')), {
      servers: [EXAMPLE_NS2]
    })
    const onUpdated = await dig(EXAMPLE_NS2, '_dnsauth.example.test', 'TXT', ['+norecurse'])
    const onOther = await dig(EXAMPLE_NS1, '_dnsauth.example.test', 'TXT', ['+norecurse'])
    expect(onUpdated.flags).toContain('aa')
    expect(answerRdata(onUpdated, 'TXT')).toEqual(['"token-two"'])
    expect(answerRdata(onOther, 'TXT')).toEqual(['"token-one"'])
    expect(answerRdata(await dig(EXAMPLE_NS2, 'example.test', 'SOA'), 'SOA')[0]).toContain(' 2 3600 ')
    expect(answerRdata(await dig(EXAMPLE_NS1, 'example.test', 'SOA'), 'SOA')[0]).toContain(' 1 3600 ')
  })

  it('keeps cached answers until their TTL ends or the resolver is flushed', async () => {
    await lab.updateZone('glueless.test', txtRecord('validation', 'changed'))
    expect(answerRdata(await dig(resolver, 'validation.glueless.test', 'TXT'), 'TXT')).toEqual(['"via-cname"'])
    await lab.flushResolver(resolver, 'glueless.test')
    expect(answerRdata(await dig(resolver, 'validation.glueless.test', 'TXT'), 'TXT')).toEqual(['"changed"'])
  })

  it('updates a zone even when the serial stays the same', async () => {
    await lab.updateZone('glueless.test', txtRecord('validation', 'same-serial'), { serial: 2 })
    expect(answerRdata(await dig(GLUELESS_NS, 'validation.glueless.test', 'TXT'), 'TXT')).toEqual(['"same-serial"'])
  })

  it('silences a server, and brings it back', async () => {
    await lab.stopServer(EXAMPLE_NS2)
    const silent = await dig(EXAMPLE_NS2, 'example.test', 'SOA', ['+time=1'])
    expect(silent.timedOut).toBe(true)
    expect(answerRdata(await dig(EXAMPLE_NS1, 'example.test', 'SOA'), 'SOA')).toHaveLength(1)

    await lab.startServer(EXAMPLE_NS2)
    expect((await dig(EXAMPLE_NS2, 'example.test', 'SOA')).status).toBe('NOERROR')
  })

  it('can instead make a server unreachable (port closed), and restart it with its current zone', async () => {
    await lab.stopServer(EXAMPLE_NS2, { mode: 'unreachable' })
    expect((await dig(EXAMPLE_NS2, 'example.test', 'SOA')).refused).toBe(true)

    await lab.startServer(EXAMPLE_NS2)
    expect(answerRdata(await dig(EXAMPLE_NS2, '_dnsauth.example.test', 'TXT'), 'TXT')).toEqual(['"token-two"'])
  })

  it('stop() ends every process of the lab and removes its directory', async () => {
    const groups = [...lab.servers, ...lab.resolvers].map((daemon) => daemon.groupPid()!)
    expect(groups.flatMap(livingGroupMembers).length).toBeGreaterThanOrEqual(groups.length)
    await lab.stop()
    expect(existsSync(lab.dir)).toBe(false)
    // Not checked through the ports: a concurrent test run may start its lab on them as soon as ours stops.
    await expect.poll(() => groups.flatMap(livingGroupMembers), { timeout: 2_000 }).toEqual([])
  })
})

await describeLab('DNS lab: start-up failures', NET, () => {
  it('names the broken zone, the config and what nsd-checkzone says', async () => {
    const broken: ZoneSpec = {
      apex: 'broken.test',
      servers: [{ host: 'ns1.broken.test', address: labAddress(NET, 2, 1) }],
      records: 'www IN A not-an-address'
    }
    const starting = startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones: [broken] }) })
    await expect(starting).rejects.toThrow(/NSD for 127\.53\.2\.1 \(ns1\.broken\.test\.\) failed/)
    await expect(starting).rejects.toThrow(/config: .*nsd\.conf/)
    await expect(starting).rejects.toThrow(/nsd-checkzone broken\.test: .*not-an-address/)
  })
})
