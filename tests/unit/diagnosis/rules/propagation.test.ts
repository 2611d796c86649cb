import { describe, it } from 'vitest'
import { propagationRule } from '../../../../src/main/diagnosis/rules/propagation'
import { auth, checkRuleCase, input, NAME, NS2, observations, resolver, runDiagnosisReportOf, TOKEN, type RuleCase } from '../../../support/diagnosis-fixtures'

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
    name: 'a negative answer without an SOA is no cache to wait for (the resolver cannot see the domain)',
    obs: observations({ resolvers: [resolver({ values: [], status: 'nxdomain', negativeTtl: null, negativeSoa: null })] }),
    forbid: ALL,
    verdict: 'verified'
  },
  {
    name: 'a negative answer with no time left is no wait: never "about 0 seconds"',
    obs: observations({ resolvers: [resolver({ values: [], status: 'nxdomain', negativeTtl: 0 })] }),
    forbid: ALL,
    verdict: 'verified'
  },
  {
    name: 'an old value with no time left is no wait either',
    obs: observations({ resolvers: [resolver({ values: [OLD], ttl: 0 })] }),
    forbid: ALL,
    verdict: 'verified'
  },
  {
    name: 'a negative answer from a parent zone (the resolver does not see the delegation) is no wait',
    obs: observations({
      resolvers: [resolver({ values: [], status: 'nxdomain', negativeTtl: 900, negativeSoa: { owner: 'com', mname: 'a.gtld-servers.net', rname: 'nstld.verisign-grs.com', serial: 1 } })]
    }),
    forbid: ALL,
    verdict: 'verified'
  },
  {
    name: 'a negative wait longer than the zone itself allows comes from elsewhere',
    obs: observations({ resolvers: [resolver({ values: [], status: 'nxdomain', negativeTtl: 3600 })] }),
    forbid: ALL,
    verdict: 'verified'
  },
  {
    name: 'several resolvers waiting on one name: one finding listing them, the longest wait',
    obs: observations({
      resolvers: [
        resolver({ values: [OLD], ttl: 40, label: 'A', address: '192.0.2.10' }),
        resolver({ values: [OLD], ttl: 200, label: 'B', address: '192.0.2.11' }),
        resolver({ values: [], status: 'nxdomain', negativeTtl: 100, label: 'C', address: '192.0.2.12' }),
        resolver({ values: [], status: 'nxdomain', negativeTtl: 30, label: 'D', address: '192.0.2.13' })
      ]
    }),
    expect: ['propagation.pending', 'propagation.negative_cached'],
    params: {
      'propagation.pending': { resolver: 'A', resolvers: ['A', 'B'], seconds: 200 },
      'propagation.negative_cached': { resolver: 'C', resolvers: ['C', 'D'], seconds: 100 }
    },
    verdict: 'waiting'
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

describe('a wait that ran out is re-read, not counted again', () => {
  const at = Date.UTC(2024, 4, 28, 12)
  const negativeAt = (receivedAt: number, negativeTtl: number) => resolver({ values: [], status: 'nxdomain', negativeTtl, receivedAt })
  const previousReport = (resolvers: ReturnType<typeof resolver>[], inPlace: boolean) => {
    const obs = observations({ resolvers, ...(inPlace ? {} : { authoritative: [auth({ values: [], status: 'nxdomain' })] }) })
    return runDiagnosisReportOf(obs)
  }

  it('the record was in place, the resolver announced 60 s, and 5 minutes later still says "not found": not a cache', () => {
    const previous = previousReport([negativeAt(at, 60)], true)
    const obs = observations({ resolvers: [negativeAt(at + 300_000, 45)], previous })
    checkRuleCase(propagationRule, { name: 'ran out', obs, forbid: ALL, verdict: 'verified' })
  })

  it('still within the announced wait: still waiting', () => {
    const previous = previousReport([negativeAt(at, 600)], true)
    const obs = observations({ resolvers: [negativeAt(at + 60_000, 540)], previous })
    checkRuleCase(propagationRule, { name: 'within', obs, expect: ['propagation.negative_cached'], params: { 'propagation.negative_cached': { seconds: 540 } } })
  })

  it('the record was not in place at the previous check: a new negative answer after it is a real cache', () => {
    const previous = previousReport([negativeAt(at, 60)], false)
    const obs = observations({ resolvers: [negativeAt(at + 300_000, 45)], previous })
    checkRuleCase(propagationRule, { name: 'not before', obs, expect: ['propagation.negative_cached'], verdict: 'waiting' })
  })
})
