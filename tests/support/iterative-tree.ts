/**
 * A tiny DNS tree of scripted authoritative servers for the iterative resolver's unit tests. Every
 * server is a dns2 fixture on its own loopback address (127.0.0.N) and all share one port, so the
 * resolver reaches them the way it reaches real servers: by the addresses in glue, with `authPort`.
 *
 * A server answers like NSD from the zones it is given: referral (NS + glue, no AA) below a cut,
 * authoritative answer, CNAME chased inside the zone, NODATA or NXDOMAIN with the SOA, REFUSED for
 * names outside its zones. A behaviour replaces that for lame and broken servers.
 */
import type { ServerAddress } from '../../src/shared/dns-types'
import { buildReply, startFixtureServer, type FixtureContext, type FixtureServer } from './fixture-server'

export interface Rr {
  name: string
  type: string
  ttl?: number
  data: unknown
}

export type Behaviour =
  | 'authoritative'
  | 'refused'
  | 'servfail'
  | 'silent'
  /** Answers like a resolver: the right data, without the AA flag. */
  | 'no-aa'
  | ((ctx: FixtureContext) => void)

export interface ServerSpec {
  zones?: string[]
  behaviour?: Behaviour
}

export interface TreeSpec {
  /** Zone apex → its records (SOA and apex NS are not added; give apex NS only where it matters). */
  zones: Record<string, Rr[]>
  /** Last octet of 127.0.0.N → what that server does. */
  servers: Record<number, ServerSpec>
}

export interface Tree {
  port: number
  servers: Map<number, FixtureServer>
  address(octet: number): ServerAddress
  /** Queries a server received, as "name TYPE". */
  queriesAt(octet: number): string[]
  close(): Promise<void>
}

export const ns = (name: string, target: string): Rr => ({ name, type: 'NS', ttl: 172800, data: target })
export const a = (name: string, address: string): Rr => ({ name, type: 'A', ttl: 3600, data: address })
export const aaaa = (name: string, address: string): Rr => ({ name, type: 'AAAA', ttl: 3600, data: address })
export const txt = (name: string, value: string): Rr => ({ name, type: 'TXT', ttl: 300, data: [value] })
export const cname = (name: string, target: string): Rr => ({ name, type: 'CNAME', ttl: 300, data: target })

export async function startTree(spec: TreeSpec): Promise<Tree> {
  const octets = Object.keys(spec.servers).map(Number)
  for (let attempt = 0; ; attempt++) {
    try {
      return await startOn(spec, octets)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw error
    }
  }
}

async function startOn(spec: TreeSpec, octets: number[]): Promise<Tree> {
  const servers = new Map<number, FixtureServer>()
  let port = 0
  try {
    for (const octet of octets) {
      const server = await startFixtureServer((ctx) => respond(ctx, spec, spec.servers[octet]!), { host: `127.0.0.${octet}`, port })
      port = server.address.port
      servers.set(octet, server)
    }
  } catch (error) {
    await Promise.all([...servers.values()].map((s) => s.close()))
    throw error
  }
  return {
    port,
    servers,
    address: (octet) => ({ host: `127.0.0.${octet}`, port, family: 4 }),
    queriesAt: (octet) => servers.get(octet)!.queries.map((q) => `${q.name} ${q.type}`),
    close: async () => void (await Promise.all([...servers.values()].map((s) => s.close())))
  }
}

function respond(ctx: FixtureContext, tree: TreeSpec, server: ServerSpec): void {
  const behaviour = server.behaviour ?? 'authoritative'
  if (typeof behaviour === 'function') return behaviour(ctx)
  if (behaviour === 'silent') return
  if (behaviour === 'refused') return ctx.reply(buildReply(ctx.query, { rcode: 5, ra: false }))
  if (behaviour === 'servfail') return ctx.reply(buildReply(ctx.query, { rcode: 2, ra: false }))
  const answer = authoritativeAnswer(ctx.query.name, ctx.query.type, tree, server.zones ?? [])
  if (behaviour === 'no-aa') answer.aa = false
  ctx.reply(buildReply(ctx.query, { ...answer, ra: false }))
}

interface Answer {
  rcode: number
  aa: boolean
  answers: Rr[]
  authorities: Rr[]
  additionals: Rr[]
}

/** What NSD would answer from these zones. */
export function authoritativeAnswer(qname: string, qtype: string, tree: TreeSpec, served: string[]): Answer {
  const name = lower(qname)
  const apex = served.filter((zone) => below(name, zone)).sort((x, y) => labels(y) - labels(x))[0]
  if (apex === undefined) return { rcode: 5, aa: false, answers: [], authorities: [], additionals: [] }
  const records = tree.zones[apex] ?? []
  const soa: Rr = {
    name: apex,
    type: 'SOA',
    ttl: 300,
    data: { mname: `ns.${apex === '.' ? '' : apex}`, rname: 'hostmaster.invalid', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60 }
  }
  const cut = records
    .filter((r) => r.type === 'NS' && lower(r.name) !== apex && below(name, lower(r.name)))
    .map((r) => lower(r.name))
    .sort((x, y) => labels(x) - labels(y))[0]
  if (cut !== undefined) {
    const delegation = records.filter((r) => r.type === 'NS' && lower(r.name) === cut)
    const targets = delegation.map((r) => lower(String(r.data)))
    const glue = records.filter((r) => (r.type === 'A' || r.type === 'AAAA') && targets.includes(lower(r.name)))
    return { rcode: 0, aa: false, answers: [], authorities: delegation, additionals: glue }
  }
  if (qtype === 'SOA' && name === apex) return { rcode: 0, aa: true, answers: [soa], authorities: [], additionals: [] }
  const answers: Rr[] = []
  let current = name
  for (let hop = 0; hop < 8; hop++) {
    const exact = records.filter((r) => lower(r.name) === current && r.type === qtype)
    if (exact.length > 0) return { rcode: 0, aa: true, answers: [...answers, ...exact], authorities: [], additionals: [] }
    const alias = records.find((r) => lower(r.name) === current && r.type === 'CNAME')
    if (!alias) break
    answers.push(alias)
    current = lower(String(alias.data))
    if (!below(current, apex)) return { rcode: 0, aa: true, answers, authorities: [], additionals: [] }
  }
  const exists = current === apex || records.some((r) => below(lower(r.name), current))
  return { rcode: exists ? 0 : 3, aa: true, answers, authorities: [soa], additionals: [] }
}

function lower(name: string): string {
  const n = name.toLowerCase()
  return n === '' || n === '.' ? '.' : n.replace(/\.$/, '')
}

function below(name: string, zone: string): boolean {
  return zone === '.' || name === zone || name.endsWith(`.${zone}`)
}

function labels(name: string): number {
  return name === '.' ? 0 : name.split('.').length
}
