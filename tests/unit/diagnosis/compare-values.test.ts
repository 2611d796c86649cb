import { describe, expect, it } from 'vitest'
import { byteDiff, compareCnameTarget, compareTxtValue, isSplitAcrossRecords, type ValueComparison } from '../../../src/main/diagnosis/compare-values'

const V = 'abc123-verification-token'

describe('compareTxtValue', () => {
  it.each<[name: string, found: string, want: ValueComparison['kind'], difference?: string]>([
    ['identical', V, 'equal'],
    ['straight double quotes', `"${V}"`, 'quoted'],
    ['straight single quotes', `'${V}'`, 'quoted'],
    ['curly double quotes (pasted from a word processor)', `\u201c${V}\u201d`, 'quoted'],
    ['curly single quotes', `\u2018${V}\u2019`, 'quoted'],
    ['quotes typed twice', `""${V}""`, 'quoted'],
    ['quotes with spaces inside', `" ${V} "`, 'quoted'],
    ['trailing space (no quotes: not "quoted")', `${V} `, 'whitespace', 'spaces'],
    ['leading space', ` ${V}`, 'whitespace', 'spaces'],
    ['space in the middle', `abc123 -verification-token`, 'whitespace', 'spaces'],
    ['NBSP in the middle', `abc123\u00a0-verification-token`, 'whitespace', 'spaces'],
    ['newline at the end', `${V}\n`, 'whitespace', 'spaces'],
    ['ideographic space', `${V}\u3000`, 'whitespace', 'spaces'],
    ['zero-width space', `abc123\u200b-verification-token`, 'whitespace', 'invisible'],
    ['byte-order mark in front', `\ufeff${V}`, 'whitespace', 'invisible'],
    ['soft hyphen', `abc\u00ad123-verification-token`, 'whitespace', 'invisible'],
    ['upper case', V.toUpperCase(), 'whitespace', 'case'],
    ['upper case and a space', `${V.toUpperCase()} `, 'whitespace', 'spaces'],
    ['one character changed', 'abc124-verification-token', 'different'],
    ['truncated', V.slice(0, 10), 'different'],
    ['a quote on one side only', `"${V}`, 'different'],
    ['empty', '', 'different']
  ])('%s', (_name, found, kind, difference) => {
    const cmp = compareTxtValue(V, found)
    expect(cmp.kind).toBe(kind)
    if (difference) expect(cmp).toEqual({ kind: 'whitespace', difference })
  })

  it('is case-sensitive and byte-exact for equality', () => {
    expect(compareTxtValue('Token', 'Token').kind).toBe('equal')
    expect(compareTxtValue('Token', 'token').kind).toBe('whitespace')
  })

  it('does not call a value with quotes that the CA itself asked for "quoted"', () => {
    expect(compareTxtValue(`"${V}"`, `"${V}"`).kind).toBe('equal')
  })

  it('gives the first differing byte with context for a different value', () => {
    const cmp = compareTxtValue('abcdef', 'abXdef')
    expect(cmp).toEqual({
      kind: 'different',
      diff: { offset: 2, expectedLength: 6, foundLength: 6, expectedBytes: '616263646566', foundBytes: '616258646566' }
    })
  })
})

describe('byteDiff', () => {
  it('counts UTF-8 bytes, not characters', () => {
    const d = byteDiff('ü-token', 'u-token')
    expect(d.offset).toBe(0)
    expect(d.expectedLength).toBe(8)
    expect(d.foundLength).toBe(7)
    expect(d.expectedBytes.startsWith('c3bc')).toBe(true)
  })

  it('points past the end when one value is a prefix of the other', () => {
    expect(byteDiff('abc', 'abcdef')).toMatchObject({ offset: 3, expectedLength: 3, foundLength: 6, expectedBytes: '6263', foundBytes: '6263646566' })
  })

  it('shows at most 8 bytes from 2 before the difference', () => {
    const d = byteDiff('0123456789abcdef', '01234X6789abcdef')
    expect(d).toMatchObject({ offset: 5, expectedBytes: '3334353637383961', foundBytes: '3334583637383961' })
  })
})

describe('compareCnameTarget', () => {
  it.each([
    ['dcv.example.net', 'dcv.example.net'],
    ['dcv.example.net.', 'dcv.example.net'],
    ['DCV.Example.NET', 'dcv.example.net.'],
    [' dcv.example.net ', 'dcv.example.net']
  ])('%s equals %s as a name', (expected, found) => {
    expect(compareCnameTarget(expected, found).kind).toBe('equal')
  })

  it('reports a different target with a byte diff on the normalized names', () => {
    const cmp = compareCnameTarget('a.dcv.example.net.', 'b.dcv.example.net')
    expect(cmp.kind).toBe('different')
    if (cmp.kind === 'different') expect(cmp.diff).toMatchObject({ offset: 0, expectedLength: 17, foundLength: 17 })
  })
})

describe('isSplitAcrossRecords', () => {
  it.each<[name: string, values: string[], split: boolean]>([
    ['two records in order', [V.slice(0, 10), V.slice(10)], true],
    ['two records in the other order', [V.slice(10), V.slice(0, 10)], true],
    ['three records', [V.slice(0, 5), V.slice(5, 12), V.slice(12)], true],
    ['one record holding the whole value', [V], false],
    ['two records, one of them the whole value', [V, 'other'], false],
    ['parts that do not cover the value', [V.slice(0, 10), V.slice(11)], false],
    ['parts beside an unrelated (stale) record', [V.slice(0, 10), V.slice(10), 'x'], true],
    ['empty records do not count', [V, ''], false],
    ['seven parts: too many to be a split', V.slice(0, 7).split('').concat(V.slice(7)), false]
  ])('%s → %s', (_name, values, split) => {
    expect(isSplitAcrossRecords(V, values)).toBe(split)
  })
})
