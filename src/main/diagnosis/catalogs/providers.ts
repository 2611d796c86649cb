import type { Provider, ProviderMatch } from '../../../shared/catalog-types'
import { deepFreeze, GENERIC_PROVIDER_ID, parseCatalogFile, providerCatalogSchema } from './catalog-schema'
import providersData from './providers.json'

/**
 * The DNS hosting platforms the app knows, and which of them an NS set points to.
 * The data is checked when this module loads: a broken providers.json stops the app with the file and field.
 */

interface CompiledProvider {
  provider: Provider
  patterns: RegExp[]
}

/** Validates a providers.json document; throws a CatalogError naming the file and field. */
export function parseProviderCatalog(data: unknown, file = 'providers.json'): Provider[] {
  return deepFreeze(parseCatalogFile(providerCatalogSchema, data, file).providers)
}

/**
 * A pattern as a regular expression: a leading `*.` matches one or more whole labels, any other `*` matches zero or
 * more characters inside one label; the rest is literal. Matched against the whole normalized host.
 */
export function nsPatternToRegExp(pattern: string): RegExp {
  const lower = pattern.toLowerCase()
  const anySubdomain = lower.startsWith('*.')
  const rest = anySubdomain ? lower.slice(2) : lower
  const body = rest.split('*').map(escapeRegExp).join('[^.]*')
  return new RegExp(`^${anySubdomain ? '(?:[^.]+\\.)+' : ''}${body}$`)
}

/** An NS host as compared: trimmed, lower-case, without trailing dot. */
export function normalizeNsHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.+$/, '')
}

const providers = parseProviderCatalog(providersData)
const compiled: CompiledProvider[] = providers.map((provider) => ({
  provider,
  patterns: provider.nsPatterns.map(nsPatternToRegExp)
}))

/** Every platform, in catalog order; `generic` (for platforms not listed) is among them. */
export function listProviders(): Provider[] {
  return [...providers]
}

export function getProvider(id: string): Provider | undefined {
  return providers.find((p) => p.id === id.toLowerCase())
}

/** The entry for platforms not in the catalog. */
export function getGenericProvider(): Provider {
  const generic = getProvider(GENERIC_PROVIDER_ID)
  if (generic === undefined) throw new Error('providers.json has no generic provider') // the schema forbids this
  return generic
}

/** The platform one NS host belongs to, or undefined when no pattern matches. */
export function providerForNsHost(host: string): Provider | undefined {
  const normalized = normalizeNsHost(host)
  return compiled.find((c) => c.patterns.some((re) => re.test(normalized)))?.provider
}

/**
 * Which platform hosts a zone, from its NS host names. The platform with most hosts wins (the one seen first wins
 * a tie); `all` keeps every platform seen, so a half-migrated NS set is visible. Null when no host is recognized.
 */
export function detectProvider(nsHosts: readonly string[]): ProviderMatch | null {
  const hosts = [...new Set(nsHosts.map(normalizeNsHost).filter((h) => h !== ''))]
  const groups = new Map<string, { provider: Provider; hosts: string[]; firstSeen: number }>()
  const unmatchedHosts: string[] = []
  hosts.forEach((host, index) => {
    const provider = providerForNsHost(host)
    if (provider === undefined) {
      unmatchedHosts.push(host)
      return
    }
    const group = groups.get(provider.id)
    if (group === undefined) groups.set(provider.id, { provider, hosts: [host], firstSeen: index })
    else group.hosts.push(host)
  })
  const ranked = [...groups.values()].sort((a, b) => b.hosts.length - a.hosts.length || a.firstSeen - b.firstSeen)
  const best = ranked[0]
  if (best === undefined) return null
  return {
    provider: best.provider,
    hosts: best.hosts,
    all: ranked.map(({ provider, hosts: groupHosts }) => ({ provider, hosts: groupHosts })),
    unmatchedHosts,
    mixed: ranked.length > 1 || unmatchedHosts.length > 0
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
