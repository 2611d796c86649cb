// The record-value judgment against real NSD + Unbound on 127.85.0.0/16, for what a reviewer's lab scenarios
// showed it got wrong: a value typed with the quotes the CA's guide asks for, TXT records of other purposes
// sharing the name (the apex), and answers a wildcard synthesises for a name where nothing was created. Each zone
// is one user's situation; the engine knows nothing about them.

import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DiagnoseInput } from '../../../src/shared/diagnosis-types'
import { expectReport, TOKEN, diagnoseInLab } from '../../support/diagnosis-fixtures'
import { aRecord, buildHierarchy, cnameRecord, describeLab, labAddress, startLab, txtRecord, zoneBody, type Lab, type ZoneSpec } from '../../support/lab'

const NET = 85 // this file's lab net (see tests/support/lab/addresses.ts)
const NS = labAddress(NET, 2, 1)
const SPF = 'v=spf1 include:_spf.mail.test -all'
const GOOGLE = 'google-site-verification=abcdef123'
/** A token from last year's order: the shape of TOKEN (a date, then base36), nothing else in common. */
const OLD_SAME_SHAPE = '20230114000000z9k2c0rj4xq1n8w7p5s6t3v2b1m0l9h8g7f6e5d4c3b2a1xy'

function zone(apex: string, records: string): ZoneSpec {
  return { apex, servers: [{ host: `ns1.${apex}`, address: NS }], records }
}

const zones: ZoneSpec[] = [
  zone('plain.test', txtRecord('_dnsauth', TOKEN)),
  // The console stored the quotes the user typed: the CA reads `"TOKEN"`, which is not TOKEN.
  zone('litquotes.test', txtRecord('_dnsauth', `"${TOKEN}"`)),
  zone('apex.test', zoneBody(txtRecord('@', SPF), txtRecord('@', GOOGLE), txtRecord('@', TOKEN))),
  zone('apexnotoken.test', zoneBody(txtRecord('@', SPF), txtRecord('@', GOOGLE))),
  zone('apexold.test', zoneBody(txtRecord('@', SPF), txtRecord('@', OLD_SAME_SHAPE), txtRecord('@', TOKEN))),
  zone('apextypo.test', zoneBody(txtRecord('@', SPF), txtRecord('@', `${TOKEN.slice(0, 20)}Z${TOKEN.slice(21)}`))),
  // Wildcards and no record at _dnsauth: the servers answer for it from `*` (RFC 4592).
  zone('wcname.test', cnameRecord('*', 'lb.hosting.test.')),
  // The wildcard's target does not exist, on the same server: the answer is the CNAME with NXDOMAIN (RFC 6604).
  zone('wcdangling.test', cnameRecord('*', 'gone.hosting.test.')),
  zone('hosting.test', aRecord('lb', '127.0.0.10')),
  zone('wctxt.test', txtRecord('*', 'v=spf1 -all')),
  // A wildcard beside the exact record: the exact one is what the CA gets.
  zone('wcexact.test', zoneBody(txtRecord('*', 'v=spf1 -all'), txtRecord('_dnsauth', TOKEN), txtRecord('_wrong', `${TOKEN.slice(0, 20)}Z${TOKEN.slice(21)}`)))
]

await describeLab('diagnosis against NSD + Unbound: quoted input and values that share a name', NET, () => {
  let lab: Lab

  beforeAll(async () => {
    lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones }) })
  })
  afterAll(async () => {
    await lab?.stop()
  })

  function diagnose(domains: string[], overrides: Partial<DiagnoseInput> = {}) {
    return diagnoseInLab(lab, domains, overrides)
  }

  it('the value typed in quotes, as the CA guide says to paste it, and DNS holds the token → verified', async () => {
    expectReport(await diagnose(['plain.test'], { value: `"${TOKEN}"` }), {
      expect: ['record.ok'],
      forbid: ['record.value_mismatch', 'record.value_quoted', 'record.missing'],
      verdict: 'verified'
    })
  })

  it('the value typed in quotes and DNS holds the quotes too → record.value_quoted, never verified', async () => {
    expectReport(await diagnose(['litquotes.test'], { value: `"${TOKEN}"` }), {
      expect: ['record.value_quoted'],
      forbid: ['record.ok', 'record.value_mismatch'],
      params: { 'record.value_quoted': { name: '_dnsauth.litquotes.test', found: `"${TOKEN}"` } },
      verdict: 'action_needed'
    })
  })

  it('the value typed in zone-file form, two quoted strings, means them joined → verified', async () => {
    expectReport(await diagnose(['plain.test'], { value: `"${TOKEN.slice(0, 30)}" "${TOKEN.slice(30)}"` }), {
      expect: ['record.ok'],
      forbid: ['record.value_mismatch', 'record.value_whitespace'],
      verdict: 'verified'
    })
  })

  it('apex: the token beside SPF and another service\'s verification → verified, nothing to delete', async () => {
    expectReport(await diagnose(['apex.test'], { host: '@' }), {
      expect: ['record.ok'],
      forbid: ['record.stale_value', 'record.value_mismatch', 'record.missing'],
      params: { 'record.ok': { name: 'apex.test' } },
      verdict: 'verified'
    })
  })

  it('apex: SPF and another verification only → record.missing, no advice to edit or delete them', async () => {
    expectReport(await diagnose(['apexnotoken.test'], { host: '@' }), {
      expect: ['record.missing'],
      forbid: ['record.ok', 'record.stale_value', 'record.value_mismatch', 'record.value_whitespace'],
      params: { 'record.missing': { name: 'apexnotoken.test', type: 'TXT', values: [TOKEN] } },
      verdict: 'action_needed'
    })
  })

  it('apex: last year\'s token of the same shape beside the new one is old; SPF is not', async () => {
    expectReport(await diagnose(['apexold.test'], { host: '@' }), {
      expect: ['record.ok', 'record.stale_value'],
      forbid: ['record.value_mismatch', 'record.missing'],
      params: { 'record.stale_value': { name: 'apexold.test', stale: [OLD_SAME_SHAPE] } },
      verdict: 'action_needed'
    })
  })

  it('apex: a botched copy of the token beside SPF is the attempt', async () => {
    expectReport(await diagnose(['apextypo.test'], { host: '@' }), {
      expect: ['record.value_mismatch'],
      forbid: ['record.ok', 'record.stale_value', 'record.missing'],
      params: { 'record.value_mismatch': { name: 'apextypo.test', found: `${TOKEN.slice(0, 20)}Z${TOKEN.slice(21)}` } },
      verdict: 'action_needed'
    })
  })

  it('wildcard CNAME, nothing at _dnsauth → record.missing, not "delete the CNAME at _dnsauth"', async () => {
    const report = await diagnose(['wcname.test'])
    expectReport(report, {
      expect: ['record.missing'],
      forbid: ['record.cname_conflict', 'record.value_mismatch', 'record.wrong_type', 'record.ok', 'record.ttl_long'],
      params: { 'record.missing': { name: '_dnsauth.wcname.test', type: 'TXT', values: [TOKEN] } },
      verdict: 'action_needed'
    })
    expect(report.authoritative.every((o) => o.wildcard === true)).toBe(true)
  })

  it('wildcard CNAME to a name that does not exist (NXDOMAIN with the CNAME) → record.missing', async () => {
    const report = await diagnose(['wcdangling.test'])
    expectReport(report, {
      expect: ['record.missing'],
      forbid: ['record.cname_conflict', 'record.ok'],
      verdict: 'action_needed'
    })
    expect(report.authoritative.map((o) => [o.status, o.wildcard])).toEqual([['nxdomain', true]])
  })

  it('wildcard TXT (SPF), nothing at _dnsauth → record.missing, not "edit the record"', async () => {
    const report = await diagnose(['wctxt.test'])
    expectReport(report, {
      expect: ['record.missing'],
      forbid: ['record.value_mismatch', 'record.stale_value', 'record.ok'],
      verdict: 'action_needed'
    })
    const missing = report.findings.find((f) => f.id === 'record.missing')!
    expect(missing.evidence.map((e) => e.note).join('\n')).toMatch(/wildcard/)
  })

  it('CNAME asked for, wildcard CNAME elsewhere → record.missing, not a wrong target', async () => {
    expectReport(await diagnose(['wcname.test'], { host: '_acme', type: 'CNAME', value: 'tok.dcv.ca.test' }), {
      expect: ['record.missing'],
      forbid: ['record.value_mismatch', 'record.ok'],
      verdict: 'action_needed'
    })
  })

  it('a wildcard beside the exact record: the exact record is judged (in place → verified; wrong → mismatch)', async () => {
    const ok = await diagnose(['wcexact.test'])
    expectReport(ok, { expect: ['record.ok'], forbid: ['record.missing', 'record.stale_value'], verdict: 'verified' })
    expect(ok.authoritative.some((o) => o.wildcard)).toBe(false)
    expectReport(await diagnose(['wcexact.test'], { host: '_wrong' }), {
      expect: ['record.value_mismatch'],
      forbid: ['record.missing', 'record.ok'],
      verdict: 'action_needed'
    })
  })
})
