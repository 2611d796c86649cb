import { describe, expect, it } from 'vitest'
import { caaRule } from '../../../../src/main/diagnosis/rules/caa'
import { caa, checkRuleCase, input, observations, type RuleCase } from '../../../support/diagnosis-fixtures'

const issue = (value: string, flags = 0) => ({ flags, tag: 'issue', value })
const issuewild = (value: string) => ({ flags: 0, tag: 'issuewild', value })
const withCaa = (ca: string | null, caaObs: ReturnType<typeof caa>[], domains = ['example.com']) =>
  observations({ input: input({ ca, domains }), caa: caaObs })

const cases: RuleCase[] = [
  {
    // The CA's guide, "Problem 4": a CAA record set can keep the CA from issuing; with no CA named, say who is allowed.
    name: 'no CA chosen, CAA restricts issuance: a warning naming who may issue',
    obs: withCaa(null, [caa({ records: [issue('other-ca.example')] })]),
    expect: ['caa.restricts'],
    forbid: ['caa.blocks_ca', 'caa.allows_ca'],
    params: { 'caa.restricts': { domain: 'example.com', domains: ['example.com'], foundAt: 'example.com', allowed: ['other-ca.example'], anyAllowed: true } },
    verdict: 'verified'
  },
  {
    name: 'no CA chosen, issue ";": nobody may issue',
    obs: withCaa(null, [caa({ records: [issue(';')] })]),
    expect: ['caa.restricts'],
    params: { 'caa.restricts': { allowed: [], anyAllowed: false } }
  },
  {
    name: 'no CA chosen, several issuers with parameters: each issuer domain once',
    obs: withCaa(null, [caa({ records: [issue('LetsEncrypt.org; validationmethods=dns-01'), issue('digicert.com'), issue('letsencrypt.org')] })]),
    params: { 'caa.restricts': { allowed: ['letsencrypt.org', 'digicert.com'] } }
  },
  {
    name: 'no CA chosen, a wildcard: the issuewild list is the one that counts',
    obs: withCaa(null, [caa({ certificateDomain: '*.example.com', records: [issue('digicert.com'), issuewild('letsencrypt.org')] })], ['*.example.com']),
    params: { 'caa.restricts': { domain: '*.example.com', allowed: ['letsencrypt.org'] } }
  },
  {
    name: 'no CA chosen, iodef only: restricts nobody, nothing to say',
    obs: withCaa(null, [caa({ records: [{ flags: 0, tag: 'iodef', value: 'mailto:security@example.com' }] })]),
    forbid: ['caa.restricts', 'caa.blocks_ca', 'caa.allows_ca']
  },
  {
    name: 'no CA chosen, no CAA anywhere: nothing to say',
    obs: withCaa(null, [caa({ foundAt: null, records: [] })]),
    forbid: ['caa.restricts', 'caa.blocks_ca', 'caa.allows_ca']
  },
  {
    name: 'a CA chosen: no restricts warning beside the answer for that CA',
    obs: withCaa('digicert', [caa()]),
    forbid: ['caa.restricts']
  },
  {
    name: 'no CAA anywhere: every CA may issue, nothing to say',
    obs: withCaa('digicert', [caa({ foundAt: null, records: [] })]),
    forbid: ['caa.blocks_ca', 'caa.allows_ca']
  },
  {
    name: 'CAA names only Let\'s Encrypt, the CA is DigiCert',
    obs: withCaa('digicert', [caa()]),
    expect: ['caa.blocks_ca'],
    forbid: ['caa.allows_ca'],
    params: {
      'caa.blocks_ca': {
        domain: 'example.com',
        foundAt: 'example.com',
        ca: 'digicert',
        caName: 'DigiCert',
        record: 'example.com. CAA 0 issue "digicert.com"',
        tag: 'issue'
      }
    },
    verdict: 'action_needed'
  },
  {
    name: 'CAA names the CA',
    obs: withCaa('letsencrypt', [caa()]),
    expect: ['caa.allows_ca'],
    forbid: ['caa.blocks_ca'],
    params: { 'caa.allows_ca': { domain: 'example.com', foundAt: 'example.com', ca: 'letsencrypt', caName: "Let's Encrypt" } },
    verdict: 'verified'
  },
  {
    name: 'CAA names the CA with parameters and odd case',
    obs: withCaa('letsencrypt', [caa({ records: [issue('LetsEncrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1')] })]),
    expect: ['caa.allows_ca']
  },
  {
    name: 'CAA of another brand of the same CA (GeoTrust under DigiCert)',
    obs: withCaa('geotrust', [caa({ records: [issue('digicert.com')] })]),
    expect: ['caa.allows_ca']
  },
  {
    name: 'found by climbing: the record to add goes where the CAA set is',
    obs: withCaa('digicert', [caa({ certificateDomain: 'shop.example.com', foundAt: 'example.com' })], ['shop.example.com']),
    expect: ['caa.blocks_ca'],
    params: { 'caa.blocks_ca': { domain: 'shop.example.com', foundAt: 'example.com', record: 'example.com. CAA 0 issue "digicert.com"' } }
  },
  {
    name: 'a wildcard: issuewild decides when present',
    obs: withCaa('digicert', [caa({ certificateDomain: '*.example.com', records: [issue('digicert.com'), issuewild('letsencrypt.org')] })], [
      '*.example.com'
    ]),
    expect: ['caa.blocks_ca'],
    params: { 'caa.blocks_ca': { domain: '*.example.com', tag: 'issuewild', record: 'example.com. CAA 0 issuewild "digicert.com"' } }
  },
  {
    name: 'a wildcard without issuewild: issue decides',
    obs: withCaa('digicert', [caa({ certificateDomain: '*.example.com', records: [issue('digicert.com')] })], ['*.example.com']),
    expect: ['caa.allows_ca']
  },
  {
    name: 'a wildcard: issuewild ";" forbids every CA for wildcards',
    obs: withCaa('letsencrypt', [caa({ certificateDomain: '*.example.com', records: [issue('letsencrypt.org'), issuewild(';')] })], [
      '*.example.com'
    ]),
    expect: ['caa.blocks_ca'],
    params: { 'caa.blocks_ca': { tag: 'issuewild' } }
  },
  {
    name: 'not a wildcard: issuewild alone does not restrict it',
    obs: withCaa('digicert', [caa({ records: [issuewild('letsencrypt.org')] })]),
    expect: ['caa.allows_ca']
  },
  {
    name: 'issue ";" forbids every CA',
    obs: withCaa('letsencrypt', [caa({ records: [issue(';')] })]),
    expect: ['caa.blocks_ca']
  },
  {
    name: 'iodef only: CAA present but restricting nobody',
    obs: withCaa('digicert', [caa({ records: [{ flags: 0, tag: 'iodef', value: 'mailto:security@example.com' }] })]),
    expect: ['caa.allows_ca']
  },
  {
    // RFC 8659 section 4.1: the CA is listed, the critical record is what stops it, and it is what to remove.
    name: 'an unknown tag with the critical flag forbids everyone: the critical record is the cause',
    obs: withCaa('letsencrypt', [caa({ records: [issue('letsencrypt.org'), { flags: 128, tag: 'tbs', value: 'x' }] })]),
    expect: ['caa.blocks_ca'],
    forbid: ['caa.allows_ca'],
    params: { 'caa.blocks_ca': { tag: 'critical', record: 'example.com. CAA 128 tbs "x"', ca: 'letsencrypt' } },
    verdict: 'action_needed'
  },
  {
    name: 'a critical unknown tag beside a list without the CA: both causes, each with its fix',
    obs: withCaa('digicert', [caa({ records: [issue('letsencrypt.org'), { flags: 128, tag: 'tbs', value: 'x' }] })]),
    params: { 'caa.blocks_ca': { tag: 'critical' } }
  },
  {
    name: 'a known tag with the critical flag is no obstacle',
    obs: withCaa('letsencrypt', [caa({ records: [issue('letsencrypt.org', 128)] })]),
    expect: ['caa.allows_ca']
  },
  {
    name: 'an unknown tag without the critical flag is ignored',
    obs: withCaa('letsencrypt', [caa({ records: [issue('letsencrypt.org'), { flags: 0, tag: 'tbs', value: 'x' }] })]),
    expect: ['caa.allows_ca']
  },
  {
    name: 'one finding per certificate domain',
    obs: withCaa('digicert', [caa({ records: [issue('digicert.com')] }), caa({ certificateDomain: 'other.org', foundAt: 'other.org' })], [
      'example.com',
      'other.org'
    ]),
    expect: ['caa.allows_ca', 'caa.blocks_ca'],
    params: { 'caa.allows_ca': { domain: 'example.com' }, 'caa.blocks_ca': { domain: 'other.org', foundAt: 'other.org' } }
  }
]

describe('caa rule', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkRuleCase(caaRule, c)
  })

  it('reports a critical unknown tag and a list without the CA as two causes', () => {
    const findings = caaRule.check(cases.find((c) => c.name.startsWith('a critical unknown tag beside'))!.obs)
    expect(findings.map((f) => [f.id, f.params['tag'], f.params['record']])).toEqual([
      ['caa.blocks_ca', 'critical', 'example.com. CAA 128 tbs "x"'],
      ['caa.blocks_ca', 'issue', 'example.com. CAA 0 issue "digicert.com"']
    ])
  })
})
