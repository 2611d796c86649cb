import { describe, expect, it } from 'vitest'
import { contentSecurityPolicyHeader, contentSecurityPolicyMeta } from '../../../src/main/shell/content-security-policy'

function directivesOf(policy: string): Map<string, string> {
  return new Map(
    policy.split('; ').map((directive) => {
      const [name = '', ...sources] = directive.split(' ')
      return [name, sources.join(' ')]
    })
  )
}

describe('content security policy', () => {
  it('allows scripts from the app only, never inline or eval', () => {
    const header = directivesOf(contentSecurityPolicyHeader())
    expect(header.get('default-src')).toBe("'self'")
    expect(header.get('script-src')).toBe("'self'")
    expect(header.get('object-src')).toBe("'none'")
    expect(header.get('base-uri')).toBe("'none'")
    expect(contentSecurityPolicyHeader()).not.toMatch(/unsafe-eval/)
  })

  it('sends frame-ancestors only as a header, where browsers honour it', () => {
    expect(directivesOf(contentSecurityPolicyHeader()).get('frame-ancestors')).toBe("'none'")
    expect(directivesOf(contentSecurityPolicyMeta()).has('frame-ancestors')).toBe(false)
  })

  it('is otherwise the same policy in both places', () => {
    const header = directivesOf(contentSecurityPolicyHeader())
    header.delete('frame-ancestors')
    expect(directivesOf(contentSecurityPolicyMeta())).toEqual(header)
  })
})
