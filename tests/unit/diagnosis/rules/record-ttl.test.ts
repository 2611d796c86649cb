import { describe, expect, it } from 'vitest'
import { recordTtlRule } from '../../../../src/main/diagnosis/rules/record-ttl'
import { auth, checkRuleCase, NAME, NS2, observations, type RuleCase } from '../../../support/diagnosis-fixtures'

const cases: RuleCase[] = [
  { name: 'TTL 300', obs: observations({ authoritative: [auth({ ttl: 300 }), auth({ ...NS2, ttl: 300 })] }), forbid: ['record.ttl_long'] },
  { name: 'TTL 60', obs: observations({ authoritative: [auth({ ttl: 60 })] }), forbid: ['record.ttl_long'] },
  {
    name: 'TTL 301',
    obs: observations({ authoritative: [auth({ ttl: 301 })] }),
    expect: ['record.ttl_long'],
    params: { 'record.ttl_long': { name: NAME, ttl: 301, recommended: 300 } }
  },
  {
    name: 'TTL 3600 on one server: the longest counts (a warning, not a block)',
    obs: observations({ authoritative: [auth({ ttl: 300 }), auth({ ...NS2, ttl: 3600 })] }),
    expect: ['record.ttl_long'],
    params: { 'record.ttl_long': { ttl: 3600 } }
  },
  {
    name: 'a long TTL on a wrong value still bites later',
    obs: observations({ authoritative: [auth({ values: ['wrong'], ttl: 86400 })] }),
    expect: ['record.ttl_long'],
    params: { 'record.ttl_long': { ttl: 86400 } }
  },
  {
    name: 'a long TTL on a CNAME at the name',
    obs: observations({ authoritative: [auth({ values: [], cname: 'x.example.net', ttl: 7200 })] }),
    expect: ['record.ttl_long'],
    params: { 'record.ttl_long': { ttl: 7200 } }
  },
  {
    name: 'a wildcard\'s answer: the record to add is new, its TTL is whatever the user sets',
    obs: observations({ authoritative: [auth({ values: ['v=spf1 -all'], ttl: 86400, wildcard: true })] }),
    forbid: ['record.ttl_long']
  },
  {
    name: 'no record: no TTL to judge',
    obs: observations({ authoritative: [auth({ values: [], status: 'nxdomain', ttl: 3600 })] }),
    forbid: ['record.ttl_long']
  },
  {
    name: 'an unreachable server carries no TTL',
    obs: observations({ authoritative: [auth({ status: 'timeout', ttl: 3600 })] }),
    forbid: ['record.ttl_long']
  }
]

describe('record-ttl rule', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkRuleCase(recordTtlRule, c)
  })

  it('gives as evidence only the servers whose TTL is too long', () => {
    const [finding] = recordTtlRule.check(observations({ authoritative: [auth({ ttl: 300 }), auth({ ...NS2, ttl: 3600 })] }))
    expect(finding!.evidence.map((e) => [e.server, e.ttl])).toEqual([[`${NS2.server} (${NS2.address})`, 3600]])
  })
})
