import { describe, it } from 'vitest'
import { resolversRule } from '../../../../src/main/diagnosis/rules/resolvers'
import { auth, checkRuleCase, NAME, observations, resolver, type RuleCase } from '../../../support/diagnosis-fixtures'

const ALL = ['resolver.unreachable', 'resolver.servfail', 'resolver.different_view', 'dnssec.bogus'] as const
const failed = { values: [] as string[], rcode: null }

const cases: RuleCase[] = [
  { name: 'an answer', obs: observations({ resolvers: [resolver()] }), forbid: ALL, verdict: 'verified' },
  { name: 'NXDOMAIN is an answer', obs: observations({ resolvers: [resolver({ values: [], status: 'nxdomain' })] }), forbid: ALL },
  { name: 'an old value is an answer', obs: observations({ resolvers: [resolver({ values: ['old'] })] }), forbid: ALL },
  ...(['timeout', 'refused', 'rejected', 'network', 'malformed'] as const).map(
    (status): RuleCase => ({
      name: `no answer (${status}): the reason says what the resolver did`,
      obs: observations({ resolvers: [resolver({ ...failed, status })] }),
      expect: ['resolver.unreachable'],
      forbid: ['resolver.servfail', 'dnssec.bogus', 'resolver.different_view'],
      params: { 'resolver.unreachable': { resolver: '192.0.2.53', resolvers: ['192.0.2.53'], reason: status } },
      verdict: 'verified'
    })
  ),
  {
    name: 'nine public resolvers that time out (offline): one finding listing them all',
    obs: observations({
      resolvers: Array.from({ length: 9 }, (_, i) => resolver({ ...failed, status: 'timeout', label: `R${i}`, address: `192.0.2.${60 + i}` }))
    }),
    expect: ['resolver.unreachable'],
    params: { 'resolver.unreachable': { resolvers: Array.from({ length: 9 }, (_, i) => `R${i}`), reason: 'timeout' } },
    verdict: 'verified'
  },
  {
    name: 'different reasons are different causes: one finding each',
    obs: observations({
      resolvers: [
        resolver({ ...failed, status: 'timeout', label: 'A', address: '192.0.2.60' }),
        resolver({ ...failed, status: 'refused', label: 'B', address: '192.0.2.61' }),
        resolver({ ...failed, status: 'malformed', label: 'C', address: '192.0.2.62', ignoredReplies: 3 })
      ]
    }),
    expect: ['resolver.unreachable'],
    params: { 'resolver.unreachable': { resolvers: ['A'], reason: 'timeout' } }
  },
  {
    name: 'NXDOMAIN without an SOA while the servers have the record: a different view',
    obs: observations({ resolvers: [resolver({ values: [], status: 'nxdomain', negativeTtl: null, negativeSoa: null, apexVisible: false })] }),
    expect: ['resolver.different_view'],
    forbid: ['resolver.unreachable', 'resolver.servfail', 'dnssec.bogus'],
    params: { 'resolver.different_view': { resolvers: ['192.0.2.53'], rcodes: ['NXDOMAIN'], apexVisible: false, name: NAME, zone: 'example.com' } },
    verdict: 'verified'
  },
  {
    name: 'NODATA without an SOA, the apex visible: a different view that knows the zone',
    obs: observations({
      resolvers: [resolver({ values: [], status: 'nodata', rcode: 'NOERROR', negativeTtl: null, negativeSoa: null, apexVisible: true })]
    }),
    expect: ['resolver.different_view'],
    params: { 'resolver.different_view': { rcodes: ['NOERROR (no record)'], apexVisible: true } }
  },
  {
    name: 'NXDOMAIN from the root\'s SOA (a private root, or a root that never heard of the TLD): the apex is not visible',
    obs: observations({
      resolvers: [resolver({ values: [], status: 'nxdomain', negativeTtl: 86400, negativeSoa: { owner: '.', mname: 'a.root-servers.net', rname: 'nstld.verisign-grs.com', serial: 1 } })]
    }),
    expect: ['resolver.different_view'],
    params: { 'resolver.different_view': { apexVisible: false } },
    verdict: 'verified'
  },
  {
    name: 'a real cached NXDOMAIN (SOA of the zone, time left) is no different view',
    obs: observations({ resolvers: [resolver({ values: [], status: 'nxdomain', negativeTtl: 120 })] }),
    forbid: ALL
  },
  {
    name: 'a different view is only judged when the servers have the record',
    obs: observations({
      authoritative: [auth({ values: [], status: 'nxdomain' })],
      resolvers: [resolver({ values: [], status: 'nxdomain', negativeTtl: null, negativeSoa: null, apexVisible: false })]
    }),
    forbid: ALL
  },
  {
    name: 'SERVFAIL that CD=1 does not cure',
    obs: observations({ resolvers: [resolver({ values: [], status: 'servfail', rcode: 'SERVFAIL' })] }),
    expect: ['resolver.servfail'],
    forbid: ['resolver.unreachable', 'dnssec.bogus'],
    params: { 'resolver.servfail': { resolver: '192.0.2.53', name: NAME } }
  },
  {
    name: 'SERVFAIL that CD=1 cures: bogus DNSSEC, with the EDE text',
    obs: observations({
      resolvers: [resolver({ values: [], status: 'bogus', rcode: 'SERVFAIL', extendedError: 'Signature Expired: expired 2024-01-01' })]
    }),
    expect: ['dnssec.bogus'],
    forbid: ['resolver.unreachable', 'resolver.servfail'],
    params: { 'dnssec.bogus': { resolver: '192.0.2.53', name: NAME, ede: 'Signature Expired: expired 2024-01-01', cause: 'signature_expired' } },
    verdict: 'action_needed'
  },
  {
    name: 'bogus without EDE: an empty ede, never a missing one',
    obs: observations({ resolvers: [resolver({ values: [], status: 'bogus', rcode: 'SERVFAIL' })] }),
    expect: ['dnssec.bogus'],
    params: { 'dnssec.bogus': { ede: '', cause: 'unknown', validFrom: '', validUntil: '' } }
  },
  {
    name: 'resolvers are labelled as the user knows them',
    obs: observations({ resolvers: [resolver({ ...failed, status: 'timeout', label: 'Google Public DNS (8.8.8.8)' })] }),
    expect: ['resolver.unreachable'],
    params: { 'resolver.unreachable': { resolver: 'Google Public DNS (8.8.8.8)' } }
  }
]

describe('resolvers rule', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkRuleCase(resolversRule, c)
  })
})
