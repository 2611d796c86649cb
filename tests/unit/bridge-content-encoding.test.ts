import { describe, expect, it } from 'vitest'
import { negotiateEncoding, type ContentEncoding } from '../../src/main/bridge/content-encoding'

const BOTH: ContentEncoding[] = ['br', 'gzip']

describe('negotiateEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', BOTH, 'br'], // what Chromium sends
    ['gzip, deflate', BOTH, 'gzip'],
    ['br', ['gzip'], null],
    ['gzip;q=1.0, br;q=0.5', BOTH, 'gzip'],
    ['br;q=0, gzip', BOTH, 'gzip'],
    ['BR, GZIP', BOTH, 'br'],
    ['x-gzip', BOTH, 'gzip'],
    ['*', BOTH, 'br'],
    ['*;q=0', BOTH, null],
    ['gzip;q=0, *', BOTH, 'br'],
    ['identity', BOTH, null],
    ['', BOTH, null],
    [undefined, BOTH, null],
    ['br', [], null],
    ['br;q=abc, gzip', BOTH, 'gzip'],
    ['br;q=2', BOTH, null],
    [' , ;q=1, br', BOTH, 'br']
  ] as const)('%j with %j → %s', (header, available, expected) => {
    expect(negotiateEncoding(header, available)).toBe(expected)
  })
})
