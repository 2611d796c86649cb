import { describe, expect, it } from 'vitest'
import { delegationRule } from '../../../../src/main/diagnosis/rules/delegation'
import { auth, checkRuleCase, input, NS1, NS2, observations, zone, type RuleCase } from '../../../support/diagnosis-fixtures'

const ALL = ['delegation.unreachable', 'delegation.inconsistent', 'delegation.parent_child_mismatch'] as const

const cases: RuleCase[] = [
  { name: 'two healthy servers in sync', obs: observations(), forbid: ALL },
  {
    name: 'NXDOMAIN and NODATA are answers, not unreachable servers',
    obs: observations({ authoritative: [auth({ values: [], status: 'nxdomain' }), auth({ ...NS2, values: [], status: 'nodata' })] }),
    forbid: ALL
  },
  ...(['timeout', 'refused', 'lame', 'servfail', 'network'] as const).map(
    (status): RuleCase => ({
      name: `a server that ends in ${status}`,
      obs: observations({ authoritative: [auth(), auth({ ...NS2, status })] }),
      expect: ['delegation.unreachable'],
      forbid: ['delegation.inconsistent', 'delegation.parent_child_mismatch'],
      params: { 'delegation.unreachable': { server: NS2.server, address: NS2.address, reason: status } },
      verdict: 'verified'
    })
  ),
  {
    name: 'a dead server is named once, though asked about two names',
    obs: observations({
      input: input({ domains: ['example.com', 'shop.example.com'] }),
      authoritative: [
        auth(),
        auth({ ...NS2, status: 'timeout' }),
        auth({ name: '_dnsauth.shop.example.com' }),
        auth({ ...NS2, name: '_dnsauth.shop.example.com', status: 'timeout' })
      ]
    }),
    expect: ['delegation.unreachable']
  },
  {
    name: 'SOA serials differ (a secondary behind) while the record is not on every server yet',
    obs: observations({ authoritative: [auth({ values: ['old'], soaSerial: 7 }), auth({ ...NS2, values: ['old'], soaSerial: 8 })] }),
    expect: ['delegation.inconsistent'],
    forbid: ['delegation.unreachable', 'delegation.parent_child_mismatch'],
    params: {
      'delegation.inconsistent': { name: 'example.com', what: 'serials', details: `${NS1.server} (${NS1.address}): 7; ${NS2.server} (${NS2.address}): 8` }
    },
    verdict: 'action_needed'
  },
  {
    name: 'serials that differ do not block once every server serves the record',
    obs: observations({ authoritative: [auth({ soaSerial: 7 }), auth({ ...NS2, soaSerial: 8 })] }),
    forbid: ['delegation.inconsistent']
  },
  {
    name: 'a server without a SOA answer does not make the serials differ',
    obs: observations({ authoritative: [auth({ soaSerial: 7 }), auth({ ...NS2, soaSerial: null })] }),
    forbid: ['delegation.inconsistent']
  },
  {
    name: 'an unreachable server\'s serial is not compared',
    obs: observations({ authoritative: [auth({ soaSerial: 7 }), auth({ ...NS2, soaSerial: 8, status: 'lame' })] }),
    expect: ['delegation.unreachable'],
    forbid: ['delegation.inconsistent']
  },
  {
    name: 'parent and child list different name servers',
    obs: observations({ zones: [zone({ parentNameservers: [NS1.server] })] }),
    expect: ['delegation.parent_child_mismatch'],
    forbid: ['delegation.unreachable', 'delegation.inconsistent'],
    params: { 'delegation.parent_child_mismatch': { zone: 'example.com', parent: [NS1.server], child: [NS1.server, NS2.server] } },
    verdict: 'verified'
  },
  {
    name: 'the same NS sets in another order',
    obs: observations({ zones: [zone({ parentNameservers: [NS2.server, NS1.server] })] }),
    forbid: ['delegation.parent_child_mismatch']
  },
  {
    name: 'no parent side seen: nothing to compare',
    obs: observations({ zones: [zone({ parentNameservers: [] })] }),
    forbid: ['delegation.parent_child_mismatch']
  },
  // Every delegated server of the zone fails: the CA can ask no one else, so that is an error, named once.
  ...(['timeout', 'lame', 'refused'] as const).map(
    (status): RuleCase => ({
      name: `every server of the zone ends in ${status}: no server answers`,
      obs: observations({ authoritative: [auth({ status }), auth({ ...NS2, status })] }),
      expect: ['delegation.no_server_answers'],
      forbid: ALL,
      params: {
        'delegation.no_server_answers': { zone: 'example.com', servers: [`${NS1.server} (${NS1.address})`, `${NS2.server} (${NS2.address})`], reason: status }
      },
      verdict: 'action_needed'
    })
  ),
  {
    // As observe.ts reports a zone the walk could not use: not found, its servers from the walk's steps.
    name: 'the only delegated server is lame, so the walk stopped at the zone: no server answers',
    obs: observations({
      zoneApex: null,
      zones: [zone({ found: false, apex: null, reason: 'unreachable', nameservers: [], parentNameservers: [] })],
      authoritative: [auth({ status: 'lame' })]
    }),
    expect: ['delegation.no_server_answers'],
    forbid: ALL,
    params: { 'delegation.no_server_answers': { zone: 'example.com', servers: [`${NS1.server} (${NS1.address})`], reason: 'lame' } },
    verdict: 'action_needed'
  },
  {
    // The TLD's servers out of reach is the network on the way, not the domain's servers.
    name: 'the walk stopped above the domain (its TLD silent): the servers are named, not blamed on the domain',
    obs: observations({
      zoneApex: null,
      zones: [zone({ found: false, apex: null, reason: 'unreachable', nameservers: [], parentNameservers: [] })],
      authoritative: [auth({ zone: 'com', server: 'a.gtld-servers.net', status: 'timeout' })]
    }),
    expect: ['delegation.unreachable'],
    forbid: ['delegation.no_server_answers']
  },
  {
    name: 'one zone silent, another answering: the error is about the silent zone\'s records only',
    obs: observations({
      input: input({ domains: ['example.com', 'example.org'] }),
      authoritative: [
        auth({ status: 'timeout' }),
        auth({ ...NS2, status: 'timeout' }),
        auth({ name: '_dnsauth.example.org', zone: 'example.org', server: 'ns1.example.org', address: '192.0.2.9' })
      ]
    }),
    expect: ['delegation.no_server_answers'],
    forbid: ['delegation.unreachable'],
    params: { 'delegation.no_server_answers': { zone: 'example.com' } }
  },
  {
    name: 'a secondary behind on serial without the record: no serial finding (the record rule says it is syncing)',
    obs: observations({ authoritative: [auth({ values: [], status: 'nxdomain', soaSerial: 1 }), auth({ ...NS2, soaSerial: 2 })] }),
    forbid: ALL,
    verdict: 'waiting'
  },
  {
    name: 'zone not found: nothing to compare',
    obs: observations({ zoneApex: null, zones: [zone({ found: false, apex: null, reason: 'nxdomain', nameservers: [], parentNameservers: [] })], authoritative: [] }),
    forbid: ALL
  }
]

describe('delegation rule', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkRuleCase(delegationRule, c)
  })

  it('says which records a silent zone is about', () => {
    const findings = delegationRule.check(cases.find((c) => c.name.startsWith('one zone silent'))!.obs)
    expect(findings.find((f) => f.id === 'delegation.no_server_answers')!.records).toEqual([0])
  })

  it('names each dead server once', () => {
    const findings = delegationRule.check(cases.find((c) => c.name.startsWith('a dead server'))!.obs)
    expect(findings.filter((f) => f.id === 'delegation.unreachable')).toHaveLength(1)
  })
})
