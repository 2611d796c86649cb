import type { DelegationSummary } from '../../shared/api'
import { createIterativeResolver } from '../dns/iterative'
import { parseServerAddress } from '../../shared/server-address'
import { detectProvider } from './catalogs/providers'
import * as z from 'zod'
import { baseDomainOf } from '../../shared/placement'
import { checkCertificateDomain } from '../../shared/record-input'
import { checked } from '../../shared/schema-issues'
import { authPort, InputError, inputErrorOf, rootServers, timeoutMs } from './input'

export interface DelegationOptions {
  roots?: string[]
  authPort?: number
  timeoutMs?: number
  signal?: AbortSignal
}

/** The diagnosis input's own checks for the fields a lookup takes, so the same words explain a bad domain. */
const delegationInput = z.object({
  domain: z.unknown().transform(checked(checkCertificateDomain)),
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
    return { domain: base, zone: null, nameservers: [], provider: null, problem: zone.reason === 'unreachable' ? 'unreachable' : 'not_found' }
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
    problem: null
  }
}

export { InputError }
