import { domainToASCII } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidNameError } from '../../../src/shared/names'
import { absolute, isSubdomainOf, nameLabels, normalizeName, parentName, sameName } from '../../../src/shared/names'

/** Runs normalizeName expecting it to refuse the input; returns the message for content checks. */
function refusal(input: string): string {
  try {
    normalizeName(input)
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidNameError)
    return (e as Error).message
  }
  throw new Error(`normalizeName(${JSON.stringify(input)}) was accepted`)
}

describe('normalizeName', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['  example.com  ', 'example.com'],
    ['_dnsauth.example.com', '_dnsauth.example.com'],
    ['_DNSAUTH.Example.com.', '_dnsauth.example.com'],
    ['_acme-challenge.www.example.org', '_acme-challenge.www.example.org'],
    ['*.example.com', '*.example.com'],
    ['.', '.'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['BÜCHER.example', 'xn--bcher-kva.example'],
    ['_dnsauth.bücher.example.', '_dnsauth.xn--bcher-kva.example'],
    ['例子.测试', 'xn--fsqu00a.xn--0zwm56d'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example']
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected)
  })

  it('accepts a 63-byte label and refuses a 64-byte one, naming the label and both lengths', () => {
    const ok = 'a'.repeat(63)
    expect(normalizeName(`${ok}.example`)).toBe(`${ok}.example`)
    const long = 'b'.repeat(64)
    const message = refusal(`${long}.example`)
    expect(message).toContain(long)
    expect(message).toContain('64 bytes')
    expect(message).toContain('63')
  })

  it('counts the punycode form of an IDN label against the 63-byte limit', () => {
    // 61 ASCII letters plus one ü: 62 characters typed, but 68 bytes once converted.
    const typed = 'a'.repeat(61) + 'ü'
    const message = refusal(`${typed}.example`)
    expect(message).toMatch(/"xn--a+-\w+" is \d+ bytes long/)
    expect(message).toContain('63')
  })

  it('accepts a 253-character name (with or without the trailing dot) and refuses 254', () => {
    const name253 = [63, 63, 63, 61].map((n, i) => String.fromCharCode(97 + i).repeat(n)).join('.')
    expect(name253).toHaveLength(253)
    expect(normalizeName(name253)).toBe(name253)
    expect(normalizeName(name253 + '.')).toBe(name253)
    const name254 = name253.replace(/d+$/, 'd'.repeat(62))
    expect(name254).toHaveLength(254)
    const message = refusal(name254)
    expect(message).toContain('254 characters')
    expect(message).toContain('253')
  })

  it.each(['a..b', '.a', 'a.b..', '..'])('refuses the empty label in %j', (input) => {
    expect(refusal(input)).toContain('empty label')
  })

  // What a Chinese or Japanese input method types for '.': U+3002 。, U+FF0E ．, U+FF61 ｡ (issue 10: these passed the
  // empty-label check and crashed later).
  const FULL_WIDTH_DOTS = ['\u3002', '\uff0e', '\uff61']

  it.each(FULL_WIDTH_DOTS)('reads the full-width dot %j as a dot', (dot) => {
    expect(normalizeName(`_dnsauth${dot}example${dot}com${dot}`)).toBe('_dnsauth.example.com')
    expect(normalizeName(`例子${dot}测试`)).toBe('xn--fsqu00a.xn--0zwm56d')
    expect(normalizeName(dot)).toBe('.')
  })

  it.each(FULL_WIDTH_DOTS.flatMap((dot) => [`a.${dot}b`, `a${dot}${dot}b`, `${dot}a`, `a${dot}.`, `a..${dot}`]))(
    'refuses %j with the message of ASCII a..b (empty label), quoting the input',
    (input) => {
      const message = refusal(input)
      expect(message).toBe(`"${input}" has an empty label (two dots in a row, or a leading dot).`)
    }
  )

  it('refuses a label that IDNA maps to a dot and nothing (U+2488 "⒈" is "1.") instead of making an empty label', () => {
    expect(() => normalizeName('⒈。com')).toThrow(InvalidNameError)
  })

  it('never throws anything but InvalidNameError, and never returns an empty label, for names mixing every kind of dot', () => {
    const piece = fc.constantFrom('a', 'b', 'xn--', '_x', '例', 'ü', '-', '.', ...FULL_WIDTH_DOTS, ' ', '⒈', '\u200b')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')), (input) => {
        let name: string
        try {
          name = normalizeName(input)
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidNameError)
          return
        }
        if (name !== '.') expect(name.split('.').every((label) => label.length > 0)).toBe(true)
        expect(name).not.toMatch(/[\u3002\uff0e\uff61]/)
      }),
      { numRuns: 3000 }
    )
  })

  it.each(['exa mple.com', 'example.com extra', 'tab\there.com', '_dnsauth .example.com'])('refuses the space in %j', (input) => {
    const message = refusal(input)
    expect(message).toContain('space')
    expect(message).toContain(input)
  })

  it.each(['', '   '])('refuses the empty input %j', (input) => {
    expect(refusal(input)).toContain('empty')
  })

  it('refuses a label that IDNA cannot convert, naming the label', () => {
    // A combining mark cannot start a label (UTS #46).
    const message = refusal('\u0300a.example')
    expect(message).toContain('\u0300a')
    expect(message).toContain('internationalised')
  })

  it('refuses input that is not text', () => {
    expect(() => normalizeName(42 as unknown as string)).toThrow(InvalidNameError)
  })
})

describe('name helpers', () => {
  it('compares names case-insensitively, ignoring the trailing dot', () => {
    expect(sameName('Example.COM.', 'example.com')).toBe(true)
    expect(sameName('example.com', 'example.org')).toBe(false)
    expect(sameName('.', '')).toBe(true)
  })

  it('splits, climbs and prints names', () => {
    expect(nameLabels('_dnsauth.example.com.')).toEqual(['_dnsauth', 'example', 'com'])
    expect(nameLabels('.')).toEqual([])
    expect(parentName('www.example.com')).toBe('example.com')
    expect(parentName('com')).toBe('.')
    expect(parentName('.')).toBeNull()
    expect(absolute('example.com')).toBe('example.com.')
    expect(absolute('.')).toBe('.')
  })

  it('tells whether a name lies in a zone', () => {
    expect(isSubdomainOf('_dnsauth.Example.com', 'example.com.')).toBe(true)
    expect(isSubdomainOf('example.com', 'example.com')).toBe(true)
    expect(isSubdomainOf('badexample.com', 'example.com')).toBe(false)
    expect(isSubdomainOf('anything', '.')).toBe(true)
  })
})

describe('normalizeName without node: (the WHATWG URL parser, as in the browser)', () => {
  it('reads the dots an IME types as dots', () => {
    expect(normalizeName('例子。测试')).toBe('xn--fsqu00a.xn--0zwm56d')
    expect(normalizeName('example．com')).toBe('example.com')
    expect(normalizeName('_dnsauth｡example.com')).toBe('_dnsauth.example.com')
  })

  it('refuses a label that the URL parser would read as a delimiter, naming the label', () => {
    expect(refusal('ü:1.example')).toMatch(/"ü:1" in "ü:1.example" is not a valid internationalised name/)
    expect(refusal('ü#.example')).toMatch(/not a valid internationalised name/)
  })

  it('converts a label of full-width digits to ASCII digits, not to an IPv4 address', () => {
    expect(normalizeName('１２３.example')).toBe('123.example')
  })

  it('converts any Unicode label as Node’s own domainToASCII does', () => {
    const letters = fc.constantFrom(...'aZ09-_äöüßéñçø例子测试中国ΑΩабвяᚠ😀ǅﬀ'.split(''))
    fc.assert(
      fc.property(fc.array(letters, { minLength: 1, maxLength: 12 }).map((chars) => chars.join('')), (label) => {
        fc.pre(!/^[\x21-\x7e]*$/.test(label))
        const expected = domainToASCII(label)
        fc.pre(expected !== '' && !expected.includes('.') && expected.length <= 63)
        expect(normalizeName(`${label}.example`)).toBe(`${expected}.example`)
      }),
      { numRuns: 400 }
    )
  })
})
