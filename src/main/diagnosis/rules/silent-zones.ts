import type { AuthoritativeObservation } from '../../../shared/diagnosis-types'
import { isSubdomainOf, sameName } from '../../../shared/names'
import { registrableDomain } from '../../../shared/registrable-domain'
import type { Observations } from '../observations'
import { groupBy, reachable } from './rule'

/** A zone of the user's domain none of whose delegated servers gave a usable answer. */
export interface SilentZone {
  zone: string
  /** Each server address asked, once (the first observation of it). */
  servers: AuthoritativeObservation[]
  /** The records of the order whose names are in this zone. */
  records: number[]
}

/**
 * Zones where every delegated server was silent, refused, failed or was lame. The CA's resolvers can only ask these
 * same servers, so nothing in the zone can be verified until one answers. Only the domain's own zones count (at or
 * below its registrable domain): when the walk stopped above it (a TLD's servers out of reach), the trouble is the
 * network on the way, not the domain's servers.
 */
export function silentZones(obs: Observations): SilentZone[] {
  return groupBy(obs.authoritative, (o) => o.zone).flatMap((list) => {
    if (reachable(list).length > 0) return []
    const zone = list[0]!.zone
    const names = new Set(list.map((o) => o.name))
    if (!isDomainsOwnZone(obs, zone, names)) return []
    return [
      {
        zone,
        servers: groupBy(list, (o) => o.address).map((perAddress) => perAddress[0]!),
        records: obs.input.records.flatMap((r, i) => (names.has(r.name) ? [i] : []))
      }
    ]
  })
}

function isDomainsOwnZone(obs: Observations, zone: string, names: ReadonlySet<string>): boolean {
  if (obs.zones.some((z) => z.found && z.apex !== null && sameName(z.apex, zone))) return true
  return [...names].every((name) => {
    const base = obs.placements.find((p) => p.name === name)?.baseDomain
    const registrable = base === undefined ? null : registrableDomain(base)
    return registrable !== null && isSubdomainOf(zone, registrable)
  })
}
