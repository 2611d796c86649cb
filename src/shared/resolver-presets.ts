/** The public recursive resolvers offered as presets (data in `data/public-resolvers.json`). */
import data from './data/public-resolvers.json'

export interface ResolverPresetData {
  id: string
  name: string
  ipv4: string[]
  ipv6: string[]
  /** Whether the operator validates DNSSEC, so a SERVFAIL there may mean a bogus signature. */
  validates: boolean
}

export const RESOLVER_PRESETS: readonly Readonly<ResolverPresetData>[] = data.resolvers

/** Preset ids in catalog order (`google`, `cloudflare`, ...). */
export const RESOLVER_PRESET_IDS: readonly string[] = data.resolvers.map((r) => r.id)
