import { describe, expect, it } from 'vitest'
import { caaRecord, quotedCharacterString, soaRecord, txtRdata, txtRecord, zoneBody } from './zone-text'

describe('quotedCharacterString', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['semi;colon (paren)', '"semi;colon (paren)"'],
    ['tab\tnewline\n', '"tab\\009newline\\010"'],
    ['é', '"\\195\\169"'], // UTF-8 bytes, so the wire carries exactly what the test wrote
    ['', '""']
  ])('%j → %s', (value, expected) => {
    expect(quotedCharacterString(value)).toBe(expected)
  })

  it('refuses more than 255 bytes', () => {
    expect(() => quotedCharacterString('x'.repeat(256))).toThrow(/255 bytes/)
  })
})

describe('txtRdata', () => {
  it('gives one character-string per array element', () => {
    expect(txtRdata(['v=spf1', 'include:x'])).toBe('"v=spf1" "include:x"')
  })

  it('splits a value longer than 255 bytes into consecutive character-strings', () => {
    const value = 'a'.repeat(255) + 'b'.repeat(45)
    expect(txtRdata(value)).toBe(`"${'a'.repeat(255)}" "${'b'.repeat(45)}"`)
  })

  it('keeps an empty value as one empty string and refuses an empty array', () => {
    expect(txtRdata('')).toBe('""')
    expect(() => txtRdata([])).toThrow(/at least one/)
  })
})

describe('record lines', () => {
  it('writes TXT with an optional TTL', () => {
    expect(txtRecord('_dnsauth', 'token')).toBe('_dnsauth IN TXT "token"')
    expect(txtRecord('_dnsauth', 'token', 60)).toBe('_dnsauth 60 IN TXT "token"')
  })

  it('writes CAA with flags, tag and a quoted value', () => {
    expect(caaRecord('@', { tag: 'issue', value: 'letsencrypt.org; validationmethods=dns-01' })).toBe(
      '@ IN CAA 0 issue "letsencrypt.org; validationmethods=dns-01"'
    )
    expect(caaRecord('@', { flags: 128, tag: 'issuewild', value: ';' })).toBe('@ IN CAA 128 issuewild ";"')
  })

  it('writes SOA with the negative-caching MINIMUM last', () => {
    expect(soaRecord({ primary: 'ns1.example.test.', contact: 'hostmaster.example.test.', serial: 7, minimum: 30 })).toBe(
      '@ IN SOA ns1.example.test. hostmaster.example.test. 7 3600 600 86400 30'
    )
  })

  it('joins lines and groups, dropping blank ones', () => {
    expect(zoneBody('a', ['b', ''], '  ', 'c')).toBe('a\nb\nc')
  })
})
