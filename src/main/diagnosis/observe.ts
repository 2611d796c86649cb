/**
 * Gathers everything the rules look at, with as much parallelism as the dependencies allow:
 * resolvers and CAA start at once; the zone lookup gates the authoritative queries, which then all
 * go out together; near-miss names are asked only once a server shows the record missing or wrong.
 * One iterative resolver serves the whole run, so every walk (zone, CAA, near misses) starts at the
 * deepest zone cut already known instead of the root. A dead server costs its own timeout and
 * nothing more. Rules never send packets: they read the Observations this returns.
 */
import type {
  AuthoritativeObservation,
  CaaObservation,
  NearMissObservation,
  PlatformObservation,
  ResolverObservation,
  ServerStatus,
  ZoneObservation
} from '../../shared/diagnosis-types'
import type { DnsRecord, ExchangeFailure, ServerAddress } from '../../shared/dns-types'
import type { ExchangeOptions } from '../dns/exchange'
import type { ProviderMatch } from '../../shared/catalog-types'
import { isRegistryZone } from '../dns/iterative'
import type { IterativeResolver, ZoneNotFound, ZoneResult } from '../dns/iterative-types'
import { askableName, isSubdomainOf, sameName, parentName, stripDot } from '../../shared/names'
import { registrableDomain } from '../../shared/registrable-domain'
import type { ResolverTarget } from '../dns/resolvers'
import { serverToString } from '../../shared/server-address'
import { detectProvider, getProvider } from './catalogs/providers'
import { observeAtPlatform } from './observe-platform'
import type { NormalizedInput } from './input'
import { compareTxtValue } from './compare-values'
import { observeDnssec } from './observe-dnssec'
import { recordValue, tries, type Observations, type ObserveDeps } from './observations'
import { nearMissNames } from './near-miss'
import { markWildcardAnswer } from './observe-wildcard'
import { placeRecord } from '../../shared/placement'
import { recordSetsOf, type RecordSet } from './record-sets'
import { hasExpectedValues, type ExpectedRecordSet } from './rules/record-match'

export type { Observations, ObserveDeps } from './observations'

export async function gatherObservations(input: NormalizedInput, deps: ObserveDeps): Promise<Observations> {
  const startedAt = Date.now()
  const progress = progressCounter(deps.onProgress)
  const sets = recordSetsOf(input)
  const recordNames = unique(sets.map((s) => s.name))
  const baseOf = (name: string): string => input.records.find((r) => r.name === name)!.baseDomain

  const zoneJobs = recordNames.map((name) => progress.track(deps.iterative.findZoneApex(name, { signal: deps.signal })))
  const zonesPromise = Promise.all(zoneJobs)
  const apexOf = async (name: string): Promise<string | null> => {
    const zone = await zoneJobs[recordNames.indexOf(name)]
    return zone?.found ? zone.apex : null
  }
  const resolversPromise = Promise.all(
    sets.flatMap((set) => deps.resolverTargets.map((target) => progress.track(observeResolver(set, input, target, deps, apexOf))))
  )
  const certificateDomains = unique(input.records.map((r) => r.domain))
  const caaPromise = Promise.all(certificateDomains.map((domain) => progress.track(observeCaa(domain, deps.iterative, deps.signal))))

  const zoneResults = await Promise.all((await zonesPromise).map((zone, i) => insideRegistrableDomain(zone, baseOf(recordNames[i]!), deps)))
  const zoneByName = new Map(recordNames.map((name, i) => [name, zoneResults[i]!]))
  // One placement per record of the order, in its order.
  const placements = input.records.map((r) => {
    const zone = zoneByName.get(r.name)!
    return placeRecord(r.domain, r.host, zone.found ? zone.apex : null)
  })

  const authoritativeJobs: Promise<AuthoritativeObservation>[] = []
  const nearMissJobs: Promise<NearMissObservation[]>[] = []
  for (const set of sets) {
    const zone = zoneByName.get(set.name)!
    if (!zone.found) continue
    const expected: ExpectedRecordSet = { ...set, zone: zone.apex }
    const answers = zone.servers.flatMap((server) =>
      server.addresses.map((address) => {
        const observed = observeAuthoritative(set, zone.apex, server.name, address, input, deps).then((o) => followCnameToValue(o, set, deps))
        // Whether a wrong answer came from a wildcard does not change what it lacks: near misses need not wait for it.
        authoritativeJobs.push(
          progress.track(observed.then((o) => markWildcardAnswer(o, address, !hasExpectedValues(o, expected), input.timeoutMs, deps)))
        )
        return observed
      })
    )
    const probe = someAnswerLacks(expected, answers).then((lacking) => (lacking ? observeNearMisses(set, zone.apex, baseOf(set.name), deps) : []))
    nearMissJobs.push(progress.track(probe))
  }
  // A resolver that fails validation while the same query with checking disabled answers: fetch what names the
  // cause (DS at the parent, DNSKEY and signatures at the zone), once per record set, beside the other lookups.
  const dnssecPromise = resolversPromise.then((list) => {
    const bogus = sets.filter((set) => list.some((o) => o.status === 'bogus' && o.name === set.name && o.type === set.type))
    return Promise.all(
      bogus.flatMap((set) => {
        const zone = zoneByName.get(set.name)
        return zone?.found ? [progress.track(observeDnssec(set.name, set.type, zone, { ...deps, timeoutMs: input.timeoutMs }))] : []
      })
    )
  })
  const nsHosts = unique(zoneResults.flatMap((z) => (z.found ? z.servers.map((s) => s.name) : [])))
  const provider = nsHosts.length > 0 ? detectProvider(nsHosts) : null
  const atPlatformPromise = progress.track(observeNamedPlatform(input, sets, provider, zoneByName, deps))
  const [authoritative, nearMisses, resolvers, caa, dnssec, atPlatform] = await Promise.all([
    Promise.all(authoritativeJobs),
    Promise.all(nearMissJobs).then((lists) => lists.flat()),
    resolversPromise,
    caaPromise,
    dnssecPromise,
    atPlatformPromise
  ])

  // A zone none of whose servers could be used: each server tried, with why, so the rules can name them.
  const unusable = sets.flatMap((set) => {
    const zone = zoneByName.get(set.name)!
    return !zone.found && zone.reason === 'unreachable' ? unusableServers(set, zone) : []
  })
  return {
    input,
    placements,
    zones: recordNames.map((name) => toZoneObservation(name, zoneByName.get(name)!)),
    authoritative: [...authoritative, ...unusable],
    nearMisses,
    resolvers,
    caa,
    dnssec,
    atPlatform,
    provider,
    startedAt,
    previous: deps.previous ?? null
  }
}

/**
 * A zone found above the registrable domain is a public suffix's (`co.uk`, `github.io`): the domain has no zone of
 * its own that anyone could add a record to. It reads as not found: not registered when the registrable domain does
 * not exist, not delegated when it exists without name servers of its own.
 */
async function insideRegistrableDomain(zone: ZoneResult, baseDomain: string, deps: ObserveDeps): Promise<ZoneResult> {
  if (!zone.found) return zone
  const registrable = registrableDomain(baseDomain)
  if (registrable === null || sameName(zone.apex, registrable) || !isSubdomainOf(registrable, zone.apex)) return zone
  const probe = await deps.iterative.resolve(registrable, 'SOA', { signal: deps.signal })
  const missing = probe.status === 'nxdomain'
  return {
    found: false,
    name: zone.name,
    steps: zone.steps,
    nameserverLookups: zone.nameserverLookups,
    elapsedMs: zone.elapsedMs,
    reason: missing ? 'nxdomain' : 'no_delegation',
    at: zone.apex,
    message: missing
      ? `${registrable} does not exist under the public suffix ${zone.apex}.`
      : `${registrable} has no name servers of its own: its names are served by ${zone.apex}, a public suffix.`,
    failure: null
  }
}

/**
 * When the user named a platform and the domain's name servers belong to another one, ask the named platform's own
 * servers too: that is where the record usually is. Only for platforms whose name servers serve every customer's
 * zone (the catalog lists them).
 */
async function observeNamedPlatform(
  input: NormalizedInput,
  sets: RecordSet[],
  provider: ProviderMatch | null,
  zoneByName: Map<string, ZoneResult>,
  deps: ObserveDeps
): Promise<PlatformObservation[]> {
  const platform = input.platform
  if (platform === null || platform === 'generic' || provider?.all.some((m) => m.provider.id === platform)) return []
  const hosts = deps.platformNameservers?.(platform) ?? getProvider(platform)?.nameservers ?? []
  const records = sets.flatMap((set) => {
    const zone = zoneByName.get(set.name)
    return zone?.found ? [{ name: set.name, type: set.type, zone: zone.apex }] : []
  })
  if (hosts.length === 0 || records.length === 0) return []
  return observeAtPlatform(platform, hosts, records, input, deps)
}

function toZoneObservation(name: string, zone: ZoneResult): ZoneObservation {
  if (!zone.found) {
    return { name, found: false, apex: null, reason: zone.reason, message: zone.message, nameservers: [], parentNameservers: [] }
  }
  return {
    name,
    found: true,
    apex: zone.apex,
    reason: null,
    message: null,
    nameservers: zone.nameservers.map(lowerNoDot),
    parentNameservers: zone.parentNameservers.map((p) => lowerNoDot(p.name))
  }
}

/** The servers of the zone where resolution stopped that failed or answered without authority (from the walk's steps). */
function unusableServers({ name, type }: RecordSet, zone: ZoneNotFound): AuthoritativeObservation[] {
  const out: AuthoritativeObservation[] = []
  for (const step of zone.steps) {
    if ((step.kind !== 'failed' && step.kind !== 'lame') || !sameName(step.zone, zone.at)) continue
    const address = serverToString(step.server.address)
    if (out.some((o) => o.address === address)) continue
    const status: ServerStatus =
      step.kind === 'lame'
        ? 'lame'
        : step.failureCode === 'refused_connection'
          ? 'refused'
          : step.failureCode === 'malformed'
            ? 'malformed'
            : step.failureCode === 'network'
              ? 'network'
              : 'timeout'
    out.push({
      name,
      type,
      zone: zone.at,
      server: lowerNoDot(step.server.name),
      address,
      status,
      rcode: step.rcode,
      authoritative: step.authoritative,
      values: [],
      records: [],
      cname: null,
      otherValues: [],
      ttl: null,
      soaSerial: null,
      negativeTtl: null,
      transport: step.transport,
      elapsedMs: step.elapsedMs,
      ignoredReplies: 0,
      ...(step.problem ? { error: step.problem } : {})
    })
  }
  return out
}

async function observeAuthoritative(
  { name, type }: RecordSet,
  zone: string,
  serverName: string,
  address: ServerAddress,
  input: NormalizedInput,
  deps: ObserveDeps
): Promise<AuthoritativeObservation> {
  const opts: ExchangeOptions = { recursionDesired: false, ...tries(input.timeoutMs), signal: deps.signal }
  const [main, soaRecord, other] = await Promise.all([
    deps.query({ name, type }, address, opts),
    deps.iterative.zoneSoa(zone, address, { signal: deps.signal }),
    type === 'CNAME' ? deps.query({ name, type: 'TXT' }, address, opts) : Promise.resolve(null)
  ])
  const base = {
    name,
    type,
    zone,
    server: lowerNoDot(serverName),
    address: serverToString(address),
    values: [] as string[],
    records: [] as DnsRecord[],
    cname: null as string | null,
    otherValues: [] as string[],
    ttl: null as number | null,
    soaSerial: null as number | null,
    negativeTtl: null as number | null
  }
  if (soaRecord && soaRecord.data.kind === 'soa') {
    base.soaSerial = soaRecord.data.serial
    base.negativeTtl = Math.min(soaRecord.ttl, soaRecord.data.minimum)
  }
  if (!main.ok) {
    return {
      ...base,
      status: failureStatus(main),
      rcode: null,
      authoritative: false,
      transport: null,
      elapsedMs: main.elapsedMs,
      ignoredReplies: main.ignoredReplies,
      error: main.message
    }
  }
  const r = main.response
  const common = {
    ...base,
    rcode: r.rcode,
    authoritative: r.flags.aa,
    transport: main.transport,
    elapsedMs: main.elapsedMs,
    ignoredReplies: main.ignoredReplies
  }
  if (r.rcode === 'REFUSED' || r.rcode === 'NOTAUTH' || (r.rcode === 'NOERROR' && !r.flags.aa)) {
    // RFC 1034 4.2.2: a server listed for the zone that does not answer authoritatively for it is lame.
    return { ...common, status: 'lame' }
  }
  if (r.rcode === 'SERVFAIL') return { ...common, status: 'servfail' }
  const cname = r.answers.find((rec) => rec.type === 'CNAME' && sameName(rec.name, name))
  const records = r.answers.filter((rec) => rec.type === type && sameName(rec.name, name))
  const values = records.map(recordValue)
  const otherValues =
    other && other.ok ? other.response.answers.filter((rec) => rec.type === 'TXT' && sameName(rec.name, name)).map(recordValue) : []
  const ttl = records.length > 0 ? Math.max(...records.map((rec) => rec.ttl)) : cname ? cname.ttl : null
  return {
    ...common,
    status: r.rcode === 'NXDOMAIN' ? 'nxdomain' : records.length > 0 || cname ? 'ok' : 'nodata',
    values,
    records,
    cname: cname && cname.data.kind === 'name' ? lowerNoDot(cname.data.target) : null,
    otherValues,
    ttl
  }
}

/**
 * A CNAME at a TXT name is how validation is delegated (acme-dns and the like): CAs follow it. When the
 * alias leads to the expected value, that value is what the server shows at the name; otherwise the
 * observation stays as it is (the CNAME hides the record).
 */
async function followCnameToValue(o: AuthoritativeObservation, set: RecordSet, deps: ObserveDeps): Promise<AuthoritativeObservation> {
  if (set.type !== 'TXT' || o.status !== 'ok' || o.cname === null || o.values.length > 0) return o
  // The alias came off the wire: one that cannot be a name (an empty label) is the zone's error, not ours to throw.
  if (!askableName(o.cname).ok) return o
  const result = await deps.iterative.resolve(o.cname, 'TXT', { signal: deps.signal })
  if (result.status !== 'answer') return o
  const records = result.answers.filter((rec) => rec.type === 'TXT' && sameName(rec.name, result.canonicalName))
  const values = records.map(recordValue)
  if (!values.some((v) => set.values.some((expected) => compareTxtValue(expected, v).kind === 'equal'))) return o
  return { ...o, values, records }
}

/**
 * True as soon as one server answers without the expected value (the record is missing or wrong);
 * false once every answer has it, or when no server could answer at all.
 */
function someAnswerLacks(expected: ExpectedRecordSet, answers: Promise<AuthoritativeObservation>[]): Promise<boolean> {
  return new Promise((resolve) => {
    const lacks = (o: AuthoritativeObservation): boolean =>
      (o.status === 'ok' || o.status === 'nodata' || o.status === 'nxdomain') && !hasExpectedValues(o, expected)
    for (const answer of answers) answer.then((o) => lacks(o) && resolve(true), () => resolve(false))
    Promise.all(answers).then(() => resolve(false), () => resolve(false))
  })
}

async function observeNearMisses({ name, type }: RecordSet, zone: string, baseDomain: string, deps: ObserveDeps): Promise<NearMissObservation[]> {
  const candidates = nearMissNames(name, zone, baseDomain)
  const found = await Promise.all(
    candidates.map(async (candidate): Promise<NearMissObservation | null> => {
      // Asked of the zone's servers in turn until one answers (a near miss is a property of the zone),
      // through the run's resolver: no new walk from the root, and nothing at all below a name the
      // zone already said does not exist. A CNAME there is not followed: the record itself is wanted.
      const result = await deps.iterative.resolve(candidate.name, type, { signal: deps.signal, followCnames: false })
      if (result.status !== 'answer') return null
      const values = result.answers.filter((rec) => rec.type === type && sameName(rec.name, candidate.name)).map(recordValue)
      if (values.length === 0) return null
      return { expectedName: name, foundName: candidate.name, hint: candidate.hint, type, values, server: lowerNoDot(result.server.name) }
    })
  )
  return found.filter((f): f is NearMissObservation => f !== null)
}

async function observeResolver(
  { name, type }: RecordSet,
  input: NormalizedInput,
  target: ResolverTarget,
  deps: ObserveDeps,
  apexOf: (name: string) => Promise<string | null>
): Promise<ResolverObservation> {
  const opts: ExchangeOptions = { recursionDesired: true, ...tries(input.timeoutMs), signal: deps.signal }
  const outcome = await deps.query({ name, type }, target.address, opts)
  const base = {
    name,
    type,
    id: target.id,
    label: target.label,
    address: serverToString(target.address),
    values: [] as string[],
    ttl: null as number | null,
    extendedError: null as string | null,
    negativeTtl: null as number | null,
    negativeSoa: null as ResolverObservation['negativeSoa'],
    apexVisible: null as boolean | null,
    ignoredReplies: outcome.ignoredReplies
  }
  if (!outcome.ok) {
    const status = failureStatus(outcome)
    return {
      ...base,
      status: status === 'timeout' || status === 'refused' || status === 'network' || status === 'malformed' ? status : 'timeout',
      rcode: null,
      receivedAt: Date.now(),
      elapsedMs: outcome.elapsedMs,
      error: outcome.message
    }
  }
  const r = outcome.response
  const ede = r.extendedErrors.map((e) => (e.text ? `${e.name}: ${e.text}` : e.name)).join('; ') || null
  const common = { ...base, rcode: r.rcode, receivedAt: outcome.receivedAt, elapsedMs: outcome.elapsedMs, extendedError: ede }
  if (r.rcode === 'SERVFAIL') {
    // A validating resolver answers SERVFAIL for bogus DNSSEC; with CD=1 it skips validation and answers.
    const unchecked = await deps.query({ name, type }, target.address, { ...opts, checkingDisabled: true })
    const bogus = unchecked.ok && (unchecked.response.rcode === 'NOERROR' || unchecked.response.rcode === 'NXDOMAIN')
    return { ...common, status: bogus ? 'bogus' : 'servfail' }
  }
  // REFUSED from a resolver: it is there but will not resolve for us (recursion closed to our address).
  if (r.rcode === 'REFUSED') return { ...common, status: 'rejected' }
  const soa = r.authorities.find((rec) => rec.data.kind === 'soa')
  const negative =
    soa && soa.data.kind === 'soa'
      ? {
          negativeTtl: Math.min(soa.ttl, soa.data.minimum),
          negativeSoa: { owner: lowerNoDot(soa.name), mname: lowerNoDot(soa.data.mname), rname: lowerNoDot(soa.data.rname), serial: soa.data.serial }
        }
      : { negativeTtl: null, negativeSoa: null }
  if (r.rcode === 'NXDOMAIN') {
    return { ...common, status: 'nxdomain', ...negative, apexVisible: await apexVisibility(name, negative.negativeSoa, input, target, deps, apexOf) }
  }
  // The final record set after any CNAME chain the resolver followed.
  const records = r.answers.filter((rec) => rec.type === type)
  const values = records.map(recordValue)
  if (values.length === 0) {
    return { ...common, status: 'nodata', ...negative, apexVisible: await apexVisibility(name, negative.negativeSoa, input, target, deps, apexOf) }
  }
  return { ...common, status: 'ok', values, ttl: Math.min(...records.map((rec) => rec.ttl)) }
}

/**
 * A negative answer without an SOA says nothing about which zone the resolver looked in: ask it for the SOA of the
 * domain's zone (found by walking from the roots). NXDOMAIN there means the resolver cannot see the domain at all
 * (a private root, a company DNS that only knows its own zones). With an SOA in the negative answer, its owner
 * already tells, and no query is sent.
 */
async function apexVisibility(
  name: string,
  soa: ResolverObservation['negativeSoa'],
  input: NormalizedInput,
  target: ResolverTarget,
  deps: ObserveDeps,
  apexOf: (name: string) => Promise<string | null>
): Promise<boolean | null> {
  if (soa !== null) return null
  const apex = await apexOf(name)
  if (apex === null) return null
  const opts: ExchangeOptions = { recursionDesired: true, ...tries(input.timeoutMs), signal: deps.signal }
  const outcome = await deps.query({ name: apex, type: 'SOA' }, target.address, opts)
  if (!outcome.ok) return null
  const r = outcome.response
  if (r.rcode === 'NXDOMAIN') return false
  if (r.rcode !== 'NOERROR') return null
  return r.answers.some((rec) => rec.data.kind === 'soa' && sameName(rec.name, apex))
}

/** What a failed exchange says about the server: nothing listening, only garbage back, the network, or silence. */
function failureStatus(outcome: ExchangeFailure): 'timeout' | 'refused' | 'network' | 'malformed' {
  if (outcome.code === 'refused_connection') return 'refused'
  if (outcome.code === 'network') return 'network'
  // Replies came, but none could be accepted (malformed, or for another question/id/source): not silence.
  if (outcome.code === 'malformed' || (outcome.code === 'timeout' && outcome.ignoredReplies > 0)) return 'malformed'
  return 'timeout'
}

/**
 * RFC 8659 section 3: the relevant CAA record set is the first non-empty one found climbing from the
 * domain (without `*.`) towards the root, the root excluded. The levels below the top-level domain
 * are asked at once (through the run's resolver they go to the zone's own servers, in the same round
 * trip as the zone lookup); the top-level domain only when none of them has CAA records.
 */
async function observeCaa(certificateDomain: string, iterative: IterativeResolver, signal?: AbortSignal): Promise<CaaObservation> {
  const start = stripDot(certificateDomain.replace(/^\*\./, '')).toLowerCase()
  const levels: string[] = []
  for (let n: string | null = start; n !== null && n !== '.'; n = parentName(n)) levels.push(n)
  const nearest = async (batch: string[]): Promise<CaaObservation | null> => {
    const results = await Promise.all(batch.map((level) => iterative.resolve(level, 'CAA', { signal })))
    for (const [i, result] of results.entries()) {
      if (result.status !== 'answer') continue
      const records = result.answers.flatMap((rec) =>
        rec.data.kind === 'caa' ? [{ flags: rec.data.flags, tag: rec.data.tag.toLowerCase(), value: rec.data.value }] : []
      )
      if (records.length > 0) return { certificateDomain, foundAt: batch[i]!, records }
    }
    return null
  }
  const belowTld = levels.filter((level) => !isRegistryZone(level))
  const registries = levels.filter((level) => isRegistryZone(level))
  return (await nearest(belowTld)) ?? (await nearest(registries)) ?? { certificateDomain, foundAt: null, records: [] }
}

function lowerNoDot(name: string): string {
  return stripDot(name).toLowerCase()
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}

function progressCounter(onProgress?: (done: number, total: number) => void) {
  let total = 0
  let done = 0
  return {
    track<T>(promise: Promise<T>): Promise<T> {
      total++
      onProgress?.(done, total)
      return promise.finally(() => {
        done++
        onProgress?.(done, total)
      })
    }
  }
}
