import { getServers } from 'node:dns'
import type { ServerAddress } from '../../shared/dns-types'
import { RESOLVER_PRESET_IDS, RESOLVER_PRESETS, type ResolverPresetData } from '../../shared/resolver-presets'
import { InvalidServerError, parseServerAddress } from '../../shared/server-address'

export type ResolverPreset = ResolverPresetData

/** A resolver the user can check against: a preset, the system's, or one typed in. */
export interface ResolverTarget {
  /** Stable label: `google`, `google#2`, `system`, `system#2`, or the typed `IP[:port]`. */
  id: string
  label: string
  address: ServerAddress
  source: 'preset' | 'system' | 'custom'
}

export function listResolverPresets(): ResolverPreset[] {
  return RESOLVER_PRESETS.map((r) => ({ ...r, ipv4: [...r.ipv4], ipv6: [...r.ipv6] }))
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
    if (system.length === 0) throw new InvalidServerError('server.noSystemResolver')
    return system
  }
  const preset = getResolverPreset(text)
  if (preset) return presetTargets(preset)
  try {
    const address = parseServerAddress(text)
    return [{ id: text, label: text, address, source: 'custom' }]
  } catch (e) {
    if (e instanceof InvalidServerError && !/[:.[]/.test(text)) {
      throw new InvalidServerError('server.unknownResolver', { input: spec, known: ['system', ...RESOLVER_PRESET_IDS].join(', ') })
    }
    throw e
  }
}
