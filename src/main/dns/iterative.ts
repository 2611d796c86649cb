import { performance } from 'node:perf_hooks'
import type { DnsRecord, ServerAddress } from '../../shared/dns-types'
import { DnsError } from './errors'
import { toQuestion, tryExchange } from './exchange'
import type {
  CallOptions,
  IterativeResolver,
  IterativeResolverOptions,
  NamedServer,
  ResolveResult,
  ZoneResult
} from './iterative-types'
import { Walker, type ZoneServers } from './iterative-walk'
import { sameName } from './names'
import { createQueryCache } from './query-cache'
import { rootHintServers } from './root-hints'
import { DNS_PORT, parseServerAddress } from './server-address'
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
      const ctx = walker.newContext(maxQueries, call.signal)
      const steps: ResolveResult['steps'] = []
      const got = await walker.resolveName(question.name, question.type, ctx, steps, call.followCnames ?? true)
      const base = {
        question: { name: question.name, type: question.type },
        steps,
        nameserverLookups: ctx.lookups,
        elapsedMs: Math.round((performance.now() - started) * 100) / 100
      }
      return got.ok ? { ...base, ...got.value } : { ...base, status: 'failed', failure: got.failure }
    },
    findZoneApex(name: string, call: CallOptions = {}): Promise<ZoneResult> {
      const { name: normalized } = toQuestion({ name, type: 'SOA' })
      return findZoneApex(walker, normalized, walker.newContext(maxQueries, call.signal))
    },
    getDelegation(zone: string, call: CallOptions = {}): Promise<ZoneResult> {
      const { name: normalized } = toQuestion({ name: zone, type: 'NS' })
      return getDelegation(walker, normalized, walker.newContext(maxQueries, call.signal))
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
