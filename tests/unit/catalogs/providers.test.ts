import { describe, expect, it } from 'vitest'
import { CatalogError, nsPatternProblem } from '../../../src/main/diagnosis/catalogs/catalog-schema'
import providersData from '../../../src/main/diagnosis/catalogs/providers.json'
import {
  detectProvider,
  getGenericProvider,
  getProvider,
  listProviders,
  normalizeNsHost,
  nsPatternToRegExp,
  parseProviderCatalog,
  providerForNsHost
} from '../../../src/main/diagnosis/catalogs/providers'

/** NS host names as real zones publish them, with the platform each belongs to. */
const REAL_NS_HOSTS: [host: string, providerId: string][] = [
  ['ns1.huaweicloud-dns.com', 'huaweicloud'],
  ['ns1.huaweicloud-dns.cn', 'huaweicloud'],
  ['ns1.huaweicloud-dns.net', 'huaweicloud'],
  ['ns1.huaweicloud-dns.org', 'huaweicloud'],
  ['ns1.hwclouds-dns.com', 'huaweicloud'],
  ['ns1.hwclouds-dns.net', 'huaweicloud'],
  ['dns9.hichina.com', 'alibaba'],
  ['dns10.hichina.com', 'alibaba'],
  ['ns1.alidns.com', 'alibaba'],
  ['vip1.alidns.com', 'alibaba'],
  ['f1g1ns1.dnspod.net', 'dnspod'],
  ['f1g1ns2.dnspod.net', 'dnspod'],
  ['ns3.dnsv2.com', 'dnspod'],
  ['ns4.dnsv5.com', 'dnspod'],
  ['ns1.bdydns.cn', 'baidu'],
  ['sv3.bdydns.cn', 'baidu'],
  ['ada.ns.cloudflare.com', 'cloudflare'],
  ['bob.ns.cloudflare.com', 'cloudflare'],
  ['ns1.foundationdns.com', 'cloudflare'],
  ['ns-1234.awsdns-12.org', 'route53'],
  ['ns-88.awsdns-11.com', 'route53'],
  ['ns-600.awsdns-10.net', 'route53'],
  ['ns-1800.awsdns-33.co.uk', 'route53'],
  ['ns-cloud-a1.googledomains.com', 'google-cloud'],
  ['ns-cloud-e4.googledomains.com', 'google-cloud'],
  ['ns1-05.azure-dns.com', 'azure'],
  ['ns2-05.azure-dns.net', 'azure'],
  ['ns3-05.azure-dns.org', 'azure'],
  ['ns4-05.azure-dns.info', 'azure'],
  ['ns01.domaincontrol.com', 'godaddy'],
  ['ns72.domaincontrol.com', 'godaddy'],
  ['dns1.registrar-servers.com', 'namecheap'],
  ['pdns1.registrar-servers.com', 'namecheap'],
  ['ns-123-a.gandi.net', 'gandi'],
  ['ns-1.gandi.net', 'gandi'],
  ['dns10.ovh.net', 'ovh'],
  ['ns10.ovh.net', 'ovh'],
  ['dns200.anycast.me', 'ovh'],
  ['hydrogen.ns.hetzner.com', 'hetzner'],
  ['helium.ns.hetzner.de', 'hetzner'],
  ['ns1.your-server.de', 'hetzner'],
  ['ns1.first-ns.de', 'hetzner'],
  ['ns.second-ns.com', 'hetzner'],
  ['ns1.digitalocean.com', 'digitalocean'],
  ['ns3.digitalocean.com', 'digitalocean'],
  ['curitiba.porkbun.com', 'porkbun'],
  ['fortaleza.ns.porkbun.com', 'porkbun'],
  ['ns1045.ui-dns.com', 'ionos'],
  ['ns1116.ui-dns.de', 'ionos'],
  ['ns1072.ui-dns.org', 'ionos'],
  ['ns1039.ui-dns.biz', 'ionos'],
  ['ns1.name.com', 'namecom'],
  ['ns2fkz.name.com', 'namecom'],
  ['ns1.vercel-dns.com', 'vercel'],
  ['dns1.p01.nsone.net', 'ns1'],
  ['a1-64.akam.net', 'akamai'],
  ['a22-66.akam.net', 'akamai'],
  ['pdns196.ultradns.com', 'ultradns'],
  ['pdns196.ultradns.net', 'ultradns'],
  ['udns1.ultradns.co.uk', 'ultradns'],
  ['ns1.p31.dynect.net', 'dyn'],
  ['ns1.dnsimple.com', 'dnsimple'],
  ['ns2.dnsimple-edge.net', 'dnsimple'],
  ['ns1.linode.com', 'linode'],
  ['ns5.linode.com', 'linode'],
  ['ns1.vultr.com', 'vultr'],
  ['ns1.myhostadmin.net', 'westcn'],
  ['ns1.xincache.com', 'xinnet'],
  ['ns1.dnsowl.com', 'namesilo']
]

/** Names that look like a platform's but are not its name servers. */
const LOOKALIKES = [
  'evilcloudflare.com',
  'ns.evilcloudflare.com',
  'ns.cloudflare.com', // no label before ".ns.cloudflare.com"
  'cloudflare.com',
  'ada.ns.cloudflare.com.evil.net',
  'ada.ns.cloudflare.community',
  'ns1.alidns.com.cn',
  'ns1.notalidns.com',
  'alidns.com',
  'ns1.huaweicloud-dns.evil.example',
  'ns1.huaweicloud-dnsx.com',
  'ns-1.awsdns-1.evil.example',
  'ns1.awsdns-1.com',
  'ns-cloud-a1.googledomains.com.evil.net',
  'ns1.domaincontrol.com.evil',
  'dns1.registrar-servers.co',
  'xns1.name.com',
  'ns1.dnspod.network'
]

describe('detectProvider: each platform from its real NS host names', () => {
  it.each(REAL_NS_HOSTS)('%s → %s', (host, providerId) => {
    const match = detectProvider([host])
    expect(match?.provider.id).toBe(providerId)
    expect(match?.hosts).toEqual([host])
    expect(match?.mixed).toBe(false)
  })

  it('matches case-insensitively and ignores the trailing dot and surrounding spaces', () => {
    const match = detectProvider(['ADA.NS.CLOUDFLARE.COM.', ' Bob.Ns.Cloudflare.Com '])
    expect(match?.provider.id).toBe('cloudflare')
    expect(match?.hosts).toEqual(['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com'])
    expect(match?.mixed).toBe(false)
  })

  it('claims each sample host for exactly one platform', () => {
    for (const [host] of REAL_NS_HOSTS) {
      const owners = listProviders().filter((p) => p.nsPatterns.some((pattern) => nsPatternToRegExp(pattern).test(host)))
      expect(owners.map((p) => p.id), host).toHaveLength(1)
    }
  })

  it('covers every platform in the catalog except generic with at least one sample', () => {
    const sampled = new Set(REAL_NS_HOSTS.map(([, id]) => id))
    const unsampled = listProviders()
      .map((p) => p.id)
      .filter((id) => id !== 'generic' && !sampled.has(id))
    expect(unsampled).toEqual([])
  })
})

describe('detectProvider: unknown and look-alike hosts', () => {
  it.each(LOOKALIKES)('%s is nobody', (host) => {
    expect(providerForNsHost(host)).toBeUndefined()
    expect(detectProvider([host])).toBeNull()
  })

  it('returns null for self-hosted name servers and for an empty set', () => {
    expect(detectProvider(['ns1.example.com', 'ns2.example.com'])).toBeNull()
    expect(detectProvider([])).toBeNull()
    expect(detectProvider(['', '  ', '.'])).toBeNull()
  })
})

describe('detectProvider: mixed NS sets', () => {
  it('picks the platform with most hosts and lists every platform seen', () => {
    const match = detectProvider([
      'dns9.hichina.com',
      'ns1.huaweicloud-dns.com',
      'ns1.huaweicloud-dns.cn',
      'ns1.huaweicloud-dns.net'
    ])
    expect(match?.provider.id).toBe('huaweicloud')
    expect(match?.hosts).toEqual(['ns1.huaweicloud-dns.com', 'ns1.huaweicloud-dns.cn', 'ns1.huaweicloud-dns.net'])
    expect(match?.all.map((g) => [g.provider.id, g.hosts])).toEqual([
      ['huaweicloud', ['ns1.huaweicloud-dns.com', 'ns1.huaweicloud-dns.cn', 'ns1.huaweicloud-dns.net']],
      ['alibaba', ['dns9.hichina.com']]
    ])
    expect(match?.mixed).toBe(true)
  })

  it('breaks a tie in favour of the platform listed first', () => {
    const match = detectProvider(['f1g1ns1.dnspod.net', 'ada.ns.cloudflare.com', 'bob.ns.cloudflare.com', 'f1g1ns2.dnspod.net'])
    expect(match?.provider.id).toBe('dnspod')
    expect(match?.all.map((g) => g.provider.id)).toEqual(['dnspod', 'cloudflare'])
  })

  it('keeps unknown hosts beside a known platform and calls the set mixed', () => {
    const match = detectProvider(['ns1.example.net', 'ada.ns.cloudflare.com', 'bob.ns.cloudflare.com'])
    expect(match?.provider.id).toBe('cloudflare')
    expect(match?.unmatchedHosts).toEqual(['ns1.example.net'])
    expect(match?.mixed).toBe(true)
  })

  it('counts a host repeated in the input once', () => {
    const match = detectProvider(['ada.ns.cloudflare.com', 'ADA.ns.cloudflare.com.', 'dns9.hichina.com', 'dns10.hichina.com'])
    expect(match?.provider.id).toBe('alibaba')
    expect(match?.all.find((g) => g.provider.id === 'cloudflare')?.hosts).toEqual(['ada.ns.cloudflare.com'])
  })
})

describe('nsPatternToRegExp', () => {
  it.each([
    ['*.ns.cloudflare.com', 'a.b.ns.cloudflare.com', true],
    ['*.ns.cloudflare.com', 'ns.cloudflare.com', false],
    ['ns*.name.com', 'ns.name.com', true],
    ['ns*.name.com', 'ns1.name.com', true],
    ['ns*.name.com', 'a.ns1.name.com', false],
    ['ns-*.awsdns-*.*', 'ns-1.awsdns-2.com', true],
    ['ns-*.awsdns-*.*', 'ns-1.awsdns-2.co.uk', false],
    ['*.ui-dns.*', 'ns1.ui-dns.de', true],
    ['*.ui-dns.*', 'ns1.ui-dns.de.evil', false],
    ['*.dnsv*.com', 'ns3.dnsv2.com', true],
    ['*.dnsv*.com', 'ns3.dns2.com', false]
  ])('%s against %s → %s', (pattern, host, expected) => {
    expect(nsPatternToRegExp(pattern).test(host)).toBe(expected)
  })

  it('treats regular-expression characters as literal', () => {
    expect(nsPatternToRegExp('*.ns.cloudflare.com').test('ada.nsxcloudflare.com')).toBe(false)
  })
})

describe('catalog data', () => {
  it('has the providers the app promises, with names in every language', () => {
    for (const id of ['huaweicloud', 'alibaba', 'dnspod', 'cloudflare', 'route53', 'godaddy', 'generic']) {
      const provider = getProvider(id)
      expect(provider, id).toBeDefined()
      expect(provider?.names.en).not.toBe('')
      expect(provider?.names['zh-CN']).not.toBe('')
      expect(provider?.names.es).not.toBe('')
    }
  })

  it('records how each console wants the record typed', () => {
    expect(getProvider('huaweicloud')?.console).toMatchObject({ hostField: 'relative', txtQuotes: 'required', minTtl: 1 })
    expect(getProvider('route53')?.console).toMatchObject({ hostField: 'relative', txtQuotes: 'required', txtValues: 'one_record' })
    expect(getProvider('cloudflare')?.console).toMatchObject({ txtValues: 'separate' })
    expect(getProvider('alibaba')?.console).toMatchObject({ hostField: 'relative', txtQuotes: 'forbidden', minTtl: 600 })
    expect(getProvider('dnspod')?.console).toMatchObject({ hostField: 'relative', txtQuotes: 'forbidden', minTtl: 600 })
    expect(getProvider('cloudflare')?.console).toMatchObject({ hostField: 'relative', minTtl: 60, ttlDefault: 300 })
    expect(getProvider('godaddy')?.console).toMatchObject({ hostField: 'relative', txtQuotes: 'forbidden', minTtl: 600 })
  })

  it('finds providers by id case-insensitively and exposes the generic fallback', () => {
    expect(getProvider('CloudFlare')?.id).toBe('cloudflare')
    expect(getProvider('nope')).toBeUndefined()
    expect(getGenericProvider().nsPatterns).toEqual([])
  })

  it('hands out data that cannot be changed by accident', () => {
    const provider = getProvider('cloudflare')
    expect(provider).toBeDefined()
    expect(() => {
      ;(provider as { id: string }).id = 'changed'
    }).toThrow(TypeError)
    expect(() => listProviders()[0]?.nsPatterns.push('*.evil.com')).toThrow(TypeError)
  })

  it('normalizes NS hosts the way detection compares them', () => {
    expect(normalizeNsHost(' NS1.Example.COM.. ')).toBe('ns1.example.com')
  })
})

/** The same catalog with one change, for validation tests. */
function brokenCatalog(change: (providers: Record<string, unknown>[]) => void): unknown {
  const copy = structuredClone(providersData) as { providers: Record<string, unknown>[] }
  change(copy.providers)
  return copy
}

function validationMessage(data: unknown): string {
  try {
    parseProviderCatalog(data)
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogError)
    return (e as Error).message
  }
  throw new Error('the broken catalog was accepted')
}

describe('catalog validation', () => {
  it('accepts the shipped file', () => {
    expect(parseProviderCatalog(structuredClone(providersData)).length).toBe(listProviders().length)
  })

  it.each<[string, (providers: Record<string, unknown>[]) => void, string]>([
    [
      'a plain-http console URL',
      (p) => {
        ;(p[0]?.console as Record<string, unknown>).consoleUrl = 'http://console.example.com/'
      },
      'providers.json: providers[0].console.consoleUrl'
    ],
    [
      'an unknown hostField',
      (p) => {
        ;(p[1]?.console as Record<string, unknown>).hostField = 'fqdn'
      },
      'providers.json: providers[1].console.hostField'
    ],
    [
      'a missing Chinese name',
      (p) => {
        delete (p[2]?.names as Record<string, unknown>)['zh-CN']
      },
      'providers.json: providers[2].names.zh-CN'
    ],
    [
      'a pattern that claims a whole top-level domain',
      (p) => {
        p[3]!.nsPatterns = ['*.com']
      },
      'providers.json: providers[3].nsPatterns[0]: NS pattern "*.com"'
    ],
    [
      'a duplicate id',
      (p) => {
        p[4]!.id = p[5]!.id
      },
      'duplicate provider id'
    ],
    [
      'a pattern shared by two providers',
      (p) => {
        p[6]!.nsPatterns = ['*.ns.cloudflare.com']
      },
      'already belongs to "cloudflare"'
    ],
    [
      'no generic provider',
      (p) => {
        p.splice(p.findIndex((x) => x.id === 'generic'), 1)
      },
      'needs a "generic" provider'
    ],
    [
      'an unexpected field',
      (p) => {
        p[0]!.nsPattern = []
      },
      'providers.json: providers[0]'
    ]
  ])('rejects %s, naming the file and field', (_what, change, expected) => {
    expect(validationMessage(brokenCatalog(change))).toContain(expected)
  })

  it.each([
    ['*.com', false],
    ['ns*.com', false],
    ['*.*.com', false],
    ['*.NS.cloudflare.com', false],
    ['*.ns.cloudflare.com', true],
    ['ns-*.awsdns-*.*', true],
    ['*.ui-dns.*', true],
    ['ns*.name.com', true]
  ])('nsPatternProblem(%s) accepts: %s', (pattern, ok) => {
    expect(nsPatternProblem(pattern) === null).toBe(ok)
  })
})
