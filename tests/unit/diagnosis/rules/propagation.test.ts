import { describe, it } from 'vitest'
import { propagationRule } from '../../../../src/main/diagnosis/rules/propagation'
import { auth, checkRuleCase, input, NAME, NS2, observations, resolver, TOKEN, type RuleCase } from '../../../support/diagnosis-fixtures'

const ALL = ['propagation.pending', 'propagation.negative_cached'] as const
const OLD = 'old-token'

const cases: RuleCase[] = [
  { name: 'servers and resolver agree', obs: observations({ resolvers: [resolver()] }), forbid: ALL },
  {
    name: 'servers right, resolver still has the old value (ETA = its remaining TTL)',
    obs: observations({ resolvers: [resolver({ values: [OLD], ttl: 212 })] }),
    expect: ['propagation.pending'],
    forbid: ['propagation.negative_cached'],
    params: { 'propagation.pending': { resolver: '192.0.2.53', name: NAME, seconds: 212 } }
  },
  {
    name: 'servers right, resolver cached NXDOMAIN (ETA = negative TTL left)',
    obs: observations({ resolvers: [resolver({ values: [], status: 'nxdomain', negativeTtl: 45 })] }),
    expect: ['propagation.negative_cached'],
    forbid: ['propagation.pending'],
    params: { 'propagation.negative_cached': { resolver: '192.0.2.53', name: NAME, seconds: 45 } }
  },
  {
    name: 'servers right, resolver cached NODATA',
    obs: observations({ resolvers: [resolver({ values: [], status: 'nodata', rcode: 'NOERROR', negativeTtl: 30 })] }),
    expect: ['propagation.negative_cached'],
    params: { 'propagation.negative_cached': { seconds: 30 } }
  },
  {
    name: 'a negative answer without a SOA: 0 seconds rather than no number',
    obs: observations({ resolvers: [resolver({ values: [], status: 'nxdomain', negativeTtl: null })] }),
    expect: ['propagation.negative_cached'],
    params: { 'propagation.negative_cached': { seconds: 0 } }
  },
  {
    name: 'resolver has old and new: nothing to wait for',
    obs: observations({ resolvers: [resolver({ values: [OLD, TOKEN] })] }),
    forbid: ALL
  },
  {
    name: 'the servers do not all have the record yet: not a cache problem',
    obs: observations({ authoritative: [auth(), auth({ ...NS2, values: [OLD] })], resolvers: [resolver({ values: [OLD] })] }),
    forbid: ALL
  },
  {
    name: 'the servers have a wrong value: not a cache problem',
    obs: observations({ authoritative: [auth({ values: [OLD] })], resolvers: [resolver({ values: [], status: 'nxdomain' })] }),
    forbid: ALL
  },
  {
    name: 'an unreachable server does not hold propagation back',
    obs: observations({ authoritative: [auth(), auth({ ...NS2, status: 'timeout' })], resolvers: [resolver({ values: [OLD], ttl: 10 })] }),
    expect: ['propagation.pending']
  },
  {
    name: 'a failing resolver is the resolvers rule\'s business',
    obs: observations({ resolvers: [resolver({ values: [], status: 'servfail' }), resolver({ values: [], status: 'timeout' })] }),
    forbid: ALL
  },
  {
    name: 'CNAME: the resolver\'s target compares as a name',
    obs: observations({
      input: input({ type: 'CNAME', value: 'tok.dcv.example.net' }),
      authoritative: [auth({ values: ['tok.dcv.example.net'], records: [] })],
      resolvers: [resolver({ values: ['TOK.dcv.example.net.'] })]
    }),
    forbid: ALL
  },
  {
    name: 'waiting on one name of two',
    obs: observations({
      input: input({ domains: ['example.com', 'shop.example.com'] }),
      authoritative: [auth(), auth({ name: '_dnsauth.shop.example.com' })],
      resolvers: [resolver(), resolver({ name: '_dnsauth.shop.example.com', values: [OLD], ttl: 99 })]
    }),
    expect: ['propagation.pending'],
    params: { 'propagation.pending': { name: '_dnsauth.shop.example.com', seconds: 99 } }
  }
]

describe('propagation rule', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkRuleCase(propagationRule, c)
  })
})
