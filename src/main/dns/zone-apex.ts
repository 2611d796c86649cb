import { isIP } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { DnsRecord, ServerAddress } from '../../shared/dns-types'
import type { NameserverLookup, ResolveFailure, TraceStep, ZoneFound, ZoneNotFound, ZoneNotFoundReason, ZoneServer } from './iterative-types'
import { serverLabel, zoneLabel } from './iterative-report'
import { zoneOfAnswer, type WalkContext, type WalkEnd, type Walker, type ZoneServers } from './iterative-walk'
import { isSubdomainOf, nameLabels, sameName, stripDot } from '../../shared/names'
import { addressTypes } from './root-hints'

/**
 * The zone holding `name`: the server that finally answers a SOA question for it is an authority of
 * that zone, and the SOA it gives (in the answer, or in the authority section of a negative answer)
 * names the apex.
 */
export async function findZoneApex(walker: Walker, name: string, ctx: WalkContext): Promise<ZoneFound | ZoneNotFound> {
  const started = performance.now()
  const steps: TraceStep[] = []
  // Each zone on the way (below the registries) may be the one that holds the name: ask it for its NS
  // set at the same time as the SOA question, so describing the zone costs no extra round trip (the
  // query cache keeps it, and shares it with later walks that start at that zone).
  const prefetchNs = (at: ZoneServers): void => {
    if (!isRegistryZone(at.zone)) void walker.askZone(at, at.zone, 'NS', walker.newContext(8, ctx.signal), [])
  }
  const end = await walker.walk(name, 'SOA', walker.settings.root, ctx, steps, prefetchNs)
  const base = () => ({ name, steps, nameserverLookups: ctx.lookups, elapsedMs: elapsedSince(started) })
  if (!end.ok) return notFound('unreachable', end.failure.zone, end.failure.message, end.failure, base())
  const { meaning, at, response, server } = end.value
  const apex = meaning.kind === 'answer' && meaning.chain.length === 0 ? name : zoneOfAnswer(at.zone, response, name)

  if (!sameName(apex, name) && isRegistryZone(apex)) {
    // Nothing below the top-level domain encloses the name: the domain itself is missing.
    if (meaning.kind === 'nxdomain') {
      const message =
        `${name} does not exist: ${serverLabel(server)}, a server of ${zoneLabel(apex)}, answered NXDOMAIN. ` +
        'The domain is not registered, or not delegated to name servers.'
      return notFound('nxdomain', apex, message, null, base())
    }
    const message = `${name} has no name servers of its own: ${serverLabel(server)}, a server of ${zoneLabel(apex)}, answers for it directly.`
    return notFound('no_delegation', apex, message, null, base())
  }
  const described = await describeZone(walker, apex, end.value, ctx, steps, null)
  return { found: true, nameExists: meaning.kind !== 'nxdomain', ...described, ...base() }
}

/** The delegation of `zone` as the parent gives it and as the zone's own servers give it. */
export async function getDelegation(walker: Walker, zone: string, ctx: WalkContext): Promise<ZoneFound | ZoneNotFound> {
  const started = performance.now()
  const steps: TraceStep[] = []
  const end = await walker.walk(zone, 'NS', walker.settings.root, ctx, steps)
  const base = () => ({ name: zone, steps, nameserverLookups: ctx.lookups, elapsedMs: elapsedSince(started) })
  if (!end.ok) return notFound('unreachable', end.failure.zone, end.failure.message, end.failure, base())
  const { meaning, at, response, server } = end.value
  const holder = zoneOfAnswer(at.zone, response, zone)
  if (meaning.kind === 'nxdomain') {
    return notFound('nxdomain', holder, `${zone} does not exist: ${serverLabel(server)}, a server of ${zoneLabel(holder)}, answered NXDOMAIN.`, null, base())
  }
  if (meaning.kind === 'nodata') {
    const message = `${zone} is not a zone of its own: it has no NS records; ${serverLabel(server)} answers for it as part of ${zoneLabel(holder)}.`
    return notFound('no_delegation', holder, message, null, base())
  }
  if (meaning.kind === 'cname' || meaning.chain.length > 0) {
    const target = meaning.kind === 'cname' ? meaning.target : meaning.name
    return notFound('no_delegation', holder, `${zone} is an alias (CNAME) of ${target}, not a zone.`, null, base())
  }
  const described = await describeZone(walker, zone, end.value, ctx, steps, meaning.records)
  return { found: true, nameExists: true, ...described, ...base() }
}

/** Root and top-level zones: registries, which delegate domains rather than hold them. */
export function isRegistryZone(zone: string): boolean {
  return nameLabels(zone).length <= 1
}

type Described = Pick<ZoneFound, 'apex' | 'parentZone' | 'nameservers' | 'nsRecords' | 'parentNameservers' | 'delegation' | 'servers' | 'problems'>

async function describeZone(
  walker: Walker,
  apex: string,
  end: WalkEnd,
  ctx: WalkContext,
  steps: TraceStep[],
  knownNsRecords: DnsRecord[] | null
): Promise<Described> {
  const problems: string[] = []
  const delegation = end.at.referral && sameName(end.at.referral.zone, apex) ? end.at.referral : null
  const isRoot = apex === '.'
  const parentNameservers = isRoot
    ? walker.settings.root.servers.map((s) => ({ name: s.name, glue: s.addresses }))
    : delegation
      ? delegation.nameservers.map((name) => ({ name, glue: walker.glueFor(name, delegation) }))
      : []
  if (!isRoot && !delegation) {
    problems.push(
      `The servers of ${zoneLabel(end.at.zone)} answered for ${apex} themselves, so the delegation its parent holds was not seen.`
    )
  }

  // The zone's own servers, the one that already answered first.
  const zoneServers: ZoneServers = { ...end.at, servers: [{ name: end.server.name, addresses: [end.server.address] }, ...end.at.servers] }
  const ns = knownNsRecords
    ? { records: knownNsRecords, additionals: end.response.additionals }
    : await childNsRecords(walker, apex, end, ctx, steps, problems)
  const nsRecords = ns.records
  const nameservers = uniqueNames(nsRecords.map((r) => (r.data.kind === 'name' ? r.data.target : '')).filter(Boolean))
  // An authoritative NS answer carries the addresses of the zone's own name servers in its additional
  // section: for names inside the zone that is the zone's own data, so no further question is needed.
  const addresses = addressFinder(walker, apex, zoneServers, ctx, ns.additionals)
  const servers = await collectServers(nameservers, parentNameservers, addresses)
  return {
    apex: stripDot(apex).toLowerCase(),
    parentZone: isRoot ? null : (delegation?.from ?? null),
    nameservers,
    nsRecords,
    parentNameservers,
    delegation,
    servers,
    problems
  }
}

/** The apex NS record set from the zone's own servers, starting with the one that already answered. */
async function childNsRecords(
  walker: Walker,
  apex: string,
  end: WalkEnd,
  ctx: WalkContext,
  steps: TraceStep[],
  problems: string[]
): Promise<{ records: DnsRecord[]; additionals: DnsRecord[] }> {
  const first = { name: end.server.name, addresses: [end.server.address] }
  const zone: ZoneServers = { ...end.at, servers: [first, ...end.at.servers] }
  const got = await walker.askZone(zone, apex, 'NS', ctx, steps)
  if (!got.ok) {
    problems.push(`The zone's own NS records could not be read: ${got.failure.message}`)
    return { records: [], additionals: [] }
  }
  const { meaning, server, response } = got.value
  if (meaning.kind === 'answer' && meaning.chain.length === 0) return { records: meaning.records, additionals: response.additionals }
  problems.push(`${serverLabel(server)} gave no NS records for ${apex} (${meaning.kind}).`)
  return { records: [], additionals: [] }
}

/**
 * Looks up each name server's addresses once. A name inside the zone is asked of the zone's own
 * servers (one round trip, authoritative data) instead of from the root; others resolve from the root.
 */
function addressFinder(
  walker: Walker,
  apex: string,
  zone: ZoneServers,
  ctx: WalkContext,
  additionals: DnsRecord[]
): (name: string) => Promise<NameserverLookup> {
  const started = new Map<string, Promise<NameserverLookup>>()
  return (raw) => {
    const name = stripDot(raw).toLowerCase()
    const known = started.get(name)
    if (known) return known
    const given = isSubdomainOf(name, apex) && apex !== '.'
      ? additionals.filter((r) => sameName(r.name, name)).flatMap((r) => walker.addressOf(r) ?? [])
      : []
    if (given.length > 0) {
      const lookup: NameserverLookup = { name, forZone: apex, addresses: given, problem: null, loop: false, steps: [] }
      started.set(name, Promise.resolve(lookup))
      return started.get(name)!
    }
    // Each server gets a budget of its own: one slow NS must not starve the others.
    const own: WalkContext = { ...ctx, budget: { queriesLeft: ctx.budget.queriesLeft }, depth: 0, lookupStack: [] }
    const lookup = isIP(name)
      ? Promise.resolve<NameserverLookup>({ name, forZone: apex, addresses: [], problem: null, loop: false, steps: [] })
      : isSubdomainOf(name, apex) && apex !== '.'
        ? askZoneForAddresses(walker, name, apex, zone, own)
        : walker.lookupAddresses(name, apex, own)
    started.set(name, lookup)
    return lookup
  }
}

async function askZoneForAddresses(walker: Walker, name: string, apex: string, zone: ZoneServers, ctx: WalkContext): Promise<NameserverLookup> {
  const lookup: NameserverLookup = { name, forZone: apex, addresses: [], problem: null, loop: false, steps: [] }
  const problems: string[] = []
  const replies = await Promise.all(addressTypes(walker.settings.family).map((type) => walker.askZone(zone, name, type, ctx, lookup.steps)))
  for (const got of replies) {
    if (!got.ok) {
      problems.push(got.failure.message)
      continue
    }
    for (const record of got.value.response.answers) {
      if (!sameName(record.name, name)) continue
      const address = walker.addressOf(record)
      if (address && !lookup.addresses.some((a) => a.host === address.host)) lookup.addresses.push(address)
    }
  }
  if (lookup.addresses.length === 0) {
    // Not in the zone's data (or the zone's servers would not say): fall back to a full lookup.
    return walker.lookupAddresses(name, apex, ctx)
  }
  lookup.problem = problems.length > 0 && lookup.addresses.length === 0 ? problems.join('; ') : null
  walker.delegations.learnAddresses(name, lookup.addresses)
  ctx.lookups.push(lookup)
  return lookup
}

/** Every name of both NS sets with the glue the parent gave and the addresses looked up for it. */
function collectServers(
  childNames: string[],
  parent: { name: string; glue: ServerAddress[] }[],
  addresses: (name: string) => Promise<NameserverLookup>
): Promise<ZoneServer[]> {
  const names = uniqueNames([...childNames, ...parent.map((p) => p.name)])
  return Promise.all(
    names.map(async (name): Promise<ZoneServer> => {
      const glue = parent.find((p) => sameName(p.name, name))?.glue ?? []
      const inParent = parent.some((p) => sameName(p.name, name))
      const inChild = childNames.some((n) => sameName(n, name))
      if (isIP(name)) return { name, addresses: glue, glue, inParent, inChild, problem: null } // root given by address
      const lookup = await addresses(name)
      const all = [...glue]
      for (const a of lookup.addresses) if (!all.some((g) => g.host === a.host)) all.push(a)
      return { name, addresses: all, glue, inParent, inChild, problem: lookup.addresses.length === 0 ? lookup.problem : null }
    })
  )
}

function notFound(
  reason: ZoneNotFoundReason,
  at: string,
  message: string,
  failure: ResolveFailure | null,
  base: Pick<ZoneNotFound, 'name' | 'steps' | 'nameserverLookups' | 'elapsedMs'>
): ZoneNotFound {
  return { found: false, reason, at: stripDot(at).toLowerCase(), message, failure, ...base }
}

function uniqueNames(names: string[]): string[] {
  const out: string[] = []
  for (const n of names) {
    const name = stripDot(n).toLowerCase()
    if (!out.includes(name)) out.push(name)
  }
  return out
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100
}
