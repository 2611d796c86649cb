import { describe, it } from 'vitest'
import { providerRule } from '../../../../src/main/diagnosis/rules/provider'
import { auth, checkRuleCase, input, NAME, NS1, NS2, observations, TOKEN, zone, type RuleCase } from '../../../support/diagnosis-fixtures'

const HUAWEI = ['ns1.huaweicloud-dns.com', 'ns1.huaweicloud-dns.cn']
const CLOUDFLARE = ['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com']
const on = (nameservers: string[], platform: string | null = null) =>
  observations({ input: input({ platform }), zones: [zone({ nameservers, parentNameservers: nameservers })] })

const atHuawei = (values: string[]) => ({
  platform: 'huaweicloud',
  nameservers: ['ns1.huaweicloud-dns.com'],
  name: NAME,
  zone: 'example.com',
  zoneFound: true,
  values,
  server: 'ns1.huaweicloud-dns.com (192.0.2.99)'
})

const cases: RuleCase[] = [
  {
    name: 'the record is at the platform the user named, the domain served by Cloudflare: said precisely, once',
    obs: observations({
      input: input({ platform: 'huaweicloud' }),
      zones: [zone({ nameservers: CLOUDFLARE, parentNameservers: CLOUDFLARE })],
      authoritative: [auth({ values: [], status: 'nxdomain' })],
      atPlatform: [atHuawei([TOKEN])]
    }),
    expect: ['delegation.record_at_other_platform', 'delegation.provider'],
    forbid: ['delegation.wrong_platform'],
    params: {
      'delegation.record_at_other_platform': {
        platform: 'huaweicloud',
        platformName: 'Huawei Cloud DNS',
        values: [TOKEN],
        nameservers: CLOUDFLARE,
        name: NAME
      }
    },
    verdict: 'action_needed'
  },
  {
    name: 'the named platform holds another value: wrong platform only',
    obs: observations({
      input: input({ platform: 'huaweicloud' }),
      zones: [zone({ nameservers: CLOUDFLARE, parentNameservers: CLOUDFLARE })],
      authoritative: [auth({ values: [], status: 'nxdomain' })],
      atPlatform: [atHuawei(['something-else'])]
    }),
    expect: ['delegation.wrong_platform'],
    forbid: ['delegation.record_at_other_platform']
  },
  {
    name: 'Huawei Cloud name servers, no platform given',
    obs: on(HUAWEI),
    expect: ['delegation.provider'],
    forbid: ['delegation.wrong_platform'],
    params: { 'delegation.provider': { provider: 'huaweicloud', providerName: 'Huawei Cloud DNS', nameservers: HUAWEI } },
    verdict: 'verified'
  },
  {
    name: 'the platform the user named is the one serving',
    obs: on(HUAWEI, 'huaweicloud'),
    expect: ['delegation.provider'],
    forbid: ['delegation.wrong_platform']
  },
  {
    name: 'the user edits Cloudflare, the domain is served by Huawei Cloud',
    obs: on(HUAWEI, 'cloudflare'),
    expect: ['delegation.provider', 'delegation.wrong_platform'],
    params: {
      'delegation.wrong_platform': {
        expected: 'cloudflare',
        expectedName: 'Cloudflare',
        actual: 'huaweicloud',
        actualName: 'Huawei Cloud DNS',
        nameservers: HUAWEI
      }
    },
    verdict: 'action_needed'
  },
  {
    name: 'half-migrated NS set: the named platform is among them',
    obs: on([...HUAWEI, CLOUDFLARE[0]!], 'cloudflare'),
    expect: ['delegation.provider'],
    forbid: ['delegation.wrong_platform'],
    params: { 'delegation.provider': { provider: 'huaweicloud' } }
  },
  {
    name: 'unknown name servers: named as the generic platform',
    obs: on([NS1.server, NS2.server]),
    expect: ['delegation.provider'],
    forbid: ['delegation.wrong_platform'],
    params: { 'delegation.provider': { provider: 'generic', nameservers: [NS1.server, NS2.server] } }
  },
  {
    name: 'unknown name servers, the user named Cloudflare',
    obs: on([NS1.server, NS2.server], 'cloudflare'),
    expect: ['delegation.wrong_platform'],
    params: { 'delegation.wrong_platform': { expected: 'cloudflare', actual: 'generic' } }
  },
  {
    name: 'the user chose "another provider": nothing to contradict',
    obs: on(CLOUDFLARE, 'generic'),
    expect: ['delegation.provider'],
    forbid: ['delegation.wrong_platform']
  },
  {
    name: 'only the parent side is known (the zone\'s servers did not answer NS)',
    obs: observations({ zones: [zone({ nameservers: [], parentNameservers: CLOUDFLARE })] }),
    expect: ['delegation.provider'],
    params: { 'delegation.provider': { provider: 'cloudflare', nameservers: CLOUDFLARE } }
  },
  {
    name: 'no zone, no name servers: nothing to say',
    obs: observations({
      input: input({ platform: 'cloudflare' }),
      zoneApex: null,
      zones: [zone({ found: false, apex: null, reason: 'nxdomain', nameservers: [], parentNameservers: [] })],
      authoritative: []
    }),
    forbid: ['delegation.provider', 'delegation.wrong_platform']
  }
]

describe('provider rule', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkRuleCase(providerRule, c)
  })
})
