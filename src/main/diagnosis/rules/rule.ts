import type { Evidence, Finding, FindingId } from '../../../shared/findings'
import type { AuthoritativeObservation, ResolverObservation } from '../../../shared/diagnosis-types'
import type { Observations } from '../observations'

/** One check over the observations: ids it may produce, and the check itself (pure, no I/O). */
export interface Rule {
  name: string
  produces: readonly FindingId[]
  check(obs: Observations): Finding[]
}

/** Groups items by key, groups and items in order of first sight. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return [...groups.values()]
}

export function authoritativeEvidence(o: AuthoritativeObservation, type: string): Evidence {
  return {
    server: `${o.server} (${o.address})`,
    query: { name: o.name, type },
    rcode: o.rcode ?? o.status,
    records: o.cname ? [`CNAME ${o.cname}`, ...o.values] : o.values,
    ...(o.ttl !== null ? { ttl: o.ttl } : {}),
    elapsedMs: o.elapsedMs,
    ...(o.error ? { note: o.error } : o.wildcard ? { note: WILDCARD_NOTE, noteId: 'wildcard' as const } : {})
  }
}

const WILDCARD_NOTE = 'answer synthesised from a wildcard (RFC 4592): a random name beside it gets the same answer; no record exists at this name'

export function resolverEvidence(o: ResolverObservation, type: string): Evidence {
  return {
    resolver: `${o.label}`,
    server: o.address,
    query: { name: o.name, type },
    rcode: o.rcode ?? o.status,
    records: o.values,
    ...(o.ttl !== null ? { ttl: o.ttl } : o.negativeTtl !== null ? { ttl: o.negativeTtl } : {}),
    elapsedMs: o.elapsedMs,
    at: new Date(o.receivedAt).toISOString(),
    ...(o.extendedError ? { note: `Extended DNS Error: ${o.extendedError}` } : o.error ? { note: o.error } : {})
  }
}

/** Servers that gave a usable authoritative answer (data, no data, or does-not-exist). */
export function reachable(list: AuthoritativeObservation[]): AuthoritativeObservation[] {
  return list.filter((o) => o.status === 'ok' || o.status === 'nodata' || o.status === 'nxdomain')
}
