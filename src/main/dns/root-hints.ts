import type { ServerAddress } from '../../shared/dns-types'
import hints from './data/root-hints.json'
import { canonicalIp, DNS_PORT } from '../../shared/server-address'

/** Which address families an iterative resolver talks to. IPv4 only by default: many machines have no IPv6 route. */
export type FamilyChoice = 'ipv4' | 'ipv6' | 'both'

/** A name server by name with the addresses known for it. */
export interface NamedServer {
  name: string
  addresses: ServerAddress[]
}

export interface RootHint {
  name: string
  ipv4: string
  ipv6: string
}

/** The 13 IANA root servers as published in named.root. */
export const ROOT_HINTS: readonly RootHint[] = hints.servers

/** The root servers with the addresses of the chosen families, each on `port`. */
export function rootHintServers(family: FamilyChoice = 'ipv4', port = DNS_PORT): NamedServer[] {
  return ROOT_HINTS.map((hint) => ({
    name: hint.name,
    addresses: [
      ...(family !== 'ipv6' ? [{ host: hint.ipv4, port, family: 4 as const }] : []),
      ...(family !== 'ipv4' ? [{ host: canonicalIp(hint.ipv6, 6), port, family: 6 as const }] : [])
    ]
  }))
}

/** Record types that carry the addresses of the chosen families, in the order they are asked. */
export function addressTypes(family: FamilyChoice): ('A' | 'AAAA')[] {
  if (family === 'ipv4') return ['A']
  if (family === 'ipv6') return ['AAAA']
  return ['A', 'AAAA']
}
