import type { DelegationSummary } from '../../shared/api'
import { createIterativeResolver } from '../dns/iterative'
import { parseServerAddress } from '../../shared/server-address'
import type { ProviderMatch } from '../../shared/catalog-types'
import { tryExchange } from '../dns/exchange'
import type { IterativeResolver } from '../dns/iterative-types'
import { detectProvider, getProvider } from './catalogs/providers'
import { platformHasZone } from './observe-platform'
import * as z from 'zod'
import { baseDomainOf } from '../../shared/placement'
import { isSubdomainOf, stripDot } from '../../shared/names'
import { registrableDomain } from '../../shared/registrable-domain'
import { checkCertificateDomain } from '../../shared/record-input'
import { checked } from '../../shared/schema-issues'
import { authPort, checkPlatform, InputError, inputErrorOf, rootServers, timeoutMs } from './input'

export interface DelegationOptions {
  roots?: string[]
  authPort?: number
  timeoutMs?: number
  signal?: AbortSignal
  /** The platform the user says hosts the DNS (any name the platform lookup knows). */
  platform?: string
  /** A platform's own name servers, instead of the provider catalog's (a lab's stand-in for a real platform). */
  platformNameservers?: (platformId: string) => readonly string[]
}

/** The diagnosis input's own checks for the fields a lookup takes, so the same words explain a bad domain. */
const delegationInput = z.object({
  domain: z.unknown().transform(checked(checkCertificateDomain)),
  platform: z.string().optional().transform(checked((raw: string | undefined) => (raw ? checkPlatform(raw) : null))),
  roots: rootServers,
  authPort,
  timeoutMs
})

/** Step 1 of the wizard: which zone holds the domain, its name servers, and the platform behind them. */
export async function summarizeDelegation(domain: string, options: DelegationOptions = {}): Promise<DelegationSummary> {
  const parsed = delegationInput.safeParse({ domain, ...options })
  if (!parsed.success) throw inputErrorOf(parsed.error)
  const input = parsed.data
  const base = baseDomainOf(input.domain)
  const iterative = createIterativeResolver({
    rootServers: input.roots.length > 0 ? input.roots.map((r) => parseServerAddress(r)) : undefined,
    authPort: input.authPort ?? undefined,
    timeoutMs: input.timeoutMs
  })
  const zone = await iterative.findZoneApex(base, { signal: options.signal })
  if (!zone.found) {
    if (zone.reason !== 'unreachable') return { domain: base, zone: null, nameservers: [], provider: null, problem: 'not_found', atPlatform: null }
    // The walk got past the root and the registry to servers of the domain itself that did not answer: the user's
    // connection works, and telling them to check it would send them the wrong way.
    const registrable = registrableDomain(base)
    const ownServers = registrable !== null && isSubdomainOf(zone.at, registrable)
    return { domain: base, zone: ownServers ? stripDot(zone.at) : null, nameservers: [], provider: null, problem: ownServers ? 'servers_silent' : 'unreachable', atPlatform: null }
  }
  const nameservers = (zone.nameservers.length > 0 ? zone.nameservers : zone.parentNameservers.map((p) => p.name)).map((n) =>
    n.replace(/\.$/, '').toLowerCase()
  )
  const match = detectProvider(nameservers)
  return {
    domain: base,
    zone: zone.apex,
    nameservers,
    provider: match ? { id: match.provider.id, name: match.provider.names.en } : null,
    problem: null,
    atPlatform: await namedPlatform(input, match, zone.apex, iterative, options)
  }
}

/**
 * When the user names a platform other than the one the name servers belong to, ask that platform's own servers
 * whether the zone is set up there too: records added there are not used, which the user should hear in step 1.
 */
async function namedPlatform(
  input: { platform: string | null; authPort: number | null; timeoutMs: number },
  match: ProviderMatch | null,
  apex: string,
  iterative: IterativeResolver,
  options: DelegationOptions
): Promise<DelegationSummary['atPlatform']> {
  const platform = input.platform
  if (platform === null || platform === 'generic' || match?.all.some((m) => m.provider.id === platform)) return null
  const hosts = options.platformNameservers?.(platform) ?? getProvider(platform)?.nameservers ?? []
  if (hosts.length === 0) return null
  const deps = { iterative, query: tryExchange, signal: options.signal }
  return { platform, nameservers: [...hosts], zoneFound: await platformHasZone(hosts, apex, input, deps) }
}

export { InputError }
