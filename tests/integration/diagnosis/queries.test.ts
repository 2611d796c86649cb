// How many queries a diagnosis sends, against real NSD + Unbound on 127.75.0.0/16: every query goes
// through the run's `exchange`, wrapped here to log it. Issue 9's budget for a correct record is 12
// queries for one domain and 8 + 4N for N domains (a careful person with dig needs 6 + 4N here);
// the findings must be the same as without the savings.

import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DiagnoseInput, DiagnosisReport } from '../../../src/shared/diagnosis-types'
import { runDiagnosis } from '../../../src/main/diagnosis/run-diagnosis'
import { tryExchange, type Exchanger } from '../../../src/main/dns/exchange'
import { expectReport, TOKEN } from '../../support/diagnosis-fixtures'
import {
  buildHierarchy,
  caaRecord,
  describeLab,
  labAddress,
  rootServerAddress,
  startLab,
  tldServerAddresses,
  txtRecord,
  zoneBody,
  type Lab,
  type ZoneSpec
} from '../../support/lab'

const NET = 75 // this file's lab net (see tests/support/lab/addresses.ts)
const NS_A = labAddress(NET, 2, 1)
const NS_B = labAddress(NET, 2, 2)

function zone(apex: string, records: string): ZoneSpec {
  return {
    apex,
    servers: [
      { host: `ns1.${apex}`, address: NS_A },
      { host: `ns2.${apex}`, address: NS_B }
    ],
    records
  }
}

const zones: ZoneSpec[] = [
  zone('ok.test', zoneBody(txtRecord('_dnsauth', TOKEN), txtRecord('_dnsauth.shop', TOKEN), txtRecord('_dnsauth.blog', TOKEN), 'www IN A 127.0.0.80')),
  zone('caa.test', zoneBody(caaRecord('@', { tag: 'issue', value: 'digicert.com' }), txtRecord('_dnsauth', TOKEN))),
  zone('doubled.test', txtRecord('_dnsauth.doubled.test', TOKEN)),
  // A zone and its child on the same two servers: the child's names must still be placed in the child.
  zone('parent.test', txtRecord('_dnsauth', TOKEN)),
  zone('shop.parent.test', txtRecord('_dnsauth', TOKEN))
]

interface Sent {
  server: string
  name: string
  type: string
}

await describeLab('queries a diagnosis sends, counted at the exchange, against NSD + Unbound', NET, () => {
  let lab: Lab

  beforeAll(async () => {
    lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones }) })
  })
  afterAll(async () => {
    await lab?.stop()
  })

  /** A diagnosis with the lab's root and its one resolver, and every query it sent. */
  async function diagnose(domains: string[], overrides: Partial<DiagnoseInput> = {}): Promise<{ report: DiagnosisReport; sent: Sent[] }> {
    const sent: Sent[] = []
    const exchange: Exchanger = (question, server, options) => {
      sent.push({ server: server.host, name: question.name.toLowerCase(), type: question.type ?? 'A' })
      return tryExchange(question, server, options)
    }
    const report = await runDiagnosis(
      { domains, host: '_dnsauth', type: 'TXT', value: TOKEN, resolvers: [lab.resolver().address], roots: lab.rootHints, timeoutMs: 500, ...overrides },
      { exchange }
    )
    return { report, sent }
  }
  const at = (sent: Sent[], server: string) => sent.filter((s) => s.server === server)
  const [TLD_A, TLD_B] = tldServerAddresses(NET)

  it('a correct record for one domain: at most 12 queries, and no near-miss probes', async () => {
    const { report, sent } = await diagnose(['ok.test'])
    expectReport(report, { expect: ['record.ok'], forbid: ['record.wrong_name', 'record.missing'], verdict: 'verified' })
    expect(sent.length, JSON.stringify(sent)).toBeLessThanOrEqual(12)
    const nearMissNames = ['_dnsauth.ok.test.ok.test', '_dnsauth.www.ok.test', '_dnsauth.*.ok.test', 'dnsauth.ok.test']
    expect(sent.filter((s) => nearMissNames.includes(s.name) || (s.name === 'ok.test' && s.type === 'TXT'))).toEqual([])
    // Both serials are still observed (one came with the zone lookup's answer).
    expect(report.authoritative.map((o) => o.soaSerial)).toEqual([1, 1])
  })

  it('three domains of one zone: at most 8 + 4N = 20 queries; the root is asked once, the TLD for the walk and CAA only', async () => {
    const { report, sent } = await diagnose(['ok.test', 'shop.ok.test', 'blog.ok.test'])
    expectReport(report, { expect: ['record.ok'], forbid: ['record.missing', 'record.wrong_name'], verdict: 'verified' })
    expect(report.findings.filter((f) => f.id === 'record.ok').map((f) => f.params['name']).sort()).toEqual([
      '_dnsauth.blog.ok.test',
      '_dnsauth.ok.test',
      '_dnsauth.shop.ok.test'
    ])
    expect(sent.length, JSON.stringify(sent)).toBeLessThanOrEqual(20)
    expect(at(sent, rootServerAddress(NET))).toHaveLength(1)
    expect([...at(sent, TLD_A), ...at(sent, TLD_B)].map((s) => `${s.name} ${s.type}`).sort()).toEqual(['_dnsauth.ok.test SOA', 'test CAA'].sort())
  })

  it('a second domain checked in the same run does not re-ask the root', async () => {
    const one = await diagnose(['ok.test'])
    const two = await diagnose(['ok.test', 'shop.ok.test'])
    expect(at(one.sent, rootServerAddress(NET))).toHaveLength(1)
    expect(at(two.sent, rootServerAddress(NET))).toHaveLength(1)
    // What the second domain adds: the zone lookup of its name, its record on each server, CAA at the domain, the resolver.
    const added = two.sent.filter((s) => s.name.includes('shop')).map((s) => `${s.server} ${s.name} ${s.type}`).sort()
    expect(added).toEqual(
      [
        `${NS_A} _dnsauth.shop.ok.test SOA`,
        `${NS_A} _dnsauth.shop.ok.test TXT`,
        `${NS_B} _dnsauth.shop.ok.test TXT`,
        `${NS_A} shop.ok.test CAA`,
        `${lab.resolver().address} _dnsauth.shop.ok.test TXT`
      ].sort()
    )
  })

  it('CAA at the TLD is asked only when no level below has any', async () => {
    const { report, sent } = await diagnose(['caa.test'], { ca: 'digicert' })
    expectReport(report, { expect: ['record.ok'], forbid: ['caa.blocks_ca'], verdict: 'verified' })
    expect(report.caa).toEqual([expect.objectContaining({ certificateDomain: 'caa.test', foundAt: 'caa.test' })])
    expect(sent.filter((s) => s.type === 'CAA').map((s) => s.name)).toEqual(['caa.test'])
  })

  it('a record at the wrong name: the near-miss probes go out, from the zone servers, and find it', async () => {
    const { report, sent } = await diagnose(['doubled.test'])
    expectReport(report, {
      expect: ['record.wrong_name', 'record.missing'],
      forbid: ['record.ok'],
      params: { 'record.wrong_name': { foundName: '_dnsauth.doubled.test.doubled.test', hint: 'zone_doubled' } },
      verdict: 'action_needed'
    })
    const probe = sent.filter((s) => s.name === '_dnsauth.doubled.test.doubled.test')
    expect(probe.map((s) => s.server)).toEqual([NS_A])
    expect(at(sent, rootServerAddress(NET))).toHaveLength(1)
  })

  it('a child zone on the same servers as its parent is still found for a second domain of the run', async () => {
    const { report } = await diagnose(['parent.test', 'shop.parent.test'])
    expect(report.placements.map((p) => [p.name, p.zone])).toEqual([
      ['_dnsauth.parent.test', 'parent.test'],
      ['_dnsauth.shop.parent.test', 'shop.parent.test']
    ])
    expectReport(report, { expect: ['record.ok'], forbid: ['record.missing', 'record.wrong_name'], verdict: 'verified' })
  })
})
