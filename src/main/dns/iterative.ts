import { performance } from 'node:perf_hooks'
import type { DnsRecord, ServerAddress } from '../../shared/dns-types'
import { DEFAULT_DEADLINE_MS, formatSeconds, startDeadline } from './deadline'
import { DnsError } from './errors'
import { toQuestion, tryExchange } from './exchange'
import type {
  CallOptions,
  IterativeResolver,
  IterativeResolverOptions,
  NamedServer,
  ResolveFailure,
  ResolveResult,
  ZoneResult
} from './iterative-types'
import { Walker, type ZoneServers } from './iterative-walk'
import { sameName } from '../../shared/names'
import { createQueryCache } from './query-cache'
import { rootHintServers } from './root-hints'
import { DNS_PORT, parseServerAddress } from '../../shared/server-address'
import { findZoneApex, getDelegation } from './zone-apex'

export type * from './iterative-types'
export { isRegistryZone } from './zone-apex'

const DEFAULTS = { timeoutMs: 2000, retries: 1, maxReferrals: 16, maxCnames: 8, maxQueries: 200, family: 'ipv4' } as const

/**
 * A resolver that asks authoritative servers itself, starting at the root, the way `dig +trace` and
 * a recursive resolver do, and keeps the path it took as evidence. Answers it receives are shared
 * between concurrent and later calls of the same instance, and so is what they taught about the tree
 * (DelegationCache): a later call starts at the deepest zone cut known, so a trace that must show the
 * whole path from the root needs an instance of its own. No TTLs: an instance lives for one run.
 */
export function createIterativeResolver(options: IterativeResolverOptions = {}): IterativeResolver {
  const family = options.family ?? DEFAULTS.family
  const port = options.authPort ?? DNS_PORT
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DnsError(`authPort ${options.authPort} is not a port (1–65535).`)
  const rootServers = options.rootServers ? options.rootServers.map(toNamedServer) : rootHintServers(family, port)
  if (rootServers.length === 0) throw new DnsError('No root servers were given to start resolution from.')
  const root: ZoneServers = { zone: '.', servers: rootServers, referral: null }
  const cache = options.cache ?? createQueryCache()
  const maxQueries = options.maxQueries ?? DEFAULTS.maxQueries
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS
  if (!Number.isInteger(deadlineMs) || deadlineMs < 1) throw new DnsError(`deadlineMs ${options.deadlineMs} is not a number of milliseconds.`)
  /** Runs one call under the resolver's time limit; a failure the limit caused says so (code 'deadline'). */
  async function underDeadline<T>(call: CallOptions, work: (signal: AbortSignal) => Promise<T>, onDeadline: (result: T, failure: ResolveFailure) => T, failureOf: (result: T) => ResolveFailure | null): Promise<T> {
    const deadline = startDeadline(deadlineMs, call.signal)
    try {
      const result = await work(deadline.signal)
      const failure = failureOf(result)
      // Whatever the walk made of the cancelled lookups (aborted, or 'no server usable' after each was cut short),
      // the time limit is why it stopped.
      if (!deadline.reached || failure === null) return result
      const message = `Gave up after ${formatSeconds(deadlineMs)}, the time limit for one lookup; the servers of ${failure.zone === '.' ? 'the root zone' : `the zone ${failure.zone}`} were still being tried.`
      return onDeadline(result, { ...failure, code: 'deadline', message })
    } finally {
      deadline.dispose()
    }
  }
  const walker = new Walker({
    root,
    port,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: options.retries ?? DEFAULTS.retries,
    maxReferrals: options.maxReferrals ?? DEFAULTS.maxReferrals,
    maxCnames: options.maxCnames ?? DEFAULTS.maxCnames,
    family,
    cache,
    exchange: options.exchange ?? tryExchange
  })

  return {
    cache,
    async resolve(name: string, type = 'A', call: CallOptions = {}): Promise<ResolveResult> {
      const question = toQuestion({ name, type })
      const started = performance.now()
      const steps: ResolveResult['steps'] = []
      return underDeadline<ResolveResult>(
        call,
        async (signal) => {
          const ctx = walker.newContext(maxQueries, signal)
          const got = await walker.resolveName(question.name, question.type, ctx, steps, call.followCnames ?? true)
          const base = {
            question: { name: question.name, type: question.type },
            steps,
            nameserverLookups: ctx.lookups,
            elapsedMs: Math.round((performance.now() - started) * 100) / 100
          }
          return got.ok ? { ...base, ...got.value } : { ...base, status: 'failed', failure: got.failure }
        },
        (result, failure) => ({ ...result, status: 'failed', failure }) as ResolveResult,
        (result) => (result.status === 'failed' ? result.failure : null)
      )
    },
    findZoneApex(name: string, call: CallOptions = {}): Promise<ZoneResult> {
      const { name: normalized } = toQuestion({ name, type: 'SOA' })
      return underDeadline(call, (signal) => findZoneApex(walker, normalized, walker.newContext(maxQueries, signal)), zoneDeadline, zoneFailure)
    },
    getDelegation(zone: string, call: CallOptions = {}): Promise<ZoneResult> {
      const { name: normalized } = toQuestion({ name: zone, type: 'NS' })
      return underDeadline(call, (signal) => getDelegation(walker, normalized, walker.newContext(maxQueries, signal)), zoneDeadline, zoneFailure)
    },
    async zoneSoa(zone: string, server: ServerAddress, call: CallOptions = {}): Promise<DnsRecord | null> {
      const { name: apex } = toQuestion({ name: zone, type: 'SOA' })
      const known = walker.delegations.soaFrom(server, apex)
      if (known) return known
      const { outcome } = await walker.ask(server, apex, 'SOA', call.signal)
      if (!outcome.ok || !outcome.response.flags.aa) return null
      return outcome.response.answers.find((r) => r.data.kind === 'soa' && sameName(r.name, apex)) ?? null
    }
  }
}

function zoneFailure(result: ZoneResult): ResolveFailure | null {
  return result.found ? null : result.failure
}

function zoneDeadline(result: ZoneResult, failure: ResolveFailure): ZoneResult {
  return result.found ? result : { ...result, message: failure.message, failure }
}

function toNamedServer(input: ServerAddress | string | NamedServer): NamedServer {
  if (typeof input === 'string') {
    const address = parseServerAddress(input)
    return { name: address.host, addresses: [address] }
  }
  if ('addresses' in input) {
    if (input.addresses.length === 0) throw new DnsError(`The root server ${input.name} was given without an address.`)
    return input
  }
  return { name: input.host, addresses: [input] }
}
