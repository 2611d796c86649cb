/**
 * How a value found in DNS relates to the value the CA asked for. The classes map to findings:
 * `quoted` → record.value_quoted, `whitespace` → record.value_whitespace, `different` →
 * record.value_mismatch.
 */

import { editDistance } from '../../shared/edit-distance'

export type ValueComparison =
  | { kind: 'equal' }
  | { kind: 'quoted' }
  | { kind: 'whitespace'; difference: 'spaces' | 'case' | 'invisible' }
  | { kind: 'different'; diff: ByteDiff }

export interface ByteDiff {
  /** Offset in bytes (UTF-8) of the first difference. */
  offset: number
  expectedLength: number
  foundLength: number
  /** Up to 8 bytes around the difference, hex, from each side. */
  expectedBytes: string
  foundBytes: string
}

// Zero-width space/joiners, word joiner, BOM, soft hyphen: invisible when pasted, but real bytes.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g
// Every kind of space a copy from a web page or an e-mail can carry, NBSP included.
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]/g
const QUOTE_CHARS = `"'\u201c\u201d\u2018\u2019`

export function compareTxtValue(expected: string, found: string): ValueComparison {
  if (found === expected) return { kind: 'equal' }
  // Quoted only when quotes were actually stripped: a bare value with a trailing space is a spaces problem.
  const unquoted = stripQuotes(found)
  if (unquoted !== found.trim() && unquoted === expected) return { kind: 'quoted' }
  if (found.replace(INVISIBLE, '') === expected.replace(INVISIBLE, '') && INVISIBLE.test(found + expected)) {
    return { kind: 'whitespace', difference: 'invisible' }
  }
  const squash = (s: string): string => s.replace(INVISIBLE, '').replace(SPACES, '')
  if (squash(found) === squash(expected)) return { kind: 'whitespace', difference: 'spaces' }
  if (squash(found).toLowerCase() === squash(expected).toLowerCase()) {
    return { kind: 'whitespace', difference: found.toLowerCase() === expected.toLowerCase() ? 'case' : 'spaces' }
  }
  return { kind: 'different', diff: byteDiff(expected, found) }
}

/** CNAME targets compare as names: case and a trailing dot do not matter. */
export function compareCnameTarget(expected: string, found: string): ValueComparison {
  const norm = (s: string): string => s.trim().replace(/\.$/, '').toLowerCase()
  if (norm(expected) === norm(found)) return { kind: 'equal' }
  return { kind: 'different', diff: byteDiff(norm(expected), norm(found)) }
}

function stripQuotes(s: string): string {
  let out = s.trim()
  while (out.length >= 2 && QUOTE_CHARS.includes(out[0]!) && QUOTE_CHARS.includes(out[out.length - 1]!)) {
    out = out.slice(1, -1).trim()
  }
  return out
}

export function byteDiff(expected: string, found: string): ByteDiff {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(found, 'utf8')
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  const from = Math.max(0, i - 2)
  return {
    offset: i,
    expectedLength: a.length,
    foundLength: b.length,
    expectedBytes: a.subarray(from, from + 8).toString('hex'),
    foundBytes: b.subarray(from, from + 8).toString('hex')
  }
}

/**
 * True when the expected value is the concatenation, in some order, of several separate TXT records
 * (the value was split into two records instead of one record with several strings). Other records may be there too.
 */
export function isSplitAcrossRecords(expected: string, values: string[]): boolean {
  return splitParts(expected, values) !== null
}

/** The records whose concatenation (in some order, two at least) is the expected value, or null when none. */
export function splitParts(expected: string, values: string[]): string[] | null {
  if (values.length < 2 || values.length > 6) return null
  const rec = (rest: string, left: string[], used: string[]): string[] | null => {
    // Two records at least: one record holding the whole value is not a split (others there are stale).
    if (rest === '') return used.length >= 2 ? used : null
    for (let i = 0; i < left.length; i++) {
      const v = left[i]!
      if (v === '' || !rest.startsWith(v)) continue
      const found = rec(rest.slice(v.length), left.filter((_, j) => j !== i), [...used, v])
      if (found) return found
    }
    return null
  }
  return rec(expected, values, [])
}

/**
 * How close a found value is to the expected one, from 0 (nothing alike) to 1 (equal): one minus the edit distance
 * over the longer length. Tells the user's botched attempt at the new value from an old value left beside it.
 */
export function similarity(expected: string, found: string): number {
  if (expected === found) return 1
  const longer = Math.max(expected.length, found.length)
  if (longer === 0) return 1
  // Edit distance is quadratic: past a few hundred characters the common prefix says enough.
  if (longer > 512) return byteDiff(expected, found).offset / Buffer.byteLength(longer === expected.length ? expected : found)
  return 1 - editDistance(expected, found) / longer
}
