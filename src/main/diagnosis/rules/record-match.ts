/**
 * What the authoritative servers hold at each record name, against what the CA expects there: the analysis the
 * record rules share, so each states its own part of one reading and none hides another's cause.
 */
import type { AuthoritativeObservation, NearMissObservation, VerificationRecordType } from '../../../shared/diagnosis-types'
import { compareCnameTarget, compareTxtValue, similarity, splitParts, type ValueComparison } from '../compare-values'
import type { Finding } from '../../../shared/findings'
import type { Observations } from '../observations'
import { recordSetsOf, type RecordSet } from '../record-sets'
import { reachable } from './rule'
import { isOtherPurpose, looksLikeSameKindOfToken } from '../txt-purpose'

/** The record set the CA will look for at one name: every value the order lists for that name is expected. */
export interface ExpectedRecordSet extends RecordSet {
  /** Zone apex holding the name, null when the zone was not found. */
  zone: string | null
}

/** The user's attempt at an expected value that is not in place: the found value taken for it, and how it differs. */
export type ValueAttempt =
  | { expected: string; found: string; comparison: ValueComparison }
  | { expected: string; found: string; comparison: { kind: 'split'; parts: string[] } }

export interface RecordSetReading {
  set: ExpectedRecordSet
  /** Servers that gave a usable authoritative answer. */
  servers: AuthoritativeObservation[]
  /** Every value of the expected type found at the name, on any server, in order of first sight (not wildcard answers). */
  found: string[]
  /** Expected values that no server has. */
  absent: string[]
  /** True when every server that answered has every expected value. */
  inPlace: boolean
  /** For each absent value with no better explanation (a near-miss name), the found value that tried to be it. */
  attempts: ValueAttempt[]
  /** Found values that are neither expected nor an attempt but look left from before (an old token). */
  stale: string[]
  /** Found values for other purposes (SPF, another service's verification) that share the name: none of our business. */
  unrelated: string[]
  /** The expected value found at a near-miss name instead of this one. */
  nearMiss: NearMissObservation | null
}

/** Every record set of the order (name and type) with the values expected there and its zone. */
export function expectedRecordSets(obs: Observations): ExpectedRecordSet[] {
  return recordSetsOf(obs.input).map((set) => ({ ...set, zone: obs.placements[set.records[0]!]?.zone ?? null }))
}

/** The findings about a record set carry which records of the order they are about. */
export function aboutRecords(finding: Finding, records: readonly number[]): Finding {
  return { ...finding, records: [...records] }
}

/** The observations of one record set: its name, asked with its type. */
export function ofSet<O extends { name: string; type: VerificationRecordType }>(list: readonly O[], set: Pick<RecordSet, 'name' | 'type'>): O[] {
  return list.filter((o) => o.name === set.name && o.type === set.type)
}

export function valueMatches(found: string, expected: string, type: VerificationRecordType): boolean {
  return compare(expected, found, type).kind === 'equal'
}

export function isExpectedValue(found: string, set: ExpectedRecordSet): boolean {
  return set.values.some((e) => valueMatches(found, e, set.type))
}

/** True when this server's record set at the name contains every expected value. */
export function hasExpectedValues(o: AuthoritativeObservation, set: ExpectedRecordSet): boolean {
  return set.values.every((e) => o.values.some((v) => valueMatches(v, e, set.type)))
}

export function readRecordSet(obs: Observations, set: ExpectedRecordSet): RecordSetReading {
  const servers = reachable(ofSet(obs.authoritative, set))
  // An answer synthesised from a wildcard is no record at the name: what it holds is neither an attempt nor old.
  const found = [...new Set(servers.flatMap((o) => (o.wildcard ? [] : o.values)))]
  const absent = set.values.filter((e) => !found.some((v) => valueMatches(v, e, set.type)))
  const inPlace = servers.length > 0 && servers.every((o) => hasExpectedValues(o, set))
  const nearMiss =
    absent.length === 0
      ? null
      : (obs.nearMisses.find(
          (m) => m.expectedName === set.name && m.type === set.type && m.values.some((v) => absent.some((e) => compare(e, v, set.type).kind !== 'different'))
        ) ?? null)
  const dedicated = isDedicatedName(set.name)
  let candidates = found.filter((v) => !isExpectedValue(v, set))
  const attempts: ValueAttempt[] = []
  // With the value at a near-miss name, what is here is not an attempt at it: it is left from before.
  if (nearMiss === null) {
    for (const expected of absent) {
      const attempt = closestAttempt(expected, candidates, set.type, dedicated)
      if (attempt === null) continue
      attempts.push(attempt)
      const used = attempt.comparison.kind === 'split' ? attempt.comparison.parts : [attempt.found]
      candidates = candidates.filter((v) => !used.includes(v))
    }
  }
  const isStale = (v: string): boolean => set.type === 'CNAME' || set.values.every((e) => !isOtherPurpose(v, e) && (dedicated || looksLikeSameKindOfToken(v, e)))
  return {
    set,
    servers,
    found,
    absent,
    inPlace,
    attempts,
    stale: candidates.filter(isStale),
    unrelated: candidates.filter((v) => !isStale(v)),
    nearMiss
  }
}

/**
 * True when the name exists only for this kind of record: `_dnsauth`, `_acme-challenge`. Values beside the expected
 * one there are most likely earlier tokens; at the apex or another ordinary name they are usually other records.
 */
function isDedicatedName(name: string): boolean {
  return name.startsWith('_')
}

/** Record names whose expected values are on every authoritative server that answered. */
export function namesInPlace(obs: Observations): Set<string> {
  const sets = expectedRecordSets(obs)
  const inPlace = setsInPlace(obs)
  return new Set(sets.filter((set) => sets.every((other) => other.name !== set.name || inPlace.has(setKey(other)))).map((set) => set.name))
}

/** Record sets (by `setKey`) whose expected values are on every authoritative server that answered. */
export function setsInPlace(obs: Observations): Set<string> {
  return new Set(
    expectedRecordSets(obs)
      .filter((set) => readRecordSet(obs, set).inPlace)
      .map(setKey)
  )
}

/** The order's records an observation of a record set is about (by its name and type). */
export function recordsBySet(obs: Observations): (o: { name: string; type: VerificationRecordType }) => number[] {
  const byKey = new Map(expectedRecordSets(obs).map((set) => [setKey(set), set.records]))
  return (o) => byKey.get(setKey(o)) ?? []
}

/** A record set's key: its name and type. */
export function setKey(set: { name: string; type: VerificationRecordType }): string {
  return `${set.name}|${set.type}`
}

function compare(expected: string, found: string, type: VerificationRecordType): ValueComparison {
  return type === 'CNAME' ? compareCnameTarget(expected, found) : compareTxtValue(expected, found)
}

/**
 * The found value that is the user's attempt at `expected`: the pieces of a split value, else a near-equal one
 * (quoted, spaces, case, invisible characters, a prefix added or left out), else a similar one. At a dedicated
 * name (`_dnsauth`) the most similar value of no other purpose is the attempt however far off it is: whatever is
 * there was put there for this. At a shared name (the apex) a value is the attempt only when it is similar enough
 * to be a botched copy; else it is another record that shares the name, and the expected one is simply missing.
 */
function closestAttempt(expected: string, candidates: string[], type: VerificationRecordType, dedicated: boolean): ValueAttempt | null {
  if (candidates.length === 0) return null
  if (type === 'TXT') {
    const parts = splitParts(expected, candidates)
    if (parts) return { expected, found: parts.join(' + '), comparison: { kind: 'split', parts } }
  }
  const ranked = candidates
    .map((found) => ({ found, comparison: compare(expected, found, type) }))
    .map((c) => ({ ...c, score: attemptScore(expected, c.found, c.comparison, type) }))
    .filter((c) => c.score >= ATTEMPT_SIMILARITY || (dedicated && (type === 'CNAME' || !isOtherPurpose(c.found, expected))))
    .sort((a, b) => b.score - a.score)
  const best = ranked[0]
  return best ? { expected, found: best.found, comparison: best.comparison } : null
}

/**
 * How similar a value must be (`similarity`, 0..1) to be taken for a botched copy of the expected one at a shared
 * name. Two unrelated tokens of the same length and alphabet score 0.1–0.35 (hex, base36; measured over random
 * pairs), while a copy with a few wrong characters scores above 0.9 and one cut in half or with a 31-character
 * prefix added 0.5–0.7: one half tells the two apart with a margin on both sides.
 */
const ATTEMPT_SIMILARITY = 0.5

/** 2 for near-equal forms and prefixed/unprefixed copies, else the similarity; a value of another purpose is 0. */
function attemptScore(expected: string, found: string, comparison: ValueComparison, type: VerificationRecordType): number {
  if (comparison.kind !== 'different') return 2
  if (type === 'TXT' && isPrefixVariant(expected, found)) return 2
  if (type === 'TXT' && isOtherPurpose(found, expected)) return 0
  return similarity(expected, found)
}

/** `ca-verification=TOKEN` for `TOKEN`, or the other way round: the CA's prefix added or left out. */
function isPrefixVariant(expected: string, found: string): boolean {
  const [shorter, longer] = expected.length < found.length ? [expected, found] : [found, expected]
  return shorter.length >= 8 && longer.endsWith(shorter) && /[=:_.-]$/.test(longer.slice(0, -shorter.length))
}
