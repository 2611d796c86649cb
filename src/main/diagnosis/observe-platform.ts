/**
 * The platform the user said they added the record at, asked directly: its own name servers (from the provider
 * catalog, looked up like any name), for the domain's zone and the record. When the domain's name servers point
 * elsewhere, this is where a record "that is not there" usually is.
 */
import type { PlatformObservation } from '../../shared/diagnosis-types'
import type { ServerAddress } from '../../shared/dns-types'
import type { ExchangeOptions } from '../dns/exchange'
import { sameName, stripDot } from '../../shared/names'
import { serverToString } from '../../shared/server-address'
import type { NormalizedInput } from './input'
import { recordValue, tries, type ObserveDeps } from './observations'

export async function observeAtPlatform(
  platform: string,
  hosts: readonly string[],
  records: { name: string; zone: string }[],
  input: NormalizedInput,
  deps: Pick<ObserveDeps, 'iterative' | 'query' | 'signal'>
): Promise<PlatformObservation[]> {
  const servers = (
    await Promise.all(
      hosts.map(async (host) => {
        const result = await deps.iterative.resolve(host, 'A', { signal: deps.signal })
        if (result.status !== 'answer') return []
        return result.answers.flatMap((r) => (r.data.kind === 'address' ? [{ host: lower(host), address: { host: r.data.address, port: input.authPort ?? 53, family: 4 as const } }] : []))
      })
    )
  ).flat()
  const opts: ExchangeOptions = { recursionDesired: false, ...tries(input.timeoutMs), signal: deps.signal }
  return Promise.all(
    records.map(async ({ name, zone }): Promise<PlatformObservation> => {
      const seen: PlatformObservation = { platform, nameservers: hosts.map(lower), name, zone, zoneFound: false, values: [], server: null }
      // The first of the platform's servers that answers for the zone with authority speaks for the platform.
      for (const server of servers) {
        const found = await askServer(server.address, name, zone, input, opts, deps)
        if (found === null) continue
        return { ...seen, zoneFound: true, values: found, server: `${server.host} (${serverToString(server.address)})` }
      }
      return seen
    })
  )
}

async function askServer(
  address: ServerAddress,
  name: string,
  zone: string,
  input: NormalizedInput,
  opts: ExchangeOptions,
  deps: Pick<ObserveDeps, 'query'>
): Promise<string[] | null> {
  const [soa, record] = await Promise.all([deps.query({ name: zone, type: 'SOA' }, address, opts), deps.query({ name, type: input.type }, address, opts)])
  const servesZone = soa.ok && soa.response.flags.aa && soa.response.rcode === 'NOERROR' && soa.response.answers.some((r) => r.data.kind === 'soa')
  if (!servesZone) return null
  if (!record.ok || !record.response.flags.aa) return []
  return record.response.answers.filter((r) => r.type === input.type && sameName(r.name, name)).map(recordValue)
}

function lower(name: string): string {
  return stripDot(name).toLowerCase()
}
