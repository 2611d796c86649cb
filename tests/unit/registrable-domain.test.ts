import { describe, expect, it } from 'vitest'
import { publicSuffixOf, registrableDomain } from '../../src/shared/registrable-domain'

describe('registrable domains by the Public Suffix List', () => {
  it.each([
    ['example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['*.shop.example.com', 'example.com'],
    ['example.co.uk', 'example.co.uk'],
    ['mail.example.co.uk', 'example.co.uk'],
    ['example.com.cn', 'example.com.cn'],
    ['www.beijing.gov.cn', 'beijing.gov.cn'],
    ['user.github.io', 'user.github.io'],
    ['docs.user.github.io', 'user.github.io'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['Example.COM.', 'example.com'],
    ['good.test', 'good.test']
  ])('%s → %s', (name, registrable) => {
    expect(registrableDomain(name)).toBe(registrable)
  })

  it.each(['co.uk', 'com.cn', 'gov.cn', 'github.io', 'com'])('%s is a public suffix: no registrable domain', (suffix) => {
    expect(registrableDomain(suffix)).toBeNull()
  })

  it('names the suffix', () => {
    expect(publicSuffixOf('example.co.uk')).toBe('co.uk')
    expect(publicSuffixOf('user.github.io')).toBe('github.io')
    expect(publicSuffixOf('a.b.example.com.cn')).toBe('com.cn')
  })
})
