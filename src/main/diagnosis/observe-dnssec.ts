/**
 * What a DNS engineer fetches when a validating resolver fails a name that answers with checking disabled: the DS
 * set at the parent (what the registrar published), the zone's DNSKEY set, and the signatures (RRSIG) over the
 * record, the DNSKEY set and the SOA, all with the DO bit from the zone's own servers. The rule names the broken
 * link from these; nothing here judges.
 */
import type { DnssecObservation } from '../../shared/diagnosis-types'
import type { DnsRecord, DnsResponse, ServerAddress } from '../../shared/dns-types'
import type { ExchangeOptions } from '../dns/exchange'
import { DS_DIGEST_TYPES, dsDigest, keyTag } from '../dns/dnssec'
import type { ZoneFound } from '../dns/iterative-types'
import { parentName, sameName, stripDot } from '../../shared/names'
import { serverToString } from '../../shared/server-address'
import { tries, type ObserveDeps } from './observations'

export async function observeDnssec(
  name: string,
  type: string,
  zone: ZoneFound,
  deps: Pick<ObserveDeps, 'iterative' | 'query' | 'signal'> & { timeoutMs: number }
): Promise<DnssecObservation> {
  const opts: ExchangeOptions = { recursionDesired: false, dnssecOk: true, ...tries(deps.timeoutMs), signal: deps.signal }
  const servers = zone.servers.flatMap((s) => s.addresses.map((address) => ({ name: s.name, address })))
  const [ds, zoneAnswers] = await Promise.all([
    parentDs(zone, opts, deps),
    firstAnswering(servers, async (server) => {
      const [dnskey, record, soa] = await Promise.all([
        deps.query({ name: zone.apex, type: 'DNSKEY' }, server.address, opts),
        deps.query({ name, type }, server.address, opts),
        deps.query({ name: zone.apex, type: 'SOA' }, server.address, opts)
      ])
      if (!dnskey.ok || !record.ok || !soa.ok) return null
      return { server, responses: [dnskey.response, record.response, soa.response] }
    })
  ])
  const records = zoneAnswers ? zoneAnswers.responses.flatMap(sectionRecords) : []
  const dnskeys = records.flatMap((r) =>
    r.data.kind === 'dnskey' && r.type === 'DNSKEY' && sameName(r.name, zone.apex)
      ? [{ flags: r.data.flags, protocol: r.data.protocol, algorithm: r.data.algorithm, key: r.data.key }]
      : []
  )
  return {
    name,
    zone: stripDot(zone.apex).toLowerCase(),
    ds,
    dnskeys: uniqueBy(dnskeys, (k) => k.key).map((k) => ({
      keyTag: keyTag(k),
      flags: k.flags,
      algorithm: k.algorithm,
      dsDigests: Object.fromEntries(DS_DIGEST_TYPES.map((t) => [t, dsDigest(zone.apex, k, t) ?? '']))
    })),
    signatures: uniqueBy(
      records.flatMap((r) =>
        r.data.kind === 'rrsig'
          ? [
              {
                covers: r.data.typeCovered,
                keyTag: r.data.keyTag,
                signer: stripDot(r.data.signerName).toLowerCase(),
                inception: r.data.inception,
                expiration: r.data.expiration
              }
            ]
          : []
      ),
      (s) => `${s.covers}/${s.keyTag}/${s.inception}/${s.expiration}`
    ),
    server: zoneAnswers ? `${stripDot(zoneAnswers.server.name).toLowerCase()} (${serverToString(zoneAnswers.server.address)})` : null,
    at: Math.floor(Date.now() / 1000)
  }
}

/**
 * The DS set lives on the parent's side of the cut (RFC 4035 section 3.1.4.1): ask the parent zone's servers, never
 * the zone's own (they would answer "no data" for their apex).
 */
async function parentDs(
  zone: ZoneFound,
  opts: ExchangeOptions,
  deps: Pick<ObserveDeps, 'iterative' | 'query' | 'signal'>
): Promise<DnssecObservation['ds']> {
  const parent = zone.parentZone ?? parentName(zone.apex)
  if (parent === null) return []
  const parentZone = await deps.iterative.findZoneApex(parent, { signal: deps.signal })
  if (!parentZone.found) return []
  const servers = parentZone.servers.flatMap((s) => s.addresses.map((address) => ({ name: s.name, address })))
  const response = await firstAnswering(servers, async (server) => {
    const outcome = await deps.query({ name: zone.apex, type: 'DS' }, server.address, opts)
    return outcome.ok && outcome.response.flags.aa ? outcome.response : null
  })
  if (!response) return []
  return response.answers.flatMap((r) =>
    r.data.kind === 'ds' && sameName(r.name, zone.apex)
      ? [{ keyTag: r.data.keyTag, algorithm: r.data.algorithm, digestType: r.data.digestType, digest: r.data.digest.toLowerCase() }]
      : []
  )
}

/** Asks the servers one after another until one gives a usable answer. */
async function firstAnswering<T>(
  servers: { name: string; address: ServerAddress }[],
  ask: (server: { name: string; address: ServerAddress }) => Promise<T | null>
): Promise<T | null> {
  for (const server of servers) {
    const result = await ask(server)
    if (result !== null) return result
  }
  return null
}

function sectionRecords(response: DnsResponse): DnsRecord[] {
  return [...response.answers, ...response.authorities]
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const k = key(item)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
