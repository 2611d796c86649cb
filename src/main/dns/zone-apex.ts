import { isIP } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { DnsRecord, ServerAddress } from '../../shared/dns-types'
import type { ResolveFailure, TraceStep, ZoneFound, ZoneNotFound, ZoneNotFoundReason, ZoneServer } from './iterative-types'
import { serverLabel, zoneLabel } from './iterative-report'
import { zoneOfAnswer, type WalkContext, type WalkEnd, type Walker, type ZoneServers } from './iterative-walk'
import { nameLabels, sameName, stripDot } from './names'

/**
 * The zone holding `name`: the server that finally answers a SOA question for it is an authority of
 * that zone, and the SOA it gives (in the answer, or in the authority section of a negative answer)
 * names the apex.
 */
export async function findZoneApex(walker: Walker, name: string, ctx: WalkContext): Promise<ZoneFound | ZoneNotFound> {
  const started = performance.now()
  const steps: TraceStep[] = []
  const end = await walker.walk(name, 'SOA', walker.settings.root, ctx, steps)
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

  const nsRecords = knownNsRecords ?? (await childNsRecords(walker, apex, end, ctx, steps, problems))
  const nameservers = uniqueNames(nsRecords.map((r) => (r.data.kind === 'name' ? r.data.target : '')).filter(Boolean))
  const servers = await collectServers(walker, apex, nameservers, parentNameservers, ctx)
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
): Promise<DnsRecord[]> {
  const first = { name: end.server.name, addresses: [end.server.address] }
  const zone: ZoneServers = { ...end.at, servers: [first, ...end.at.servers] }
  const got = await walker.askZone(zone, apex, 'NS', ctx, steps)
  if (!got.ok) {
    problems.push(`The zone's own NS records could not be read: ${got.failure.message}`)
    return []
  }
  const { meaning, server } = got.value
  if (meaning.kind === 'answer' && meaning.chain.length === 0) return meaning.records
  problems.push(`${serverLabel(server)} gave no NS records for ${apex} (${meaning.kind}).`)
  return []
}

/** Every name of both NS sets with the glue the parent gave and the addresses looked up for it. */
function collectServers(
  walker: Walker,
  apex: string,
  childNames: string[],
  parent: { name: string; glue: ServerAddress[] }[],
  ctx: WalkContext
): Promise<ZoneServer[]> {
  const names = uniqueNames([...childNames, ...parent.map((p) => p.name)])
  return Promise.all(
    names.map(async (name): Promise<ZoneServer> => {
      const glue = parent.find((p) => sameName(p.name, name))?.glue ?? []
      const inParent = parent.some((p) => sameName(p.name, name))
      const inChild = childNames.some((n) => sameName(n, name))
      if (isIP(name)) return { name, addresses: glue, glue, inParent, inChild, problem: null } // root given by address
      // Each server gets a budget of its own: one slow NS must not starve the others.
      const own: WalkContext = { ...ctx, budget: { queriesLeft: ctx.budget.queriesLeft }, depth: 0, lookupStack: [] }
      const lookup = await walker.lookupAddresses(name, apex, own)
      const addresses = [...glue]
      for (const a of lookup.addresses) if (!addresses.some((g) => g.host === a.host)) addresses.push(a)
      return { name, addresses, glue, inParent, inChild, problem: lookup.addresses.length === 0 ? lookup.problem : null }
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
