/**
 * What the authoritative servers hold at each record name, against what the CA expects there: the analysis the
 * record rules share, so each states its own part of one reading and none hides another's cause.
 */
import type { AuthoritativeObservation, NearMissObservation, VerificationRecordType } from '../../../shared/diagnosis-types'
import { compareCnameTarget, compareTxtValue, similarity, splitParts, type ValueComparison } from '../compare-values'
import type { Observations } from '../observations'
import { reachable } from './rule'

/** The record set the CA will look for at one name: every value listed for that name is expected. */
export interface ExpectedRecordSet {
  name: string
  type: VerificationRecordType
  values: string[]
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
  /** Every value of the expected type found at the name, on any server, in order of first sight. */
  found: string[]
  /** Expected values that no server has. */
  absent: string[]
  /** True when every server that answered has every expected value. */
  inPlace: boolean
  /** For each absent value with no better explanation (a near-miss name), the found value that tried to be it. */
  attempts: ValueAttempt[]
  /** Found values that are neither expected nor an attempt: a record set left from before. */
  stale: string[]
  /** The expected value found at a near-miss name instead of this one. */
  nearMiss: NearMissObservation | null
}

/** Every record name of the check with the values expected there. */
export function expectedRecordSets(obs: Observations): ExpectedRecordSet[] {
  const sets = new Map<string, ExpectedRecordSet>()
  for (const p of obs.placements) {
    const set = sets.get(p.name) ?? { name: p.name, type: obs.input.type, values: [], zone: p.zone }
    if (!set.values.includes(obs.input.value)) set.values.push(obs.input.value)
    sets.set(p.name, set)
  }
  return [...sets.values()]
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
  const servers = reachable(obs.authoritative.filter((o) => o.name === set.name))
  const found = [...new Set(servers.flatMap((o) => o.values))]
  const absent = set.values.filter((e) => !found.some((v) => valueMatches(v, e, set.type)))
  const inPlace = servers.length > 0 && servers.every((o) => hasExpectedValues(o, set))
  const nearMiss =
    absent.length === 0
      ? null
      : (obs.nearMisses.find(
          (m) => m.expectedName === set.name && m.values.some((v) => absent.some((e) => compare(e, v, set.type).kind !== 'different'))
        ) ?? null)
  let candidates = found.filter((v) => !isExpectedValue(v, set))
  const attempts: ValueAttempt[] = []
  // With the value at a near-miss name, what is here is not an attempt at it: it is left from before.
  if (nearMiss === null) {
    for (const expected of absent) {
      if (candidates.length === 0) break
      const attempt = closestAttempt(expected, candidates, set.type)
      attempts.push(attempt)
      const used = attempt.comparison.kind === 'split' ? attempt.comparison.parts : [attempt.found]
      candidates = candidates.filter((v) => !used.includes(v))
    }
  }
  return { set, servers, found, absent, inPlace, attempts, stale: candidates, nearMiss }
}

/** Record names whose expected values are on every authoritative server that answered. */
export function namesInPlace(obs: Observations): Set<string> {
  return new Set(
    expectedRecordSets(obs)
      .filter((set) => readRecordSet(obs, set).inPlace)
      .map((set) => set.name)
  )
}

function compare(expected: string, found: string, type: VerificationRecordType): ValueComparison {
  return type === 'CNAME' ? compareCnameTarget(expected, found) : compareTxtValue(expected, found)
}

/**
 * The found value that is the user's attempt at `expected`: the pieces of a split value, else a near-equal one
 * (quoted, spaces, case, invisible characters), else the most similar one.
 */
function closestAttempt(expected: string, candidates: string[], type: VerificationRecordType): ValueAttempt {
  if (type === 'TXT') {
    const parts = splitParts(expected, candidates)
    if (parts) return { expected, found: parts.join(' + '), comparison: { kind: 'split', parts } }
  }
  const ranked = candidates
    .map((found) => ({ found, comparison: compare(expected, found, type) }))
    .map((c) => ({ ...c, score: c.comparison.kind === 'different' ? similarity(expected, c.found) : 2 }))
    .sort((a, b) => b.score - a.score)
  const best = ranked[0]!
  return { expected, found: best.found, comparison: best.comparison }
}
