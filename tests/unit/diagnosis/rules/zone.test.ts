import { describe, expect, it } from 'vitest'
import { zoneRule } from '../../../../src/main/diagnosis/rules/zone'
import { auth, checkRuleCase, input, NAME, observations, zone, type RuleCase } from '../../../support/diagnosis-fixtures'

const notFound = (reason: 'nxdomain' | 'no_delegation' | 'unreachable', message = 'what the walk found') =>
  zone({ found: false, apex: null, reason, message, nameservers: [], parentNameservers: [] })

const cases: RuleCase[] = [
  { name: 'the zone was found', obs: observations(), forbid: ['zone.not_found', 'delegation.unreachable'] },
  {
    name: 'NXDOMAIN at the registry: not registered',
    obs: observations({ zoneApex: null, zones: [notFound('nxdomain')], authoritative: [] }),
    expect: ['zone.not_found'],
    forbid: ['delegation.unreachable'],
    params: { 'zone.not_found': { domain: 'example.com' } },
    verdict: 'action_needed'
  },
  {
    name: 'the domain is named as the user knows it: www. and *. at the base domain',
    obs: observations({ input: input({ domains: ['www.example.com'] }), zoneApex: null, zones: [notFound('nxdomain')], authoritative: [] }),
    expect: ['zone.not_found'],
    params: { 'zone.not_found': { domain: 'example.com' } }
  },
  {
    name: 'not delegated to servers of its own',
    obs: observations({ zoneApex: null, zones: [notFound('no_delegation')], authoritative: [] }),
    expect: ['zone.not_found']
  },
  {
    name: 'no server of the zone could be used, and none was even asked (no address)',
    obs: observations({ zoneApex: null, zones: [notFound('unreachable', 'ns1.example.com has no address')], authoritative: [] }),
    expect: ['delegation.unreachable'],
    forbid: ['zone.not_found'],
    verdict: 'action_needed'
  },
  {
    name: 'no server of the zone could be used, each one observed: the delegation rule names them',
    obs: observations({
      zoneApex: null,
      zones: [notFound('unreachable')],
      authoritative: [auth({ status: 'timeout' })]
    }),
    forbid: ['zone.not_found', 'delegation.unreachable'],
    verdict: 'action_needed'
  },
  {
    name: 'one finding per name',
    obs: observations({
      input: input({ domains: ['example.com', 'other.org'] }),
      zoneApex: null,
      zones: [notFound('nxdomain'), { ...notFound('nxdomain'), name: '_dnsauth.other.org' }],
      authoritative: []
    }),
    expect: ['zone.not_found'],
    params: { 'zone.not_found': { domain: 'example.com' } }
  }
]

describe('zone rule', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkRuleCase(zoneRule, c)
  })

  it('says which query showed it', () => {
    const [finding] = zoneRule.check(observations({ zoneApex: null, zones: [notFound('nxdomain', 'example.com does not exist')], authoritative: [] }))
    expect(finding!.evidence).toEqual([{ query: { name: NAME, type: 'SOA' }, note: 'example.com does not exist' }])
  })
})
