import type { DnsRecord, DnsResponse, ExchangeOutcome, ServerAddress } from '../../shared/dns-types'
import { interpretResponse, type Referral } from './delegation'
import { DelegationCache } from './delegation-cache'
import type { WalkEnd, ZoneReply, ZoneServers } from './walk-types'
import type { Exchanger } from './exchange'
import {
  answeredStep,
  chainText,
  failedStep,
  failure,
  lookupFailureText,
  serverLabel,
  unreachableMessage
} from './iterative-report'
import type { NameserverLookup, ResolveFailure, ResolveSuccess, TraceStep } from './iterative-types'
import { askableName, isSubdomainOf, sameName, stripDot } from '../../shared/names'
import type { QueryCache } from './query-cache'
import { addressTypes, type FamilyChoice } from './root-hints'
import { canonicalIp } from '../../shared/server-address'


/** Nested lookups of name server addresses (a glueless server whose zone is glueless too, ...). */
const MAX_LOOKUP_DEPTH = 4

export interface WalkSettings {
  root: ZoneServers
  /** Port of servers found on the way. */
  port: number
  timeoutMs: number
  retries: number
  maxReferrals: number
  maxCnames: number
  family: FamilyChoice
  cache: QueryCache
  /** Sends one question to one server: tryExchange, or a wrapper around it (counting, logging). */
  exchange: Exchanger
}

/** State of one top-level call, shared by the lookups it starts. */
export interface WalkContext {
  budget: { queriesLeft: number }
  depth: number
  /** Name servers whose addresses are being looked up by this chain of calls: a repeat is a loop. */
  lookupStack: readonly string[]
  signal: AbortSignal | undefined
  lookups: NameserverLookup[]
}

export type { WalkEnd, ZoneReply, ZoneServers } from './walk-types'

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: ResolveFailure }

/** A successful resolution without its path: the walker's result before the public fields are added. */
export type ResolvedName = Pick<ResolveSuccess, 'status' | 'canonicalName' | 'answers' | 'soa' | 'zone' | 'server' | 'response'>

/**
 * The resolution algorithm (RFC 1034 5.3.3 without a cache of records): referrals down from the
 * root, or from the deepest zone cut an earlier walk of the same resolver learned.
 */
export class Walker {
  /** What the walks of this resolver learned about the tree, shared between them. */
  readonly delegations: DelegationCache

  constructor(readonly settings: WalkSettings) {
    this.delegations = new DelegationCache(settings.root)
  }

  newContext(maxQueries: number, signal: AbortSignal | undefined): WalkContext {
    return { budget: { queriesLeft: maxQueries }, depth: 0, lookupStack: [], signal, lookups: [] }
  }

  /**
   * Follows referrals from `start`, or from a deeper cut already known, until a server of some zone
   * answers for `name` itself. `onZone` hears of each zone before its servers are asked.
   */
  async walk(
    name: string,
    type: string,
    start: ZoneServers,
    ctx: WalkContext,
    steps: TraceStep[],
    onZone?: (at: ZoneServers) => void
  ): Promise<Outcome<WalkEnd>> {
    const { delegations } = this
    let at = start
    for (let referrals = 0; ; referrals++) {
      // Only a walk of its own waits: one nested in another walk's question (ctx.depth > 0) holds that question in flight.
      const deepest = delegations.descend(name, at, ctx.depth === 0, ctx.signal)
      at = deepest instanceof Promise ? await deepest : deepest
      const known = delegations.nxdomainCovering(name)
      if (known) {
        // RFC 8020: the name is below one that does not exist; the answer that said so is the answer.
        steps.push({ ...known.step, fromCache: true })
        return { ok: true, value: known.end }
      }
      onZone?.(at)
      const question = delegations.startQuestion(at.zone, name)
      let got: Outcome<ZoneReply>
      try {
        got = await this.askZone(at, name, type, ctx, steps)
        // Learned before the question counts as answered, so walks waiting for it find the cut.
        if (got.ok && got.value.meaning.kind === 'referral') delegations.learnReferral(at.zone, this.zoneFromReferral(got.value.meaning.referral))
      } finally {
        question.end()
      }
      if (!got.ok) return got
      const { meaning } = got.value
      if (meaning.kind !== 'referral') {
        const end: WalkEnd = { ...got.value, meaning, at }
        delegations.learnNxdomain(name, end, got.value.step)
        return { ok: true, value: end }
      }
      if (referrals >= this.settings.maxReferrals) {
        return failure(
          'referral_limit',
          meaning.referral.zone,
          `Gave up looking for ${name} after ${referrals + 1} referrals (the limit is ${this.settings.maxReferrals}).`
        )
      }
      at = this.zoneFromReferral(meaning.referral)
    }
  }

  /**
   * Asks the servers of one zone in turn until one gives a usable answer. Servers that time out, refuse,
   * fail or answer like a non-authority (lame) are recorded and skipped.
   */
  async askZone(at: ZoneServers, name: string, type: string, ctx: WalkContext, steps: TraceStep[]): Promise<Outcome<ZoneReply>> {
    const problems: string[] = []
    let loops = 0
    for (const ns of at.servers) {
      let addresses = ns.addresses
      if (addresses.length === 0) {
        const lookup = await this.lookupAddresses(ns.name, at.zone, ctx)
        addresses = lookup.addresses
        if (addresses.length === 0) {
          problems.push(`${ns.name} has no address: ${lookup.problem}`)
          if (lookup.loop) loops++
          continue
        }
      }
      for (const address of addresses) {
        const server = { name: ns.name, address }
        if (ctx.signal?.aborted) return failure('aborted', at.zone, 'Resolution was cancelled.', problems)
        if (ctx.budget.queriesLeft <= 0) {
          return failure('query_limit', at.zone, `Gave up looking for ${name}: too many queries were needed.`, problems)
        }
        ctx.budget.queriesLeft--
        const { outcome, fromCache } = await this.ask(address, name, type, ctx.signal)
        if (!outcome.ok) {
          steps.push(failedStep(at.zone, name, type, server, outcome, fromCache))
          if (outcome.code === 'aborted') return failure('aborted', at.zone, 'Resolution was cancelled.', problems)
          problems.push(`${serverLabel(server)}: ${outcome.message}`)
          continue
        }
        const meaning = interpretResponse(outcome.response, { zone: at.zone, name, type })
        const step = answeredStep(at.zone, name, type, server, outcome, fromCache, meaning)
        steps.push(step)
        if (meaning.kind === 'lame') {
          problems.push(`${serverLabel(server)} ${meaning.reason}`)
          continue
        }
        if (meaning.kind !== 'referral') this.delegations.learnSoas(address, at.zone, name, outcome.response)
        return { ok: true, value: { server, response: outcome.response, meaning, step } }
      }
    }
    const code = loops > 0 && loops === at.servers.length ? 'glueless_loop' : 'unreachable'
    return failure(code, at.zone, unreachableMessage(at, problems), problems)
  }

  /** Resolves from the root (or the deepest cut known), following CNAMEs unless told not to. */
  async resolveName(name: string, type: string, ctx: WalkContext, steps: TraceStep[], followCnames = true): Promise<Outcome<ResolvedName>> {
    const chain: DnsRecord[] = []
    const seen = new Set([name.toLowerCase()])
    let current = name
    for (;;) {
      const end = await this.walk(current, type, this.settings.root, ctx, steps)
      if (!end.ok) return end
      const { meaning, at, server, response } = end.value
      const inResponseChain = meaning.kind === 'answer' || meaning.kind === 'cname' ? meaning.chain : []
      chain.push(...inResponseChain)
      for (const alias of inResponseChain) seen.add(stripDot(alias.name).toLowerCase())
      if (chain.length > this.settings.maxCnames) {
        return failure('cname_limit', at.zone, `${name} leads through more than ${this.settings.maxCnames} CNAMEs: ${chainText(name, chain)}.`)
      }
      if (meaning.kind === 'cname' && followCnames) {
        const asked = askableName(meaning.target)
        if (!asked.ok) return failure('bad_name', at.zone, `${name} is an alias of a name that cannot exist: ${asked.problem}`)
        const target = asked.name
        if (seen.has(target)) return failure('cname_loop', at.zone, `${name} leads into a CNAME loop: ${chainText(name, chain)}.`)
        seen.add(target)
        current = target
        continue
      }
      if (meaning.kind === 'cname') {
        const last = stripDot(meaning.chain.at(-1)!.name).toLowerCase()
        return { ok: true, value: { status: 'answer', canonicalName: last, answers: chain, soa: null, zone: zoneOfAnswer(at.zone, response, current), server, response } }
      }
      const soa = meaning.kind === 'answer' ? null : meaning.soa
      return {
        ok: true,
        value: {
          status: meaning.kind,
          canonicalName: meaning.kind === 'answer' ? stripDot(meaning.name).toLowerCase() : current,
          answers: meaning.kind === 'answer' ? [...chain, ...meaning.records] : chain,
          soa,
          zone: zoneOfAnswer(at.zone, response, current),
          server,
          response
        }
      }
    }
  }

  /**
   * The addresses of a name server that came without usable glue, looked up like any name (once
   * per resolver: later zones served by the same server reuse them).
   */
  async lookupAddresses(nsName: string, forZone: string, ctx: WalkContext): Promise<NameserverLookup> {
    const lookup: NameserverLookup = { name: nsName, forZone, addresses: [], problem: null, loop: false, steps: [] }
    const asked = askableName(nsName)
    const known = asked.ok ? this.delegations.addressesOf(asked.name) : undefined
    if (!asked.ok) {
      lookup.problem = `its name cannot exist: ${asked.problem}`
    } else if (known) {
      lookup.addresses = [...known]
    } else if (ctx.lookupStack.some((n) => sameName(n, nsName))) {
      lookup.problem = `finding it needs an answer from ${nsName} itself (glue is missing: a glueless delegation loop)`
      lookup.loop = true
    } else if (ctx.depth >= MAX_LOOKUP_DEPTH) {
      lookup.problem = `finding its address needs more than ${MAX_LOOKUP_DEPTH} nested lookups of name server addresses`
    } else {
      const sub: WalkContext = { ...ctx, depth: ctx.depth + 1, lookupStack: [...ctx.lookupStack, nsName] }
      const problems: string[] = []
      for (const type of addressTypes(this.settings.family)) {
        const got = await this.resolveName(asked.name, type, sub, lookup.steps)
        if (!got.ok) {
          problems.push(lookupFailureText(got.failure))
          if (got.failure.code === 'glueless_loop') lookup.loop = true
          if (got.failure.code === 'aborted') break
        } else if (got.value.status === 'answer') {
          for (const record of got.value.answers) {
            const address = this.addressOf(record)
            if (address && !lookup.addresses.some((a) => a.host === address.host)) lookup.addresses.push(address)
          }
        } else {
          problems.push(got.value.status === 'nxdomain' ? `${nsName} does not exist` : `${nsName} has no ${type} record`)
        }
      }
      if (lookup.addresses.length === 0) lookup.problem = problems.join('; ') || `${nsName} has no address`
      this.delegations.learnAddresses(nsName, lookup.addresses)
    }
    ctx.lookups.push(lookup)
    return lookup
  }

  /** The servers a referral points to; those with usable glue first, in the order the parent listed them. */
  zoneFromReferral(referral: Referral): ZoneServers {
    const servers = referral.nameservers.map((name) => ({ name, addresses: this.glueFor(name, referral) }))
    return {
      zone: referral.zone,
      servers: [...servers.filter((s) => s.addresses.length > 0), ...servers.filter((s) => s.addresses.length === 0)],
      referral
    }
  }

  /** In-bailiwick glue for `name`, of the resolver's families. */
  glueFor(name: string, referral: Referral): ServerAddress[] {
    const addresses: ServerAddress[] = []
    for (const record of referral.glue) {
      if (!sameName(record.name, name)) continue
      const address = this.addressOf(record)
      if (address && !addresses.some((a) => a.host === address.host)) addresses.push(address)
    }
    return addresses
  }

  /** A server address from an A/AAAA record, on the port for authoritative servers; null for another family. */
  addressOf(record: DnsRecord): ServerAddress | null {
    if (record.data.kind !== 'address') return null
    const family = this.settings.family
    if (record.type === 'A' && family !== 'ipv6') return { host: record.data.address, port: this.settings.port, family: 4 }
    if (record.type === 'AAAA' && family !== 'ipv4') {
      return { host: canonicalIp(record.data.address, 6), port: this.settings.port, family: 6 }
    }
    return null
  }

  /** One question to one authoritative server, shared with every other asker of the same resolver. */
  async ask(address: ServerAddress, name: string, type: string, signal: AbortSignal | undefined) {
    const { timeoutMs, retries, cache, exchange } = this.settings
    const send = (): Promise<ExchangeOutcome> => exchange({ name, type }, address, { timeoutMs, retries, recursionDesired: false, signal })
    let got = await cache.get(address, name, type, send)
    // A shared query cancelled by another caller says nothing about the server: ask again for this one.
    if (!got.outcome.ok && got.outcome.code === 'aborted' && got.fromCache && !signal?.aborted) {
      got = await cache.get(address, name, type, send)
    }
    return got
  }
}

/** The zone an authoritative answer came from: the SOA owner in the authority section when it lies between. */
export function zoneOfAnswer(askedZone: string, response: DnsResponse, name: string): string {
  const soa = response.authorities.find((r) => r.type === 'SOA')
  if (soa && isSubdomainOf(soa.name, askedZone) && isSubdomainOf(name, soa.name)) return stripDot(soa.name).toLowerCase()
  return askedZone
}
