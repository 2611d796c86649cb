/**
 * The platform the user said they added the record at, asked directly: its own name servers (from the provider
 * catalog, looked up like any name), for the domain's zone and the record. When the domain's name servers point
 * elsewhere, this is where a record "that is not there" usually is.
 */
import type { PlatformObservation, VerificationRecordType } from '../../shared/diagnosis-types'
import type { ServerAddress } from '../../shared/dns-types'
import type { ExchangeOptions } from '../dns/exchange'
import { sameName, stripDot } from '../../shared/names'
import { serverToString } from '../../shared/server-address'
import type { NormalizedInput } from './input'
import { recordValue, tries, type ObserveDeps } from './observations'

export async function observeAtPlatform(
  platform: string,
  hosts: readonly string[],
  records: { name: string; type: VerificationRecordType; zone: string }[],
  input: Pick<NormalizedInput, 'authPort' | 'timeoutMs'>,
  deps: Pick<ObserveDeps, 'iterative' | 'query' | 'signal'>
): Promise<PlatformObservation[]> {
  const servers = await platformServers(hosts, input.authPort, deps)
  const opts: ExchangeOptions = { recursionDesired: false, ...tries(input.timeoutMs), signal: deps.signal }
  return Promise.all(
    records.map(async ({ name, type, zone }): Promise<PlatformObservation> => {
      const seen: PlatformObservation = { platform, nameservers: hosts.map(lower), name, type, zone, zoneFound: false, values: [], server: null }
      // The first of the platform's servers that answers for the zone with authority speaks for the platform.
      for (const server of servers) {
        const found = await askServer(server.address, name, type, zone, opts, deps)
        if (found === null) continue
        return { ...seen, zoneFound: true, values: found, server: `${server.host} (${serverToString(server.address)})` }
      }
      return seen
    })
  )
}

/** The platform's name servers with their addresses, looked up like any name (the port a lab's servers use). */
async function platformServers(
  hosts: readonly string[],
  authPort: number | null,
  deps: Pick<ObserveDeps, 'iterative' | 'signal'>
): Promise<{ host: string; address: ServerAddress }[]> {
  const found = await Promise.all(
    hosts.map(async (host) => {
      const result = await deps.iterative.resolve(host, 'A', { signal: deps.signal })
      if (result.status !== 'answer') return []
      return result.answers.flatMap((r) =>
        r.data.kind === 'address' ? [{ host: lower(host), address: { host: r.data.address, port: authPort ?? 53, family: 4 as const } }] : []
      )
    })
  )
  return found.flat()
}

/** Whether any of the platform's servers answers for the zone with authority: the zone is set up there. */
export async function platformHasZone(
  hosts: readonly string[],
  zone: string,
  input: Pick<NormalizedInput, 'authPort' | 'timeoutMs'>,
  deps: Pick<ObserveDeps, 'iterative' | 'query' | 'signal'>
): Promise<boolean> {
  const opts: ExchangeOptions = { recursionDesired: false, ...tries(input.timeoutMs), signal: deps.signal }
  for (const server of await platformServers(hosts, input.authPort, deps)) {
    if (await servesZone(server.address, zone, opts, deps)) return true
  }
  return false
}

async function servesZone(address: ServerAddress, zone: string, opts: ExchangeOptions, deps: Pick<ObserveDeps, 'query'>): Promise<boolean> {
  const soa = await deps.query({ name: zone, type: 'SOA' }, address, opts)
  return soa.ok && soa.response.flags.aa && soa.response.rcode === 'NOERROR' && soa.response.answers.some((r) => r.data.kind === 'soa')
}

async function askServer(
  address: ServerAddress,
  name: string,
  type: VerificationRecordType,
  zone: string,
  opts: ExchangeOptions,
  deps: Pick<ObserveDeps, 'query'>
): Promise<string[] | null> {
  const [zoneThere, record] = await Promise.all([servesZone(address, zone, opts, deps), deps.query({ name, type }, address, opts)])
  if (!zoneThere) return null
  if (!record.ok || !record.response.flags.aa) return []
  return record.response.answers.filter((r) => r.type === type && sameName(r.name, name)).map(recordValue)
}

function lower(name: string): string {
  return stripDot(name).toLowerCase()
}
