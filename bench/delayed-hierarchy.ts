/**
 * A private DNS hierarchy of in-process fixture servers that each wait a fixed delay before
 * answering, so the diagnosis's critical path can be measured in round trips: root → TLD → zone,
 * then every authoritative server and resolver in parallel.
 */
import { createServer, type AddressInfo } from 'node:net'
import dnsPacket from 'dns-packet'
import { startFixtureServer, type FixtureQuery, type FixtureServer } from '../tests/support/fixture-server'

export interface Rr {
  name: string
  type: string
  ttl?: number
  data: unknown
}

interface ZoneData {
  apex: string
  records: Rr[]
  /** child apex → [ns host, address][] */
  delegations: Record<string, [string, string][]>
}

export interface DelayedHierarchy {
  port: number
  roots: string[]
  resolvers: string[]
  /** Every query the servers received so far, in order of arrival: counted where it arrives, not by the client. */
  received(): { server: string; query: FixtureQuery }[]
  stop(): Promise<void>
}

/**
 * `sites` are subdomains of bench.test (e.g. `shop`) that get the record too, at `_dnsauth.<site>.bench.test`,
 * for diagnoses of several domains in one zone.
 */
export async function startDelayedHierarchy(delayMs: number, value: string, sites: string[] = []): Promise<DelayedHierarchy> {
  const port = await freePort()
  const soa = (apex: string): Rr => ({
    name: apex,
    type: 'SOA',
    data: { mname: `ns1.${apex}`, rname: `hostmaster.${apex}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60 }
  })
  const zones: [string, ZoneData][] = [
    ['127.98.0.1', { apex: '', records: [], delegations: { test: [['a.nic.test', '127.98.1.1']] } }],
    [
      '127.98.1.1',
      { apex: 'test', records: [soa('test')], delegations: { 'bench.test': [['ns1.bench.test', '127.98.2.1'], ['ns2.bench.test', '127.98.2.2']] } }
    ]
  ]
  const benchZone: ZoneData = {
    apex: 'bench.test',
    records: [
      soa('bench.test'),
      { name: 'bench.test', type: 'NS', data: 'ns1.bench.test' },
      { name: 'bench.test', type: 'NS', data: 'ns2.bench.test' },
      { name: 'ns1.bench.test', type: 'A', data: '127.98.2.1' },
      { name: 'ns2.bench.test', type: 'A', data: '127.98.2.2' },
      { name: '_dnsauth.bench.test', type: 'TXT', data: [value] },
      ...sites.map((site) => ({ name: `_dnsauth.${site}.bench.test`, type: 'TXT', data: [value] }))
    ],
    delegations: {}
  }
  zones.push(['127.98.2.1', benchZone], ['127.98.2.2', benchZone])
  const delay = (): Promise<void> => new Promise((r) => setTimeout(r, delayMs))
  const received: { server: string; query: FixtureQuery }[] = []
  const servers: FixtureServer[] = []
  for (const [host, zone] of zones) {
    servers.push(
      await startFixtureServer(
        async (ctx) => {
          received.push({ server: host, query: ctx.query })
          await delay()
          ctx.reply(answerFromZone(ctx.query, zone))
        },
        { host, port }
      )
    )
  }
  // Resolvers that already hold the answer: one round trip, like a warm cache.
  for (const host of ['127.98.53.1', '127.98.53.2']) {
    servers.push(
      await startFixtureServer(
        async (ctx) => {
          received.push({ server: host, query: ctx.query })
          await delay()
          ctx.reply(answerFromZone(ctx.query, benchZone, true))
        },
        { host, port }
      )
    )
  }
  return {
    port,
    roots: [`127.98.0.1:${port}`],
    resolvers: [`127.98.53.1:${port}`, `127.98.53.2:${port}`],
    received: () => [...received],
    stop: async () => {
      await Promise.all(servers.map((s) => s.close()))
    }
  }
}

function answerFromZone(q: FixtureQuery, zone: ZoneData, recursive = false): Buffer {
  const name = q.name.toLowerCase().replace(/\.$/, '')
  const base = { type: 'response' as const, id: q.id, questions: [{ name: q.name, type: q.type, class: 'IN' }] }
  const flagsFor = (aa: boolean): number => 0x8000 | (q.rd ? 0x0100 : 0) | (recursive ? 0x0080 : 0) | (aa ? 0x0400 : 0)
  for (const [child, ns] of Object.entries(zone.delegations)) {
    if (name === child || name.endsWith('.' + child)) {
      return dnsPacket.encode({
        ...base,
        flags: flagsFor(false),
        authorities: ns.map(([host]) => ({ name: child, type: 'NS', ttl: 3600, data: host })),
        additionals: ns.map(([host, address]) => ({ name: host, type: 'A', ttl: 3600, data: address }))
      })
    }
  }
  const inZone = zone.apex === '' || name === zone.apex || name.endsWith('.' + zone.apex)
  const atName = zone.records.filter((r) => r.name === name)
  const answers = atName.filter((r) => r.type === q.type).map((r) => ({ ttl: 300, ...r }))
  const soa = zone.records.filter((r) => r.type === 'SOA').map((r) => ({ ttl: 300, ...r }))
  const rcode = inZone && atName.length === 0 && name !== zone.apex ? 3 : 0
  // Like real authoritative servers, NS answers carry the addresses of in-zone name servers.
  const additionals =
    q.type === 'NS'
      ? answers.flatMap((ns) => zone.records.filter((r) => r.type === 'A' && r.name === ns.data)).map((r) => ({ ttl: 300, ...r }))
      : []
  return dnsPacket.encode({ ...base, flags: flagsFor(!recursive) | rcode, answers, authorities: answers.length ? [] : soa, additionals })
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}
