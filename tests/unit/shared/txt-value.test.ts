import { describe, expect, it } from 'vitest'
import { unquoteTxtValue } from '../../../src/shared/txt-value'
import { checkRecordValue } from '../../../src/shared/record-input'

describe('unquoteTxtValue', () => {
  it.each([
    ['"abc"', 'abc'],
    ['  "abc"\n', 'abc'],
    ['"abc" "def"', 'abcdef'],
    ['"abc"  "def"   "g"', 'abcdefg'],
    ['"a\\"b"', 'a"b'],
    ['"a\\\\b"', 'a\\b'],
    ['"a b"', 'a b'],
    ["'abc'", 'abc'],
    ['\u201cabc\u201d', 'abc'],
    ['abc', 'abc'],
    ['""', '']
  ])('%j → %j', (input, output) => {
    expect(unquoteTxtValue(input)).toBe(output)
  })

  it.each([
    ['a stray opening quote', '"abc'],
    ['a stray closing quote', 'abc"'],
    ['quotes inside the value', 'a "b" c'],
    ['text after the quoted part', '"abc" def'],
    ['an unescaped quote inside a pair', '"ab"c"'],
    ['single quotes inside single quotes', "'a'b'"]
  ])('keeps %s as typed', (_, input) => {
    expect(unquoteTxtValue(input)).toBe(input)
  })
})

describe('checkRecordValue reads the TXT value the CA compares', () => {
  it('removes the quotes the CA guide says to paste (engine, CLI, bridge and IPC all check through here)', () => {
    expect(checkRecordValue('"TOKEN-1"', 'TXT')).toBe('TOKEN-1')
    expect(checkRecordValue('"TOKEN" "-1"', 'TXT')).toBe('TOKEN-1')
  })

  it('leaves a CNAME target alone apart from trimming', () => {
    expect(checkRecordValue('  abc.dcv.example.net. ', 'CNAME')).toBe('abc.dcv.example.net.')
  })

  it('calls a value of quotes only empty', () => {
    expect(() => checkRecordValue('""', 'TXT')).toThrow(expect.objectContaining({ messageId: 'value.empty' }))
  })
})
