// Turns a short description of a private DNS tree into the servers that must run for it: a root,
// a TLD and the test's zones, each level on its own NSD instance. Separate instances matter: an NSD
// that serves both the TLD and a child zone answers for the child authoritatively, so a resolver
// would never see the referral that the real Internet gives.
//
// This module is pure (no files, no processes) so its output can be checked in unit tests.

import { assertAuthoritativeServerAddress, assertNet, rootServerAddress, tldServerAddresses } from './addresses'
import { absoluteName, canonicalName, isAtOrBelow } from './names'
import { aRecord, nsRecord, soaRecord, zoneBody } from './zone-text'

export type DnssecMode = 'none' | 'valid' | 'bogus-signature'

export interface NameServer {
  host: string
  address: string
}

export interface ZoneSpec {
  /** 'example.test'. Must lie below the TLD; may lie below another zone of the spec (it is then delegated from it). */
  apex: string
  /** Who serves the zone. One NSD instance runs per distinct address. A host may live in another zone (glueless). */
  servers: NameServer[]
  /** Zone body lines, names relative to the apex or absolute. SOA, apex NS and server addresses are added for you. */
  records?: string
  serial?: number
  /** SOA MINIMUM: the negative-caching TTL (capped by the SOA's own TTL, `ttl`). Default 60. */
  soaMinimum?: number
  /** $TTL of the zone. Default 300. */
  ttl?: number
  /**
   * What the parent delegates, when it must differ from `servers` (parent/child NS mismatch, lame or dead
   * delegations). An address here only becomes glue at the parent; no server is started for it.
   */
  parentNs?: { host: string; address?: string }[]
  /** false: the parent gives no glue even for in-bailiwick name servers (a broken delegation). Default true. */
  glue?: boolean
  /** Sign the zone (trust anchor goes to the resolvers; the parent carries no DS). Default 'none'. */
  dnssec?: DnssecMode
}

export interface HierarchySpec {
  /** Second octet: every address is 127.<net>.y.z. See addresses.ts for the convention. */
  net: number
  /** One label, e.g. 'test'. */
  tld: string
  zones: ZoneSpec[]
  /** Extra lines for the TLD zone. */
  tldRecords?: string
}

/** Everything needed to write one zone file; `records` and `serial` are what a test changes later. */
export interface ZoneDefinition {
  /** Canonical: lower-case, no trailing dot, '.' for the root. */
  apex: string
  serial: number
  soaMinimum: number
  ttl: number
  /** Apex NS hosts, absolute. The first is the SOA MNAME. */
  nameServers: string[]
  /** Lines the hierarchy adds: apex NS, addresses of name servers, delegations and glue. */
  generatedRecords: string[]
  records: string
  dnssec: DnssecMode
}

export type ServerRole = 'root' | 'tld' | 'authoritative'

export interface ServerDefinition {
  address: string
  role: ServerRole
  /** Names this address is known by (absolute). */
  hosts: string[]
  zones: ZoneDefinition[]
}

export const DEFAULT_ZONE_TTL = 300
export const DEFAULT_SOA_MINIMUM = 60

/** Names inside the TLD that the harness uses for the root and TLD servers; test zones may not use them. */
export function reservedNames(tld: string): { rootServer: string; tldServers: [string, string] } {
  const t = canonicalName(tld)
  return { rootServer: `a.root-servers.${t}`, tldServers: [`a.nic.${t}`, `b.nic.${t}`] }
}

export function buildHierarchy(spec: HierarchySpec): ServerDefinition[] {
  assertNet(spec.net)
  const tld = canonicalName(spec.tld)
  if (tld === '.' || tld.includes('.')) throw new Error(`The TLD must be one label, like 'test'; got '${spec.tld}'.`)
  const names = reservedNames(tld)
  const [tldA, tldB] = tldServerAddresses(spec.net)

  const rootZone: ZoneSpec = { apex: '.', servers: [{ host: names.rootServer, address: rootServerAddress(spec.net) }] }
  const tldZone: ZoneSpec = {
    apex: tld,
    servers: [
      { host: names.tldServers[0], address: tldA },
      { host: names.tldServers[1], address: tldB }
    ],
    records: spec.tldRecords ?? ''
  }
  for (const zone of spec.zones) assertValidChildZone(zone, spec.net, tld)
  assertDistinctApexes(spec.zones)

  const zoneSpecs = [rootZone, tldZone, ...spec.zones]
  const apexes = zoneSpecs.map((zone) => canonicalName(zone.apex))
  const addressesByHost = collectAddressesByHost(zoneSpecs)
  const servers = new Map<string, ServerDefinition>()

  for (const zone of zoneSpecs) {
    const definition = defineZone(zone, zoneSpecs, apexes, addressesByHost)
    for (const { host, address } of zone.servers) {
      const server = servers.get(address) ?? { address, role: roleOf(zone, tld), hosts: [], zones: [] }
      const absoluteHost = absoluteName(host)
      if (!server.hosts.includes(absoluteHost)) server.hosts.push(absoluteHost)
      if (!server.zones.includes(definition)) server.zones.push(definition)
      servers.set(address, server)
    }
  }
  return [...servers.values()]
}

function roleOf(zone: ZoneSpec, tld: string): ServerRole {
  const apex = canonicalName(zone.apex)
  if (apex === '.') return 'root'
  return apex === tld ? 'tld' : 'authoritative'
}

function defineZone(
  zone: ZoneSpec,
  allZones: ZoneSpec[],
  apexes: string[],
  addressesByHost: Map<string, string[]>
): ZoneDefinition {
  const apex = canonicalName(zone.apex)
  const nameServers = unique(zone.servers.map((server) => absoluteName(server.host)))
  const lines: string[] = nameServers.map((host) => nsRecord('@', host))

  // Addresses of every name server whose name this zone is authoritative for (e.g. ns1.example.test in
  // example.test, also when ns1 serves another zone: that is what makes a glueless delegation resolvable).
  for (const [host, addresses] of addressesByHost) {
    if (deepestZoneOf(host, apexes) === apex) lines.push(...addresses.map((address) => aRecord(absoluteName(host), address)))
  }
  // Glue for the zone's own name servers when they live below one of its cuts, as the real root holds
  // glue for a.root-servers.net. Without it, priming would need the TLD before it knows the root.
  for (const host of nameServers) {
    if (isAtOrBelow(host, apex) && deepestZoneOf(host, apexes) !== apex) {
      lines.push(...(addressesByHost.get(canonicalName(host)) ?? []).map((address) => aRecord(host, address)))
    }
  }
  for (const child of allZones.filter((candidate) => parentApexOf(canonicalName(candidate.apex), apexes) === apex)) {
    lines.push(...delegationRecords(child, addressesByHost))
  }

  return {
    apex,
    serial: zone.serial ?? 1,
    soaMinimum: zone.soaMinimum ?? DEFAULT_SOA_MINIMUM,
    ttl: zone.ttl ?? DEFAULT_ZONE_TTL,
    nameServers,
    generatedRecords: unique(lines),
    records: zone.records ?? '',
    dnssec: zone.dnssec ?? 'none'
  }
}

/** NS at the cut, plus glue for in-bailiwick name servers (unless the spec turns glue off). */
function delegationRecords(child: ZoneSpec, addressesByHost: Map<string, string[]>): string[] {
  const cut = absoluteName(child.apex)
  const delegated = child.parentNs ?? child.servers.map(({ host, address }) => ({ host, address }))
  const lines: string[] = []
  for (const host of unique(delegated.map((ns) => absoluteName(ns.host)))) lines.push(nsRecord(cut, host))
  if (child.glue === false) return lines
  for (const ns of delegated) {
    if (!isAtOrBelow(ns.host, child.apex)) continue // out of bailiwick: the resolver must look the name up
    const addresses = ns.address !== undefined ? [ns.address] : (addressesByHost.get(canonicalName(ns.host)) ?? [])
    lines.push(...addresses.map((address) => aRecord(absoluteName(ns.host), address)))
  }
  return lines
}

/** Zone text as NSD reads it. */
export function renderZone(zone: ZoneDefinition): string {
  const origin = absoluteName(zone.apex)
  const soa = soaRecord({
    primary: zone.nameServers[0] ?? `ns.${origin}`,
    contact: `hostmaster.${origin === '.' ? '' : origin}`,
    serial: zone.serial,
    minimum: zone.soaMinimum
  })
  return `${zoneBody(`$ORIGIN ${origin}`, `$TTL ${zone.ttl}`, soa, zone.generatedRecords, zone.records)}\n`
}

function collectAddressesByHost(zones: ZoneSpec[]): Map<string, string[]> {
  const byHost = new Map<string, string[]>()
  for (const zone of zones) {
    for (const { host, address } of zone.servers) {
      const key = canonicalName(host)
      const known = byHost.get(key) ?? []
      if (!known.includes(address)) known.push(address)
      byHost.set(key, known)
    }
  }
  return byHost
}

/** The deepest zone of the tree holding `name` (the zone authoritative for it). */
function deepestZoneOf(name: string, apexes: string[]): string {
  return apexes
    .filter((apex) => isAtOrBelow(name, apex))
    .reduce((deepest, apex) => (labelCount(apex) > labelCount(deepest) ? apex : deepest), '.')
}

function labelCount(name: string): number {
  return name === '.' ? 0 : name.split('.').length
}

/** The zone that delegates `apex`, or undefined for the root. */
function parentApexOf(apex: string, apexes: string[]): string | undefined {
  if (apex === '.') return undefined
  return deepestZoneOf(apex, apexes.filter((candidate) => candidate !== apex))
}

function assertValidChildZone(zone: ZoneSpec, net: number, tld: string): void {
  const apex = canonicalName(zone.apex)
  if (apex === tld || !isAtOrBelow(apex, tld)) {
    throw new Error(`Zone '${zone.apex}' must lie below the lab's TLD '${tld}'.`)
  }
  const reserved = reservedNames(tld)
  for (const name of [reserved.rootServer, ...reserved.tldServers]) {
    const parent = name.slice(name.indexOf('.') + 1)
    if (isAtOrBelow(apex, parent)) throw new Error(`Zone '${zone.apex}': names under '${parent}' are used by the lab itself.`)
  }
  if (zone.servers.length === 0) throw new Error(`Zone '${zone.apex}' needs at least one server.`)
  for (const server of zone.servers) assertAuthoritativeServerAddress(net, server.address)
}

function assertDistinctApexes(zones: ZoneSpec[]): void {
  const seen = new Set<string>()
  for (const zone of zones) {
    const apex = canonicalName(zone.apex)
    if (seen.has(apex)) throw new Error(`Zone '${zone.apex}' appears twice in the hierarchy spec.`)
    seen.add(apex)
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)]
}
