import { describe, expect, it } from 'vitest'
import { listProviders } from '../../../src/main/diagnosis/catalogs/providers'
import { normalizeDiagnoseInput, InputError } from '../../../src/main/diagnosis/input'
import { findPlatform, normalizePlatformQuery, searchPlatforms } from '../../../src/shared/platform-lookup'

const providers = listProviders()
const idOf = (text: string) => findPlatform(text, providers)?.id

describe('finding a DNS platform by any name', () => {
  it.each([
    ['huaweicloud', 'huaweicloud'],
    ['HUAWEI', 'huaweicloud'],
    ['hwcloud', 'huaweicloud'],
    ['华为云', 'huaweicloud'],
    ['Huawei Cloud DNS', 'huaweicloud'],
    ['华为云云解析 DNS', 'huaweicloud'],
    ['aliyun', 'alibaba'],
    ['AlibabaCloud', 'alibaba'],
    ['Alibaba Cloud', 'alibaba'],
    ['阿里云', 'alibaba'],
    ['tencent', 'dnspod'],
    ['腾讯云', 'dnspod'],
    ['DNSPod de Tencent Cloud', 'dnspod'],
    ['aws', 'route53'],
    ['Amazon Route 53', 'route53'],
    ['route-53', 'route53'],
    ['google-cloud', 'google-cloud'],
    ['name.com', 'namecom'],
    ['西部数码', 'westcn'],
    ['ＡＬＩＹＵＮ', 'alibaba'] // full-width, as a Chinese input method may type it
  ])('%s → %s', (text, id) => {
    expect(idOf(text)).toBe(id)
  })

  it('finds nothing for an empty or unknown name', () => {
    expect(idOf('')).toBeUndefined()
    expect(idOf('   ')).toBeUndefined()
    expect(idOf('no-such-platform')).toBeUndefined()
  })

  it('suggests close names for a typo, best first', () => {
    expect(searchPlatforms('cloudfare', providers)[0]?.id).toBe('cloudflare')
    expect(searchPlatforms('aliyn', providers)[0]?.id).toBe('alibaba')
    expect(searchPlatforms('hua', providers)[0]?.id).toBe('huaweicloud')
    expect(searchPlatforms('zzzzzzzz', providers)).toEqual([])
  })

  it('normalizes case, width, spaces and punctuation', () => {
    expect(normalizePlatformQuery(' Route_53 ')).toBe('route53')
    expect(normalizePlatformQuery('华为（云）')).toBe('华为云')
  })

  it('the diagnose input takes any name and keeps the catalog id; an unknown one gets "did you mean"', () => {
    const input = { domains: ['example.com'], host: '_dnsauth', type: 'TXT' as const, value: 'v' }
    expect(normalizeDiagnoseInput({ ...input, platform: '阿里云' }).platform).toBe('alibaba')
    expect(() => normalizeDiagnoseInput({ ...input, platform: 'cloudfare' })).toThrow(InputError)
    expect(() => normalizeDiagnoseInput({ ...input, platform: 'cloudfare' })).toThrow(/Did you mean cloudflare \(Cloudflare\)/)
    expect(() => normalizeDiagnoseInput({ ...input, platform: 'qqqqqqqqqq' })).toThrow(/Known: huaweicloud, alibaba/)
  })
})

describe('the name servers to ask a platform directly', () => {
  it('are its own: each matches the platform\'s NS patterns', async () => {
    const { detectProvider } = await import('../../../src/main/diagnosis/catalogs/providers')
    const withServers = providers.filter((p) => (p.nameservers ?? []).length > 0)
    expect(withServers.map((p) => p.id)).toContain('huaweicloud')
    for (const p of withServers) {
      for (const host of p.nameservers!) expect(detectProvider([host])?.provider.id, `${p.id}: ${host}`).toBe(p.id)
    }
  })
})
