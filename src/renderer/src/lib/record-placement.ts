/**
 * Where a verification record goes, worked out in the renderer so step 2 can show it while the user types. Same
 * rule as the engine (`src/main/diagnosis/placement.ts`), which has the last word in the report's `placements`:
 * `www.example.com` and `*.example.com` are verified at `example.com`; other names keep their own.
 */

export interface PlannedPlacement {
  certificateDomain: string
  baseDomain: string
  /** Full record name, lower-case, no trailing dot. */
  name: string
  /** What to type in a host field relative to the zone (`_dnsauth`, `@`), or null when the name is outside it. */
  relativeHost: string | null
}

function bare(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '')
}

export function baseDomainOf(certificateDomain: string): string {
  const text = certificateDomain.trim().toLowerCase()
  if (text.startsWith('*.')) return bare(text.slice(2))
  const name = bare(text)
  if (name.startsWith('www.') && name.slice(4).includes('.')) return name.slice(4)
  return name
}

function isAtOrBelow(name: string, zone: string): boolean {
  return zone === '' || name === zone || name.endsWith(`.${zone}`)
}

/** A host shown as `_dnsauth` is relative to the base domain; one that already ends in it is full. */
export function recordNameFor(host: string, baseDomain: string): string {
  const text = host.trim()
  if (text === '' || text === '@') return bare(baseDomain)
  const name = bare(text)
  const base = bare(baseDomain)
  return isAtOrBelow(name, base) ? name : `${name}.${base}`
}

export function relativeHostOf(name: string, zone: string | null): string | null {
  if (zone === null) return null
  const n = bare(name)
  const z = bare(zone)
  if (n === z) return '@'
  if (!isAtOrBelow(n, z)) return null
  return n.slice(0, n.length - z.length - 1)
}

/** The zone a name most likely lives in, from the zones known (deepest match), else null. */
export function zoneFor(name: string, zones: readonly (string | null)[]): string | null {
  const candidates = zones.filter((zone): zone is string => zone !== null && isAtOrBelow(bare(name), bare(zone)))
  return candidates.sort((a, b) => b.length - a.length)[0] ?? null
}

/** One placement per distinct record name, in the order the domains were given. */
export function planPlacements(domains: readonly string[], host: string, zone: string | null): PlannedPlacement[] {
  const seen = new Set<string>()
  const placements: PlannedPlacement[] = []
  for (const certificateDomain of domains) {
    if (certificateDomain.trim() === '') continue
    const baseDomain = baseDomainOf(certificateDomain)
    const name = recordNameFor(host, baseDomain)
    const placement = {
      certificateDomain: certificateDomain.trim().toLowerCase(),
      baseDomain,
      name,
      relativeHost: relativeHostOf(name, zone)
    }
    placements.push(placement)
    seen.add(name)
  }
  return placements
}

/** The host the console wants: relative to the zone, or the full name. */
export function hostToType(placement: Pick<PlannedPlacement, 'name' | 'relativeHost'>, hostField: 'relative' | 'full'): string {
  return hostField === 'relative' && placement.relativeHost !== null ? placement.relativeHost : placement.name
}
