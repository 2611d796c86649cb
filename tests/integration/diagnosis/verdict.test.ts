// The verdict against real NSD + Unbound on 127.81.0.0/16: resolvers that cannot see the domain (split DNS, a
// network that blocks, a private root), every cause of a record set at once, old values that block, DNSSEC
// failures named by cause, and what each server did. Each case states its expected ids AND verdict.

import { createSocket, type Socket } from 'node:dgram'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DiagnoseInput } from '../../../src/shared/diagnosis-types'
import { runDiagnosis } from '../../../src/main/diagnosis/run-diagnosis'
import { diagnoseInLab, expectReport, TOKEN } from '../../support/diagnosis-fixtures'
import {
  buildHierarchy,
  cnameRecord,
  describeLab,
  labAddress,
  nsRecord,
  aRecord,
  resolverAddress,
  startLab,
  txtRecord,
  zoneBody,
  type Lab,
  type ZoneSpec
} from '../../support/lab'

const NET = 81 // this file's lab net (see tests/support/lab/addresses.ts)
const NS = labAddress(NET, 2, 1)
const GARBAGE_NS = labAddress(NET, 9, 1) // answers every query with bytes that are not DNS
const OLD = 'old-token-from-last-year-000000000000000000000000000000000000'
const FAKE_DIGEST = 'ab'.repeat(32)

const SEES = resolverAddress(NET, 1)
const SPLIT = resolverAddress(NET, 2) // a company DNS with its own internal copy of view.test (no record in it)
const BLOCKS = resolverAddress(NET, 3) // a network that answers "no such name" for the whole TLD, without an SOA
const SHORT_SPLIT = resolverAddress(NET, 4) // the same internal copy, but its "not found" lasts 3 s like a cache
const VALIDATES_FAKE_DS = resolverAddress(NET, 5) // trusts the DS records the registrar published (both wrong)

const zones: ZoneSpec[] = [
  { apex: 'view.test', servers: [{ host: 'ns1.view.test', address: NS }], records: txtRecord('_dnsauth', TOKEN) },
  { apex: 'quoted.test', servers: [{ host: 'ns1.quoted.test', address: NS }], records: zoneBody(txtRecord('_dnsauth', `"${TOKEN}"`), txtRecord('_dnsauth', OLD)) },
  { apex: 'stale.test', servers: [{ host: 'ns1.stale.test', address: NS }], records: zoneBody(txtRecord('_dnsauth', TOKEN), txtRecord('_dnsauth', OLD)) },
  { apex: 'doubled.test', servers: [{ host: 'ns1.doubled.test', address: NS }], records: txtRecord('_dnsauth.doubled.test', TOKEN) },
  { apex: 'typed.test', servers: [{ host: 'ns1.typed.test', address: NS }], records: cnameRecord('_dnsauth', 'dcv.elsewhere.test.') },
  { apex: 'expired.test', servers: [{ host: 'ns1.expired.test', address: NS }], records: txtRecord('_dnsauth', TOKEN), dnssec: 'bogus-signature' },
  { apex: 'dsbad.test', servers: [{ host: 'ns1.dsbad.test', address: NS }], records: txtRecord('_dnsauth', TOKEN), dnssec: 'valid' },
  { apex: 'unsigned.test', servers: [{ host: 'ns1.unsigned.test', address: NS }], records: txtRecord('_dnsauth', TOKEN) },
  // ns2 is a "server" that only ever sends garbage back.
  {
    apex: 'garbage.test',
    servers: [{ host: 'ns1.garbage.test', address: NS }],
    records: zoneBody(nsRecord('@', 'ns2.garbage.test.'), aRecord('ns2', GARBAGE_NS), txtRecord('_dnsauth', TOKEN)),
    parentNs: [
      { host: 'ns1.garbage.test', address: NS },
      { host: 'ns2.garbage.test', address: GARBAGE_NS }
    ]
  }
]

// The registrar's DS records for two zones: one that matches no key of the (signed) zone, one for a zone that is
// not signed at all.
const tldRecords = zoneBody(`dsbad.test. IN DS 11111 13 2 ${FAKE_DIGEST}`, `unsigned.test. IN DS 22222 13 2 ${FAKE_DIGEST}`)
const fakeAnchor = (zone: string, tag: number) => ({ zone, dnskey: '', ds: `${zone}. IN DS ${tag} 13 2 ${FAKE_DIGEST}` })

await describeLab('the verdict: different views, every cause at once, DNSSEC causes, what servers did', NET, () => {
  let lab: Lab
  let garbage: Socket

  beforeAll(async () => {
    // Bound before the lab starts, so the garbage server answers as soon as the zone is delegated to it.
    garbage = createSocket('udp4')
    garbage.on('message', (_msg, rinfo) => garbage.send(Buffer.from('not a dns message at all'), rinfo.port, rinfo.address))
    await new Promise<void>((resolve) => garbage.bind(53, GARBAGE_NS, resolve))
    lab = await startLab({
      net: NET,
      servers: buildHierarchy({ net: NET, tld: 'test', zones, tldRecords }),
      resolvers: [
        { address: SEES },
        {
          address: SPLIT,
          serverOptions: ['local-zone: "view.test." static', 'local-data: "view.test. 3600 IN SOA ns.corp.example. it.corp.example. 1 3600 600 86400 3600"']
        },
        { address: BLOCKS, serverOptions: ['local-zone: "test." always_nxdomain'] },
        {
          address: SHORT_SPLIT,
          serverOptions: ['local-zone: "view.test." static', 'local-data: "view.test. 3 IN SOA ns.corp.example. it.corp.example. 1 3600 600 86400 3"']
        },
        { address: VALIDATES_FAKE_DS, trustAnchors: [fakeAnchor('dsbad.test', 11111), fakeAnchor('unsigned.test', 22222)] }
      ]
    })
  })
  afterAll(async () => {
    garbage?.close()
    await lab?.stop()
  })

  function diagnose(domain: string, overrides: Partial<DiagnoseInput> = {}, resolver = SEES) {
    return diagnoseInLab(lab, [domain], overrides, resolver)
  }

  it('a correct record, one resolver that sees it and two that cannot see the domain: verified, one card per view', async () => {
    const report = await diagnose('view.test', { resolvers: [SEES, SPLIT, BLOCKS] })
    expectReport(report, {
      expect: ['record.ok', 'resolver.different_view'],
      forbid: ['propagation.negative_cached', 'propagation.pending', 'resolver.unreachable'],
      verdict: 'verified'
    })
    const views = report.findings.filter((f) => f.id === 'resolver.different_view')
    expect(Object.fromEntries(views.map((v) => [(v.params['resolvers'] as string[]).join(), v.params['apexVisible']]))).toEqual({
      [BLOCKS]: false,
      [SPLIT]: true
    })
    expect(views.find((v) => v.params['apexVisible'] === false)!.params['rcodes']).toEqual(['NXDOMAIN'])
    expect(report.etaSeconds).toBeNull()
    expect(Object.fromEntries(report.resolvers.map((r) => [r.address, r.reading]))).toEqual({
      [SEES]: 'agrees',
      [SPLIT]: 'different_view',
      [BLOCKS]: 'different_view'
    })
  })

  it('with lab roots and no resolver given (the default settings), only the domain\'s own servers are asked: verified', async () => {
    const report = await runDiagnosis({ domains: ['view.test'], host: '_dnsauth', type: 'TXT', value: TOKEN, roots: lab.rootHints, timeoutMs: 500 })
    expectReport(report, { expect: ['record.ok'], forbid: ['resolver.unreachable', 'resolver.different_view'], verdict: 'verified' })
    expect(report.resolvers).toEqual([])
  })

  it('a "not found" that lasts like a cache is read as one, until it outlives its own wait', async () => {
    const first = await diagnose('view.test', {}, SHORT_SPLIT)
    expectReport(first, { expect: ['record.ok', 'propagation.negative_cached'], verdict: 'waiting' })
    expect(first.findings.find((f) => f.id === 'propagation.negative_cached')!.params['seconds']).toBeGreaterThan(0)
    await sleep(5_500)
    const input = { domains: ['view.test'], host: '_dnsauth', type: 'TXT' as const, value: TOKEN, resolvers: [SHORT_SPLIT], roots: lab.rootHints, timeoutMs: 500 }
    const second = await runDiagnosis(input, { previous: first })
    expectReport(second, { expect: ['record.ok', 'resolver.different_view'], forbid: ['propagation.negative_cached'], verdict: 'verified' })
    // Without the previous check the same answer still reads as a fresh wait: the history is what tells.
    const alone = await runDiagnosis(input)
    expectReport(alone, { expect: ['propagation.negative_cached'], verdict: 'waiting' })
  })

  it('a quoted value beside an old one: both causes in one pass', async () => {
    expectReport(await diagnose('quoted.test'), {
      expect: ['record.value_quoted', 'record.stale_value'],
      forbid: ['record.ok', 'record.value_mismatch'],
      params: { 'record.stale_value': { stale: [OLD] } },
      verdict: 'action_needed'
    })
  })

  it('the new value beside an old one: the old one blocks, as the CA guide says', async () => {
    expectReport(await diagnose('stale.test'), {
      expect: ['record.ok', 'record.stale_value'],
      params: { 'record.stale_value': { stale: [OLD] } },
      verdict: 'action_needed'
    })
  })

  it('the record under the doubled name: missing at the right name, and why', async () => {
    expectReport(await diagnose('doubled.test'), {
      expect: ['record.missing', 'record.wrong_name'],
      params: { 'record.wrong_name': { foundName: '_dnsauth.doubled.test.doubled.test', hint: 'zone_doubled', host: '_dnsauth' } },
      verdict: 'action_needed'
    })
  })

  it('a CNAME where a TXT belongs: the finding shows what is there and what to put', async () => {
    expectReport(await diagnose('typed.test', { value: 'dcv.elsewhere.test' }), {
      expect: ['record.wrong_type'],
      params: { 'record.wrong_type': { foundType: 'CNAME', found: 'dcv.elsewhere.test', expected: 'dcv.elsewhere.test' } },
      verdict: 'action_needed'
    })
  })

  it('expired signatures: DNSSEC bogus, cause signature_expired with the validity window', async () => {
    const report = await diagnose('expired.test')
    expectReport(report, {
      expect: ['dnssec.bogus'],
      params: { 'dnssec.bogus': { cause: 'signature_expired', zone: 'expired.test', validUntil: '2020-02-01T00:00:00.000Z' } },
      verdict: 'action_needed'
    })
    expect(report.dnssec[0]!.signatures.length).toBeGreaterThan(0)
  })

  it('a DS at the registrar that matches no key: cause ds_mismatch, the DS read from the parent', async () => {
    const report = await diagnose('dsbad.test', {}, VALIDATES_FAKE_DS)
    expectReport(report, { expect: ['dnssec.bogus'], params: { 'dnssec.bogus': { cause: 'ds_mismatch' } }, verdict: 'action_needed' })
    expect(report.dnssec[0]!.ds).toEqual([{ keyTag: 11111, algorithm: 13, digestType: 2, digest: FAKE_DIGEST }])
    expect(report.dnssec[0]!.dnskeys.length).toBeGreaterThan(0)
  })

  it('a DS for a zone that is not signed: cause missing_signatures', async () => {
    const report = await diagnose('unsigned.test', {}, VALIDATES_FAKE_DS)
    expectReport(report, { expect: ['dnssec.bogus'], params: { 'dnssec.bogus': { cause: 'missing_signatures' } }, verdict: 'action_needed' })
  })

  it('a name server that only sends garbage is "malformed replies", not "timed out"', async () => {
    const report = await diagnose('garbage.test')
    expectReport(report, {
      expect: ['record.ok', 'delegation.unreachable'],
      params: { 'delegation.unreachable': { reason: 'malformed', servers: [`ns2.garbage.test (${GARBAGE_NS})`] } },
      verdict: 'verified'
    })
    expect(report.findings.find((f) => f.id === 'delegation.unreachable')!.params['ignored']).toBeGreaterThan(0)
  })
})
