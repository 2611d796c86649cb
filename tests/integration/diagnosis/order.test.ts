// Every record of a real certificate order against real NSD + Unbound on 127.84.0.0/16: each domain with its own
// host and value, a wildcard and its apex each with their own token at the same name, one record missing. Each
// case states its expected ids, which records a finding is about, and every record's verdict.

import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DiagnoseInput, VerificationRecordInput } from '../../../src/shared/diagnosis-types'
import { runDiagnosis } from '../../../src/main/diagnosis/run-diagnosis'
import { expectReport } from '../../support/diagnosis-fixtures'
import { buildHierarchy, describeLab, labAddress, startLab, txtRecord, zoneBody, type Lab, type ZoneSpec } from '../../support/lab'

const NET = 84 // this file's lab net (see tests/support/lab/addresses.ts)
const NS = labAddress(NET, 2, 1)
const T = (n: string) => `token-${n}-0000000000000000000000000000000000000000000000`

const zones: ZoneSpec[] = [
  // Each domain of a multi-domain order with its own host and value.
  {
    apex: 'multi.test',
    servers: [{ host: 'ns1.multi.test', address: NS }],
    records: zoneBody(txtRecord('_dnsauth', T('apex')), txtRecord('_dnsauth.shop', T('shop')), txtRecord('_pki-validation.blog', T('blog')))
  },
  // The same order, but the record for shop was never added.
  { apex: 'partial.test', servers: [{ host: 'ns1.partial.test', address: NS }], records: zoneBody(txtRecord('_dnsauth', T('apex')), txtRecord('_pki-validation.blog', T('blog'))) },
  // ACME style: the wildcard and the apex each bring a token to the same name.
  { apex: 'acme.test', servers: [{ host: 'ns1.acme.test', address: NS }], records: zoneBody(txtRecord('_acme-challenge', T('apex')), txtRecord('_acme-challenge', T('wild'))) },
  // The same, with the wildcard's token not added yet.
  { apex: 'halfacme.test', servers: [{ host: 'ns1.halfacme.test', address: NS }], records: txtRecord('_acme-challenge', T('apex')) }
]

const order = (apex: string): VerificationRecordInput[] => [
  { domain: apex, host: '_dnsauth', type: 'TXT', value: T('apex') },
  { domain: `shop.${apex}`, host: `_dnsauth.shop.${apex}`, type: 'TXT', value: T('shop') },
  { domain: `blog.${apex}`, host: '_pki-validation', type: 'TXT', value: T('blog') }
]
const acme = (apex: string): VerificationRecordInput[] => [
  { domain: apex, host: '_acme-challenge', type: 'TXT', value: T('apex') },
  { domain: `*.${apex}`, host: '_acme-challenge', type: 'TXT', value: T('wild') }
]

await describeLab('every record of a certificate order', NET, () => {
  let lab: Lab
  beforeAll(async () => {
    lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones }) })
  })
  afterAll(async () => {
    await lab?.stop()
  })

  const diagnose = (records: VerificationRecordInput[], extra: Partial<DiagnoseInput> = {}) =>
    runDiagnosis({ records, resolvers: [lab.resolver().address], roots: lab.rootHints, timeoutMs: 500, ...extra })

  it('a multi-domain order, a different host and value per domain, all in place: verified, each record verified', async () => {
    const report = await diagnose(order('multi.test'))
    expectReport(report, { expect: ['record.ok'], forbid: ['record.missing', 'record.stale_value', 'record.value_mismatch'], verdict: 'verified' })
    expect(report.records.map((r) => [r.certificateDomain, r.name, r.verdict])).toEqual([
      ['multi.test', '_dnsauth.multi.test', 'verified'],
      ['shop.multi.test', '_dnsauth.shop.multi.test', 'verified'],
      ['blog.multi.test', '_pki-validation.blog.multi.test', 'verified']
    ])
    expect(report.findings.filter((f) => f.id === 'record.ok').map((f) => f.records)).toEqual([[0], [1], [2]])
  })

  it('one record of the order missing: action needed, naming that record; the others verified', async () => {
    const report = await diagnose(order('partial.test'))
    expectReport(report, {
      expect: ['record.missing', 'record.ok'],
      params: { 'record.missing': { name: '_dnsauth.shop.partial.test', type: 'TXT' } },
      verdict: 'action_needed'
    })
    expect(report.findings.find((f) => f.id === 'record.missing')!.records).toEqual([1])
    expect(report.records.map((r) => r.verdict)).toEqual(['verified', 'action_needed', 'verified'])
  })

  it('two values expected at one name (a wildcard and its apex): both expected, none old, verified', async () => {
    const report = await diagnose(acme('acme.test'))
    expectReport(report, { expect: ['record.ok'], forbid: ['record.stale_value', 'record.value_mismatch', 'record.value_missing'], verdict: 'verified' })
    expect(report.records.map((r) => r.verdict)).toEqual(['verified', 'verified'])
  })

  it('one of the two tokens at the name missing: that value named, for that domain', async () => {
    const report = await diagnose(acme('halfacme.test'))
    expectReport(report, {
      expect: ['record.value_missing'],
      forbid: ['record.ok', 'record.missing', 'record.stale_value', 'record.value_mismatch'],
      params: { 'record.value_missing': { name: '_acme-challenge.halfacme.test', value: T('wild'), domains: ['*.halfacme.test'], present: [T('apex')] } },
      verdict: 'action_needed'
    })
    expect(report.findings.find((f) => f.id === 'record.value_missing')!.records).toEqual([1])
  })

  it('the single-record form still reads as one record per domain', async () => {
    const report = await runDiagnosis({
      domains: ['multi.test', 'www.multi.test'],
      host: '_dnsauth',
      type: 'TXT',
      value: T('apex'),
      resolvers: [],
      roots: lab.rootHints,
      timeoutMs: 500
    })
    expectReport(report, { expect: ['record.ok'], verdict: 'verified' })
    expect(report.records.map((r) => [r.certificateDomain, r.name])).toEqual([
      ['multi.test', '_dnsauth.multi.test'],
      ['www.multi.test', '_dnsauth.multi.test']
    ])
  })
})
