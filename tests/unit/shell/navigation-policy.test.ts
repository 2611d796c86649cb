import { describe, expect, it } from 'vitest'
import { CONSOLE_LINK_HOSTS, isAllowedExternalUrl, isAppUrl } from '../../../src/main/shell/navigation-policy'

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://letsencrypt.org/docs/challenge-types/',
    'https://community.letsencrypt.org/t/some-thread/1',
    'https://letsdebug.net/',
    'https://www.rfc-editor.org/rfc/rfc8659',
    'https://LetsEncrypt.org./docs'
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true)
  })

  it.each([
    ['another host', 'https://example.com/'],
    ['a look-alike suffix', 'https://evilletsencrypt.org/'],
    ['a look-alike prefix', 'https://letsencrypt.org.evil.example/'],
    ['credentials', 'https://user:pass@letsencrypt.org/'],
    ['plain http', 'http://letsdebug.net/'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['a custom scheme', 'ms-settings:network'],
    ['smb:', 'smb://letsencrypt.org/share'],
    ['not a URL', 'letsencrypt.org']
  ])('refuses %s', (_why, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })
})

describe('isAppUrl', () => {
  const builtPage = 'file:///opt/DNS%20Verify%20Assistant/resources/app.asar/out/renderer/index.html'
  const devServer = 'http://localhost:5173/'

  it('accepts the built page itself, with a hash or query', () => {
    expect(isAppUrl(builtPage, builtPage)).toBe(true)
    expect(isAppUrl(`${builtPage}#/step/2`, builtPage)).toBe(true)
    expect(isAppUrl(`${builtPage}?lang=es`, builtPage)).toBe(true)
  })

  it('refuses other files next to the built page', () => {
    expect(isAppUrl('file:///etc/passwd', builtPage)).toBe(false)
    expect(isAppUrl(builtPage.replace('index.html', 'other.html'), builtPage)).toBe(false)
  })

  it('accepts any path on the dev server origin and nothing else', () => {
    expect(isAppUrl('http://localhost:5173/src/main.ts', devServer)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', devServer)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', devServer)).toBe(false)
    expect(isAppUrl('https://letsencrypt.org/', devServer)).toBe(false)
  })

  it('refuses what does not parse', () => {
    expect(isAppUrl('not a url', devServer)).toBe(false)
  })
})

describe('DNS console links from the provider catalog', () => {
  it('opens the console of a catalogued provider, and nothing on a look-alike host', () => {
    expect(CONSOLE_LINK_HOSTS.length).toBeGreaterThan(5)
    const host = CONSOLE_LINK_HOSTS[0]!
    expect(isAllowedExternalUrl(`https://${host}/dns`)).toBe(true)
    expect(isAllowedExternalUrl(`https://${host}.evil.example/`)).toBe(false)
    expect(isAllowedExternalUrl(`http://${host}/`)).toBe(false)
  })
})
