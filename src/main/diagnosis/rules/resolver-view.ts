/**
 * What one resolver's answer means once the authoritative servers are known. A resolver either agrees, is waiting
 * for a cached answer to expire (a real wait: a positive remaining TTL, from servers it can see), cannot see the
 * domain as its servers serve it (company or split DNS, an intercepting network, a private root), or failed.
 *
 * Judged from one answer, with the previous check's answer when there is one: a negative answer that outlives the
 * wait it announced was not a cache, whatever its TTL said.
 */
import type { ResolverObservation } from '../../../shared/diagnosis-types'
import { isSubdomainOf, sameName } from '../../../shared/names'
import type { Observations } from '../observations'
import { expectedRecordSets, isExpectedValue, namesInPlace, type ExpectedRecordSet } from './record-match'

export type ResolverReading =
  | { kind: 'agrees' }
  | { kind: 'pending'; seconds: number }
  | { kind: 'negative_cached'; seconds: number }
  | { kind: 'different_view'; apexVisible: boolean; rcode: string }
  | { kind: 'unreachable'; reason: 'timeout' | 'refused' | 'rejected' | 'network' | 'malformed' }
  | { kind: 'servfail' }
  | { kind: 'bogus' }

/** Slack for clocks and the time between two lookups of one check, in seconds. */
const SLACK_SECONDS = 2

export function readResolvers(obs: Observations): { observation: ResolverObservation; reading: ResolverReading }[] {
  const inPlace = namesInPlace(obs)
  const sets = new Map(expectedRecordSets(obs).map((set) => [set.name, set]))
  const previouslyInPlace = previousNamesInPlace(obs)
  return obs.resolvers.map((o) => ({
    observation: o,
    reading: readResolver(o, obs, sets.get(o.name), inPlace.has(o.name), previouslyInPlace.has(o.name))
  }))
}

function readResolver(
  o: ResolverObservation,
  obs: Observations,
  set: ExpectedRecordSet | undefined,
  inPlace: boolean,
  wasInPlace: boolean
): ResolverReading {
  switch (o.status) {
    case 'timeout':
    case 'refused':
    case 'rejected':
    case 'network':
    case 'malformed':
      return { kind: 'unreachable', reason: o.status }
    case 'servfail':
      return { kind: 'servfail' }
    case 'bogus':
      return { kind: 'bogus' }
    default:
      break
  }
  // What a resolver says about a name the servers do not serve yet matches them: nothing to wait for or explain.
  if (!inPlace || !set) return { kind: 'agrees' }
  const zone = set.zone
  const rcode = o.rcode ?? 'NOERROR'
  if (o.status === 'ok' || o.status === 'old_value') {
    if (o.values.some((v) => isExpectedValue(v, set))) return { kind: 'agrees' }
    const ttl = o.ttl ?? 0
    // No TTL left: it fetched this answer just now, from servers that are not the domain's.
    if (ttl <= 0 || outlivedPreviousWait(o, obs, wasInPlace)) return { kind: 'different_view', apexVisible: true, rcode }
    return { kind: 'pending', seconds: ttl }
  }
  // NXDOMAIN or NODATA while every authoritative server has the record.
  const soa = o.negativeSoa
  if (soa === null) return { kind: 'different_view', apexVisible: o.apexVisible !== false, rcode }
  if (zone !== null && !sameName(soa.owner, zone)) {
    // The SOA names the zone it believes holds the name: a parent means it does not see the delegation at all.
    return { kind: 'different_view', apexVisible: !(isSubdomainOf(zone, soa.owner) && !sameName(zone, soa.owner)), rcode }
  }
  const seconds = o.negativeTtl ?? 0
  const zoneNegativeTtl = longestZoneNegativeTtl(obs, o.name)
  const notFromTheseServers =
    seconds <= 0 ||
    // The zone's own servers make "no such name" last at most this long: a longer wait comes from elsewhere.
    (zoneNegativeTtl !== null && seconds > zoneNegativeTtl + SLACK_SECONDS) ||
    outlivedPreviousWait(o, obs, wasInPlace)
  if (notFromTheseServers) return { kind: 'different_view', apexVisible: true, rcode }
  return { kind: 'negative_cached', seconds }
}

/**
 * True when the previous check already saw the record in place and this resolver announce a wait that has run out
 * since, while it still gives the same kind of answer: it asked again, and was again not shown the record.
 */
function outlivedPreviousWait(o: ResolverObservation, obs: Observations, wasInPlace: boolean): boolean {
  if (!wasInPlace || !obs.previous) return false
  const before = obs.previous.resolvers.find((p) => p.address === o.address && sameName(p.name, o.name))
  if (!before) return false
  const negativeBefore = before.status === 'nxdomain' || before.status === 'nodata'
  const negativeNow = o.status === 'nxdomain' || o.status === 'nodata'
  if (negativeBefore !== negativeNow) return false
  const announced = negativeBefore ? before.negativeTtl : before.ttl
  if (announced === null || announced <= 0) return false
  return o.receivedAt > before.receivedAt + (announced + SLACK_SECONDS) * 1000
}

function longestZoneNegativeTtl(obs: Observations, name: string): number | null {
  const ttls = obs.authoritative.filter((a) => a.name === name && a.negativeTtl !== null).map((a) => a.negativeTtl!)
  return ttls.length > 0 ? Math.max(...ttls) : null
}

function previousNamesInPlace(obs: Observations): Set<string> {
  const previous = obs.previous
  if (!previous) return new Set()
  return new Set(previous.findings.filter((f) => f.id === 'record.ok').map((f) => String(f.params['name'])))
}
