import { describe, it } from 'vitest'
import { resolversRule } from '../../../../src/main/diagnosis/rules/resolvers'
import { checkRuleCase, NAME, observations, resolver, type RuleCase } from '../../../support/diagnosis-fixtures'

const ALL = ['resolver.unreachable', 'resolver.servfail', 'dnssec.bogus'] as const
const failed = { values: [] as string[], rcode: null }

const cases: RuleCase[] = [
  { name: 'an answer', obs: observations({ resolvers: [resolver()] }), forbid: ALL, verdict: 'verified' },
  { name: 'NXDOMAIN is an answer', obs: observations({ resolvers: [resolver({ values: [], status: 'nxdomain' })] }), forbid: ALL },
  { name: 'an old value is an answer', obs: observations({ resolvers: [resolver({ values: ['old'] })] }), forbid: ALL },
  ...(['timeout', 'refused', 'network'] as const).map(
    (status): RuleCase => ({
      name: `no answer (${status})`,
      obs: observations({ resolvers: [resolver({ ...failed, status })] }),
      expect: ['resolver.unreachable'],
      forbid: ['resolver.servfail', 'dnssec.bogus'],
      params: { 'resolver.unreachable': { resolver: '192.0.2.53' } },
      verdict: 'verified'
    })
  ),
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
    params: { 'dnssec.bogus': { resolver: '192.0.2.53', name: NAME, ede: 'Signature Expired: expired 2024-01-01' } },
    verdict: 'action_needed'
  },
  {
    name: 'bogus without EDE: an empty ede, never a missing one',
    obs: observations({ resolvers: [resolver({ values: [], status: 'bogus', rcode: 'SERVFAIL' })] }),
    expect: ['dnssec.bogus'],
    params: { 'dnssec.bogus': { ede: '' } }
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
