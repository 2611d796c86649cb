import { getServers } from 'node:dns'
import type { ServerAddress } from '../../shared/dns-types'
import presets from './data/public-resolvers.json'
import { InvalidServerError } from './errors'
import { parseServerAddress } from './server-address'

export interface ResolverPreset {
  id: string
  name: string
  ipv4: string[]
  ipv6: string[]
  /** Whether the operator validates DNSSEC, so a SERVFAIL there may mean a bogus signature. */
  validates: boolean
}

/** A resolver the user can check against: a preset, the system's, or one typed in. */
export interface ResolverTarget {
  /** Stable label: `google`, `google#2`, `system`, `system#2`, or the typed `IP[:port]`. */
  id: string
  label: string
  address: ServerAddress
  source: 'preset' | 'system' | 'custom'
}

export function listResolverPresets(): ResolverPreset[] {
  return presets.resolvers.map((r) => ({ ...r, ipv4: [...r.ipv4], ipv6: [...r.ipv6] }))
}

export function getResolverPreset(id: string): ResolverPreset | undefined {
  return listResolverPresets().find((r) => r.id === id.toLowerCase())
}

/** Every address of a preset as a target, IPv4 first; `includeIpv6` adds the v6 addresses. */
export function presetTargets(preset: ResolverPreset, includeIpv6 = false): ResolverTarget[] {
  const addresses = [...preset.ipv4, ...(includeIpv6 ? preset.ipv6 : [])]
  return addresses.map((ip, i) => ({
    id: i === 0 ? preset.id : `${preset.id}#${i + 1}`,
    label: `${preset.name} (${ip})`,
    address: parseServerAddress(ip),
    source: 'preset'
  }))
}

/**
 * The resolvers this computer uses (from the OS configuration Node reads at start-up: resolv.conf on
 * Linux and macOS, the adapter settings on Windows).
 */
export function systemResolverTargets(): ResolverTarget[] {
  return getServers().map((spec, i) => {
    const address = parseServerAddress(spec.replace(/%[^\]]*/, ''))
    return {
      id: i === 0 ? 'system' : `system#${i + 1}`,
      label: `System resolver (${spec})`,
      address,
      source: 'system' as const
    }
  })
}

/**
 * Reads what a user typed for `--server` / `--resolver`: a preset id (`google`), `system`, or an
 * address (`IP`, `IP:port`, `[IPv6]:port`).
 */
export function parseResolverSpec(spec: string): ResolverTarget[] {
  const text = spec.trim()
  if (text.toLowerCase() === 'system') {
    const system = systemResolverTargets()
    if (system.length === 0) throw new InvalidServerError('This computer has no DNS resolver configured.')
    return system
  }
  const preset = getResolverPreset(text)
  if (preset) return presetTargets(preset)
  try {
    const address = parseServerAddress(text)
    return [{ id: text, label: text, address, source: 'custom' }]
  } catch (e) {
    if (e instanceof InvalidServerError && !/[:.\[]/.test(text)) {
      const ids = listResolverPresets().map((r) => r.id).join(', ')
      throw new InvalidServerError(`"${spec}" is neither an IP address nor a known resolver (system, ${ids}).`)
    }
    throw e
  }
}
