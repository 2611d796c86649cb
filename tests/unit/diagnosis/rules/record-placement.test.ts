import { describe, it } from 'vitest'
import { recordPlacementRule } from '../../../../src/main/diagnosis/rules/record-placement'
import { auth, checkRuleCase, DOMAIN, input, NAME, nearMiss, NS2, observations, TOKEN, type RuleCase } from '../../../support/diagnosis-fixtures'

const both = (o: Parameters<typeof auth>[0]) => [auth(o), auth({ ...o, ...NS2 })]
const ALL = ['record.missing', 'record.wrong_name', 'record.wrong_type', 'record.cname_conflict'] as const
const others = (...keep: (typeof ALL)[number][]) => ALL.filter((id) => !keep.includes(id))
const nothing = { values: [] as string[] }
const SPF = 'v=spf1 include:_spf.mail.example.net -all'
const GOOGLE = 'google-site-verification=abcdef123'
const atApex = (values: string[]) =>
  observations({ input: input({ host: '@' }), authoritative: [auth({ name: DOMAIN, values }), auth({ name: DOMAIN, values, ...NS2 })] })

const cases: RuleCase[] = [
  {
    name: 'NXDOMAIN everywhere, no near miss',
    obs: observations({ authoritative: both({ ...nothing, status: 'nxdomain' }) }),
    expect: ['record.missing'],
    forbid: others('record.missing'),
    params: { 'record.missing': { name: NAME, type: 'TXT' } },
    verdict: 'action_needed'
  },
  {
    name: 'NODATA everywhere',
    obs: observations({ authoritative: both({ ...nothing, status: 'nodata' }) }),
    expect: ['record.missing'],
    forbid: others('record.missing')
  },
  {
    name: 'a record of the type is there (right or wrong): the value rule speaks',
    obs: observations({ authoritative: both({ values: ['other'] }) }),
    forbid: ALL
  },
  {
    name: 'apex with SPF and another service\'s verification only: the record is missing (they are not it)',
    obs: atApex([SPF, GOOGLE]),
    expect: ['record.missing'],
    forbid: others('record.missing'),
    params: { 'record.missing': { name: DOMAIN, type: 'TXT', values: [TOKEN] } },
    verdict: 'action_needed'
  },
  {
    name: 'apex with an old token of the same shape only: missing (the value rule adds that the old one is there)',
    obs: atApex([SPF, '20230114000000z9k2c0rj4xq1n8w7p5s6t3v2b1m0l9h8g7f6e5d4c3b2a1xy']),
    expect: ['record.missing'],
    forbid: others('record.missing')
  },
  {
    name: 'a wildcard CNAME answered for the name: nothing is there, so missing (not a CNAME in the way)',
    obs: observations({ authoritative: both({ ...nothing, cname: 'lb.hosting.example', wildcard: true }) }),
    expect: ['record.missing'],
    forbid: others('record.missing')
  },
  {
    name: 'a wildcard TXT answered for the name: missing',
    obs: observations({ authoritative: both({ values: ['v=spf1 -all', 'site-note'], wildcard: true }) }),
    expect: ['record.missing'],
    forbid: others('record.missing')
  },
  {
    name: 'apex with the token beside SPF: nothing for this rule',
    obs: atApex([SPF, TOKEN]),
    forbid: ALL
  },
  {
    name: 'apex with a botched copy beside SPF: the value rule speaks',
    obs: atApex([SPF, `${TOKEN.slice(0, 20)}Z${TOKEN.slice(21)}`]),
    forbid: ALL
  },
  {
    name: 'one server has a value, the other nothing: the value rule speaks (inconsistent)',
    obs: observations({ authoritative: [auth(), auth({ ...NS2, ...nothing, status: 'nxdomain' })] }),
    forbid: ALL
  },
  {
    name: 'no server reachable: nothing to conclude',
    obs: observations({ authoritative: [auth({ status: 'timeout' }), auth({ ...NS2, status: 'refused' })] }),
    forbid: ALL
  },
  {
    name: 'TXT expected, a CNAME at the name whose target is the value',
    obs: observations({
      input: input({ value: 'tok123.dcv.example.net' }),
      authoritative: both({ ...nothing, cname: 'tok123.dcv.example.net' })
    }),
    expect: ['record.wrong_type'],
    forbid: others('record.wrong_type'),
    params: { 'record.wrong_type': { name: NAME, expectedType: 'TXT', foundType: 'CNAME', found: 'tok123.dcv.example.net', expected: 'tok123.dcv.example.net' } }
  },
  {
    name: 'TXT expected, a CNAME elsewhere hides it',
    obs: observations({ authoritative: both({ ...nothing, cname: 'shop.example.com' }) }),
    expect: ['record.cname_conflict'],
    forbid: others('record.cname_conflict'),
    params: { 'record.cname_conflict': { name: NAME, target: 'shop.example.com' } },
    verdict: 'action_needed'
  },
  {
    name: 'CNAME expected, the target was put in a TXT',
    obs: observations({
      input: input({ type: 'CNAME', value: 'tok123.dcv.example.net' }),
      authoritative: both({ ...nothing, status: 'nodata', otherValues: ['tok123.dcv.example.net'] })
    }),
    expect: ['record.wrong_type'],
    forbid: others('record.wrong_type'),
    params: { 'record.wrong_type': { name: NAME, expectedType: 'CNAME', foundType: 'TXT', found: 'tok123.dcv.example.net', expected: 'tok123.dcv.example.net' } }
  },
  {
    name: 'the token at the doubled name: the state (missing) and its cause (wrong name), both',
    obs: observations({ authoritative: both(nothing), nearMisses: [nearMiss()] }),
    expect: ['record.wrong_name', 'record.missing'],
    forbid: others('record.wrong_name', 'record.missing'),
    params: {
      'record.wrong_name': { expectedName: NAME, foundName: `${NAME}.example.com`, hint: 'zone_doubled', host: '_dnsauth' }
    },
    verdict: 'action_needed'
  },
  {
    name: 'the token without its underscore, and quoted: still the user\'s record, at the wrong name',
    obs: observations({
      authoritative: both(nothing),
      nearMisses: [nearMiss({ foundName: 'dnsauth.example.com', hint: 'missing_underscore', values: [`"${TOKEN}"`] })]
    }),
    expect: ['record.wrong_name'],
    params: { 'record.wrong_name': { hint: 'missing_underscore', foundName: 'dnsauth.example.com' } }
  },
  {
    name: 'another value at a near-miss name is not the user\'s record',
    obs: observations({ authoritative: both(nothing), nearMisses: [nearMiss({ values: ['unrelated'] })] }),
    expect: ['record.missing'],
    forbid: others('record.missing')
  },
  {
    name: 'a near miss of another name does not count',
    obs: observations({ authoritative: both(nothing), nearMisses: [nearMiss({ expectedName: '_dnsauth.other.com' })] }),
    expect: ['record.missing'],
    forbid: ['record.wrong_name']
  },
  {
    name: 'the host to type is relative to the real zone (subdomain in its parent zone)',
    obs: observations({
      input: input({ domains: ['shop.example.com'] }),
      authoritative: both({ ...nothing, name: '_dnsauth.shop.example.com' }),
      nearMisses: [nearMiss({ expectedName: '_dnsauth.shop.example.com', foundName: '_dnsauth.www.shop.example.com', hint: 'www_apex' })]
    }),
    expect: ['record.wrong_name'],
    params: { 'record.wrong_name': { expectedName: '_dnsauth.shop.example.com', hint: 'www_apex', host: '_dnsauth.shop' } }
  },
  {
    name: 'CNAME near miss: compared as a name',
    obs: observations({
      input: input({ type: 'CNAME', value: 'tok.dcv.example.net' }),
      authoritative: both({ ...nothing, status: 'nodata' }),
      nearMisses: [nearMiss({ type: 'CNAME', values: ['TOK.dcv.example.net'] })]
    }),
    expect: ['record.wrong_name', 'record.missing'],
    forbid: others('record.wrong_name', 'record.missing')
  },
  {
    name: 'the token at a near-miss name and an old value at the right one: the cause is named (the old value is the value rule\'s)',
    obs: observations({ authoritative: both({ values: ['old-token'] }), nearMisses: [nearMiss()] }),
    expect: ['record.wrong_name'],
    forbid: others('record.wrong_name')
  }
]

describe('record-placement rule', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkRuleCase(recordPlacementRule, c)
  })
})
