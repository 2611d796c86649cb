import { describe, expect, it } from 'vitest'
import { isOtherPurpose, looksLikeSameKindOfToken, txtPurposeOf } from '../../../src/main/diagnosis/txt-purpose'
import { TOKEN } from '../../support/diagnosis-fixtures'

describe('txtPurposeOf', () => {
  it.each([
    ['v=spf1 include:_spf.google.com ~all', 'v=spf1'],
    ['V=SPF1 -all', 'v=spf1'],
    ['v=DMARC1; p=none; rua=mailto:d@example.com', 'v=dmarc1'],
    ['v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC', 'v=dkim1'],
    ['k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC', 'v=dkim1'],
    ['v=STSv1; id=20240101', 'v=stsv1'],
    ['google-site-verification=abcdef123', 'google-site-verification'],
    ['facebook-domain-verification=abc', 'facebook-domain-verification'],
    ['apple-domain-verification=abc', 'apple-domain-verification'],
    ['globalsign-domain-verification=abc', 'globalsign-domain-verification'],
    ['MS=ms12345678', 'ms']
  ])('%s → %s', (value, purpose) => {
    expect(txtPurposeOf(value)).toBe(purpose)
  })

  it.each([TOKEN, 'hello world', 'abc=def'])('a bare value announces no purpose: %s', (value) => {
    expect(txtPurposeOf(value)).toBeNull()
  })
})

describe('isOtherPurpose', () => {
  it('is true for SPF or another service beside a bare token', () => {
    expect(isOtherPurpose('v=spf1 -all', TOKEN)).toBe(true)
    expect(isOtherPurpose('google-site-verification=x', TOKEN)).toBe(true)
  })

  it('is false for a value of the purpose the expected value has, and for bare values', () => {
    expect(isOtherPurpose('globalsign-domain-verification=old', `globalsign-domain-verification=${TOKEN}`)).toBe(false)
    expect(isOtherPurpose('something-else', TOKEN)).toBe(false)
  })
})

describe('looksLikeSameKindOfToken', () => {
  it.each([
    ['a token of the same length and alphabet', '20230114000000z9k2c0rj4xq1n8w7p5s6t3v2b1m0l9h8g7f6e5d4c3b2a1xy', TOKEN, true],
    ['a slightly longer token', `${TOKEN}abcd`, TOKEN, true],
    ['words with spaces', 'hello world', TOKEN, false],
    ['a much shorter value', 'abc123', TOKEN, false],
    ['the same prefix', 'ca-verification=old', 'ca-verification=new-token', true],
    ['another prefix', 'other-verification=old', 'ca-verification=new-token', false],
    ['a bare value where a prefixed one is expected', TOKEN, `ca-verification=${TOKEN}`, false]
  ])('%s → %s', (_, found, expected, same) => {
    expect(looksLikeSameKindOfToken(found, expected)).toBe(same)
  })
})
