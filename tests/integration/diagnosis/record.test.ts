// The diagnosis engine against real NSD + Unbound on 127.72.0.0/16: one scenario per record.*,
// zone.* and caa.* finding, each asserting what must and must not be found and the verdict. Each zone
// of the lab is one user's mistake; the engine knows nothing about them (no zone-specific code).

import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DiagnoseInput } from '../../../src/shared/diagnosis-types'
import { expectReport, TOKEN, diagnoseInLab } from '../../support/diagnosis-fixtures'
import {
  buildHierarchy,
  caaRecord,
  cnameRecord,
  describeLab,
  labAddress,
  startLab,
  txtRecord,
  zoneBody,
  type Lab,
  type ZoneSpec
} from '../../support/lab'

const NET = 72 // this file's lab net (see tests/support/lab/addresses.ts)
const NS_A = labAddress(NET, 2, 1)
const NS_B = labAddress(NET, 2, 2)
/** Longer than one character-string (255 bytes): the zone stores it as two, the CA reads them joined. */
const LONG_TOKEN = `${TOKEN}.${'k'.repeat(300)}`
const OLD_TOKEN = 'old-token-from-last-year-0000000000000000000000000000000000000'

/** A zone served by the two shared servers, under its own in-bailiwick NS names. */
function zone(apex: string, records: string, extra: Partial<ZoneSpec> = {}): ZoneSpec {
  return {
    apex,
    servers: [
      { host: `ns1.${apex}`, address: NS_A },
      { host: `ns2.${apex}`, address: NS_B }
    ],
    records,
    ...extra
  }
}

/** Enough TXT records at one name that the answer (~2 KB) exceeds a 1232-byte EDNS UDP payload. */
const MANY_VALUES = Array.from({ length: 30 }, (_, i) => `unrelated-verification-${String(i).padStart(2, '0')}-${'x'.repeat(40)}`)

const zones: ZoneSpec[] = [
  zone(
    'ok.test',
    zoneBody(
      txtRecord('_dnsauth', TOKEN),
      // One record of two character-strings is one value, joined: not a split.
      txtRecord('_multistring', [TOKEN.slice(0, 30), TOKEN.slice(30)]),
      txtRecord('_long', LONG_TOKEN)
    )
  ),
  zone('nodata.test', 'www IN A 127.0.0.80\n_dnsauth IN A 127.0.0.80'),
  zone('nxdomain.test', 'www IN A 127.0.0.80'),
  zone('mismatch.test', txtRecord('_dnsauth', `${TOKEN.slice(0, 20)}X${TOKEN.slice(21)}`)),
  zone('quoted.test', txtRecord('_dnsauth', `"${TOKEN}"`)),
  zone(
    'spaces.test',
    zoneBody(
      txtRecord('_nbsp', `${TOKEN.slice(0, 10)}\u00a0${TOKEN.slice(10)}`),
      txtRecord('_trailing', `${TOKEN} `),
      txtRecord('_case', TOKEN.toUpperCase()),
      txtRecord('_zw', `${TOKEN.slice(0, 10)}\u200b${TOKEN.slice(10)}`),
      txtRecord('_split', TOKEN.slice(0, 30)),
      txtRecord('_split', TOKEN.slice(30))
    )
  ),
  zone('stale.test', zoneBody(txtRecord('_dnsauth', OLD_TOKEN), txtRecord('_dnsauth', TOKEN))),
  // Typed `_dnsauth.doubled.test` into a console that appends the zone.
  zone('doubled.test', txtRecord('_dnsauth.doubled.test', TOKEN)),
  zone('wwwapex.test', txtRecord('_dnsauth.www', TOKEN)),
  zone('nounderscore.test', txtRecord('dnsauth', TOKEN)),
  zone('wildlabel.test', txtRecord('_dnsauth.*', TOKEN)),
  // TXT asked for, CNAME created whose target is the token; and the other way round.
  zone('cnameastxt.test', cnameRecord('_dnsauth', 'tok123.dcv.cnameastxt.test.')),
  zone('txtascname.test', txtRecord('_acme', 'tok123.dcv.txtascname.test')),
  zone('cnameconflict.test', cnameRecord('_dnsauth', 'shop.cnameconflict.test.') + '\n' + txtRecord('shop', 'site-verification=abc')),
  zone('cnameok.test', cnameRecord('_acme', 'tok123.dcv.cnameok.test.')),
  // Validation delegated by CNAME (acme-dns style): CAs follow the alias to the TXT.
  zone('delegated.test', cnameRecord('_dnsauth', '_dnsauth.validation.test.')),
  zone('indelegated.test', zoneBody(cnameRecord('_dnsauth', 'tokens'), txtRecord('tokens', TOKEN))),
  zone('validation.test', txtRecord('_dnsauth', TOKEN)),
  zone('ttl.test', txtRecord('_dnsauth', TOKEN, 3600)),
  zone('big.test', zoneBody(...MANY_VALUES.map((v) => txtRecord('_dnsauth', v)), txtRecord('_dnsauth', TOKEN))),
  // The subdomain is a zone of its own: relative host records are relative to it.
  zone('parent.test', zoneBody(txtRecord('_dnsauth', 'parent-token'), txtRecord('_dnsauth.blog', TOKEN))),
  zone('shop.parent.test', txtRecord('_dnsauth', TOKEN)),
  zone(
    'caa.test',
    zoneBody(caaRecord('@', { tag: 'issue', value: 'letsencrypt.org' }), txtRecord('_dnsauth', TOKEN), txtRecord('_dnsauth.sub', TOKEN))
  ),
  zone(
    'caawild.test',
    zoneBody(
      caaRecord('@', { tag: 'issue', value: 'digicert.com' }),
      caaRecord('@', { tag: 'issuewild', value: 'letsencrypt.org' }),
      txtRecord('_dnsauth', TOKEN)
    )
  )
]

await describeLab('diagnosis against NSD + Unbound: the record, zone and CAA findings', NET, () => {
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

  it('record.ok: the token is on both servers and at the resolver → verified', async () => {
    const report = await diagnose(['ok.test'])
    expectReport(report, {
      expect: ['record.ok', 'delegation.provider'],
      forbid: ['record.missing', 'record.ttl_long', 'record.stale_value', 'delegation.unreachable', 'propagation.pending', 'resolver.servfail'],
      params: { 'record.ok': { name: '_dnsauth.ok.test', type: 'TXT', servers: 2 } },
      verdict: 'verified'
    })
    expect(report.placements).toEqual([
      { certificateDomain: 'ok.test', baseDomain: 'ok.test', name: '_dnsauth.ok.test', zone: 'ok.test', relativeHost: '_dnsauth' }
    ])
    expect(report.resolvers.map((r) => [r.status, r.values])).toEqual([['ok', [TOKEN]]])
  })

  it.each([
    ['_multistring', TOKEN],
    ['_long', LONG_TOKEN]
  ])('record.ok for a value stored as several character-strings in one record (%s)', async (host, value) => {
    const report = await diagnose(['ok.test'], { host, value })
    expectReport(report, {
      expect: ['record.ok'],
      forbid: ['record.value_whitespace', 'record.value_mismatch', 'propagation.pending'],
      verdict: 'verified'
    })
    expect(report.authoritative[0]!.records[0]!.data).toMatchObject({ kind: 'txt', value })
    expect((report.authoritative[0]!.records[0]!.data as { strings: string[] }).strings).toHaveLength(2)
  })

  it('record.missing: NXDOMAIN at the name', async () => {
    const report = await diagnose(['nxdomain.test'])
    expectReport(report, {
      expect: ['record.missing'],
      forbid: ['record.ok', 'record.wrong_name', 'zone.not_found', 'propagation.negative_cached'],
      params: { 'record.missing': { name: '_dnsauth.nxdomain.test', type: 'TXT' } },
      verdict: 'action_needed'
    })
    expect(report.authoritative.map((o) => o.status)).toEqual(['nxdomain', 'nxdomain'])
  })

  it('record.missing: NODATA (the name exists with an A record only)', async () => {
    const report = await diagnose(['nodata.test'])
    expectReport(report, {
      expect: ['record.missing'],
      forbid: ['record.ok', 'record.wrong_type', 'zone.not_found'],
      verdict: 'action_needed'
    })
    expect(report.authoritative.map((o) => o.status)).toEqual(['nodata', 'nodata'])
  })

  it('record.value_mismatch: another value, with the first differing byte in the evidence', async () => {
    const report = await diagnose(['mismatch.test'])
    expectReport(report, {
      expect: ['record.value_mismatch'],
      forbid: ['record.ok', 'record.missing', 'record.value_whitespace', 'record.value_quoted'],
      params: { 'record.value_mismatch': { expected: TOKEN, found: `${TOKEN.slice(0, 20)}X${TOKEN.slice(21)}` } },
      verdict: 'action_needed'
    })
    const notes = report.findings.find((f) => f.id === 'record.value_mismatch')!.evidence.map((e) => e.note ?? '')
    expect(notes.join('\n')).toMatch(/byte 20 /)
  })

  it('record.value_quoted: the console stored the quotes the user typed', async () => {
    expectReport(await diagnose(['quoted.test']), {
      expect: ['record.value_quoted'],
      forbid: ['record.ok', 'record.value_mismatch', 'record.value_whitespace'],
      params: { 'record.value_quoted': { name: '_dnsauth.quoted.test', found: `"${TOKEN}"` } },
      verdict: 'action_needed'
    })
  })

  it.each([
    ['_nbsp', 'spaces'],
    ['_trailing', 'spaces'],
    ['_case', 'case'],
    ['_zw', 'invisible'],
    ['_split', 'split']
  ] as const)('record.value_whitespace: %s differs by %s', async (host, difference) => {
    expectReport(await diagnose(['spaces.test'], { host }), {
      expect: ['record.value_whitespace'],
      forbid: ['record.ok', 'record.value_mismatch', 'record.value_quoted', 'record.missing'],
      params: { 'record.value_whitespace': { name: `${host}.spaces.test`, expected: TOKEN, difference } },
      verdict: 'action_needed'
    })
  })

  it('record.stale_value: last year\'s token is still beside the new one (it blocks, as the CA guide says)', async () => {
    expectReport(await diagnose(['stale.test']), {
      expect: ['record.ok', 'record.stale_value'],
      forbid: ['record.value_mismatch', 'record.missing'],
      params: { 'record.stale_value': { name: '_dnsauth.stale.test', stale: [OLD_TOKEN] } },
      verdict: 'action_needed'
    })
  })

  it.each([
    ['doubled.test', '_dnsauth.doubled.test.doubled.test', 'zone_doubled'],
    ['wwwapex.test', '_dnsauth.www.wwwapex.test', 'www_apex'],
    ['nounderscore.test', 'dnsauth.nounderscore.test', 'missing_underscore'],
    ['wildlabel.test', '_dnsauth.*.wildlabel.test', 'wildcard']
  ] as const)('record.wrong_name: %s has the token at %s (%s)', async (domain, foundName, hint) => {
    expectReport(await diagnose([domain]), {
      // The state at the right name and its cause, both.
      expect: ['record.wrong_name', 'record.missing'],
      forbid: ['record.ok'],
      params: { 'record.wrong_name': { expectedName: `_dnsauth.${domain}`, foundName, hint, host: '_dnsauth' } },
      verdict: 'action_needed'
    })
  })

  it('record.wrong_type: a CNAME whose target is the token, where a TXT was asked for', async () => {
    expectReport(await diagnose(['cnameastxt.test'], { value: 'tok123.dcv.cnameastxt.test' }), {
      expect: ['record.wrong_type'],
      forbid: ['record.ok', 'record.cname_conflict', 'record.missing'],
      params: { 'record.wrong_type': { name: '_dnsauth.cnameastxt.test', expectedType: 'TXT', foundType: 'CNAME' } },
      verdict: 'action_needed'
    })
  })

  it('record.wrong_type: a TXT holding the target, where a CNAME was asked for', async () => {
    expectReport(await diagnose(['txtascname.test'], { host: '_acme', type: 'CNAME', value: 'tok123.dcv.txtascname.test' }), {
      expect: ['record.wrong_type'],
      forbid: ['record.ok', 'record.missing', 'record.value_mismatch'],
      params: { 'record.wrong_type': { name: '_acme.txtascname.test', expectedType: 'CNAME', foundType: 'TXT' } },
      verdict: 'action_needed'
    })
  })

  it('record.ok for a CNAME record (target compared as a name: case and trailing dot do not matter)', async () => {
    expectReport(await diagnose(['cnameok.test'], { host: '_acme', type: 'CNAME', value: 'TOK123.dcv.cnameok.test.' }), {
      expect: ['record.ok'],
      forbid: ['record.wrong_type', 'record.value_mismatch', 'record.cname_conflict'],
      verdict: 'verified'
    })
  })

  it.each(['delegated.test', 'indelegated.test'])(
    'record.ok for a CNAME whose target (in another zone or the same) holds the token: %s',
    async (domain) => {
      const report = await diagnose([domain])
      expectReport(report, {
        expect: ['record.ok'],
        forbid: ['record.cname_conflict', 'record.wrong_type', 'record.missing', 'record.value_mismatch'],
        verdict: 'verified'
      })
      expect(report.authoritative.every((o) => o.cname !== null && o.values.includes(TOKEN))).toBe(true)
    }
  )

  it('record.cname_conflict: a CNAME at the name hides the TXT', async () => {
    expectReport(await diagnose(['cnameconflict.test']), {
      expect: ['record.cname_conflict'],
      forbid: ['record.ok', 'record.wrong_type', 'record.missing'],
      params: { 'record.cname_conflict': { name: '_dnsauth.cnameconflict.test', target: 'shop.cnameconflict.test' } },
      verdict: 'action_needed'
    })
  })

  it('record.ttl_long: TTL 3600 on a correct record (a warning: still verified)', async () => {
    expectReport(await diagnose(['ttl.test']), {
      expect: ['record.ok', 'record.ttl_long'],
      params: { 'record.ttl_long': { name: '_dnsauth.ttl.test', ttl: 3600, recommended: 300 } },
      verdict: 'verified'
    })
  })

  it('reads every value of an RRset too big for UDP: the authoritative answer came over TCP', async () => {
    const report = await diagnose(['big.test'])
    expectReport(report, {
      expect: ['record.ok', 'record.stale_value'],
      forbid: ['record.value_mismatch', 'record.missing'],
      verdict: 'action_needed'
    })
    expect(report.authoritative).toHaveLength(2)
    for (const o of report.authoritative) {
      expect(o.transport).toBe('tcp')
      expect(o.values).toHaveLength(MANY_VALUES.length + 1)
    }
    const stale = report.findings.find((f) => f.id === 'record.stale_value')!.params['stale'] as string[]
    expect([...stale].sort()).toEqual([...MANY_VALUES].sort())
  })

  it('zone.not_found: a domain nobody registered under test.', async () => {
    const report = await diagnose(['unregistered.test'])
    expectReport(report, {
      expect: ['zone.not_found'],
      forbid: ['record.missing', 'record.ok', 'delegation.unreachable', 'delegation.provider'],
      params: { 'zone.not_found': { domain: 'unregistered.test' } },
      verdict: 'action_needed'
    })
    expect(report.placements[0]).toMatchObject({ zone: null, relativeHost: null })
  })

  it('places www. and *. at the base domain, and a relative host in a separately delegated subdomain zone', async () => {
    const report = await diagnose(['www.ok.test', '*.ok.test', 'shop.parent.test'])
    expectReport(report, { expect: ['record.ok'], forbid: ['record.missing', 'record.wrong_name'], verdict: 'verified' })
    expect(report.placements.map((p) => [p.name, p.zone, p.relativeHost])).toEqual([
      ['_dnsauth.ok.test', 'ok.test', '_dnsauth'],
      ['_dnsauth.ok.test', 'ok.test', '_dnsauth'],
      ['_dnsauth.shop.parent.test', 'shop.parent.test', '_dnsauth']
    ])
    expect(report.findings.filter((f) => f.id === 'record.ok').map((f) => f.params['name']).sort()).toEqual([
      '_dnsauth.ok.test',
      '_dnsauth.shop.parent.test'
    ])
  })

  it('takes a full host record, with or without the trailing dot, as the name itself', async () => {
    for (const host of ['_dnsauth.ok.test', '_dnsauth.ok.test.', '_DNSAUTH.OK.TEST.']) {
      const report = await diagnose(['ok.test'], { host })
      expectReport(report, { expect: ['record.ok'], forbid: ['record.missing', 'record.wrong_name'], verdict: 'verified' })
      expect(report.placements[0]).toMatchObject({ name: '_dnsauth.ok.test', relativeHost: '_dnsauth' })
    }
  })

  it('gives the host relative to the real zone apex when a subdomain is not a zone of its own', async () => {
    const report = await diagnose(['blog.parent.test'])
    expectReport(report, { expect: ['record.ok'], verdict: 'verified' })
    expect(report.placements[0]).toMatchObject({ name: '_dnsauth.blog.parent.test', zone: 'parent.test', relativeHost: '_dnsauth.blog' })
  })

  it('caa.blocks_ca: CAA at the domain names only Let\'s Encrypt, the CA is DigiCert', async () => {
    expectReport(await diagnose(['caa.test'], { ca: 'digicert' }), {
      expect: ['caa.blocks_ca', 'record.ok'],
      forbid: ['caa.allows_ca'],
      params: {
        'caa.blocks_ca': {
          domain: 'caa.test',
          foundAt: 'caa.test',
          ca: 'digicert',
          tag: 'issue',
          record: 'caa.test. CAA 0 issue "digicert.com"'
        }
      },
      verdict: 'action_needed'
    })
  })

  it('caa.blocks_ca: found by climbing from a subdomain to its parent', async () => {
    const report = await diagnose(['sub.caa.test'], { ca: 'digicert' })
    expectReport(report, {
      expect: ['caa.blocks_ca', 'record.ok'],
      forbid: ['caa.allows_ca'],
      params: { 'caa.blocks_ca': { domain: 'sub.caa.test', foundAt: 'caa.test', tag: 'issue' } },
      verdict: 'action_needed'
    })
    expect(report.caa).toEqual([
      { certificateDomain: 'sub.caa.test', foundAt: 'caa.test', records: [{ flags: 0, tag: 'issue', value: 'letsencrypt.org' }] }
    ])
  })

  it('caa.blocks_ca: issuewild decides for a wildcard domain, issue for the bare one', async () => {
    const report = await diagnose(['*.caawild.test', 'caawild.test'], { ca: 'digicert' })
    expectReport(report, {
      expect: ['caa.blocks_ca', 'caa.allows_ca', 'record.ok'],
      params: {
        'caa.blocks_ca': { domain: '*.caawild.test', foundAt: 'caawild.test', tag: 'issuewild', record: 'caawild.test. CAA 0 issuewild "digicert.com"' },
        'caa.allows_ca': { domain: 'caawild.test', foundAt: 'caawild.test', ca: 'digicert' }
      },
      verdict: 'action_needed'
    })
  })

  it('caa.allows_ca: the CAA names the chosen CA → still verified', async () => {
    expectReport(await diagnose(['caa.test'], { ca: 'letsencrypt' }), {
      expect: ['caa.allows_ca', 'record.ok'],
      forbid: ['caa.blocks_ca'],
      params: { 'caa.allows_ca': { domain: 'caa.test', foundAt: 'caa.test', ca: 'letsencrypt', caName: "Let's Encrypt" } },
      verdict: 'verified'
    })
  })
})
