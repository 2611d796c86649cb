/**
 * Two hostile DNS hierarchies of in-process fixture servers (issue 10), shared by the regression tests and the bench.
 * Every server of one hierarchy listens on its own loopback address and all share one port, which resolvers reach
 * through `authPort`, the way they reach real servers through glue.
 *
 * - `startHostileDelegation`: the TLD `test` refers `hostile.test` to N name servers `ns0.sink.test` …, without
 *   glue; `sink.test` itself is delegated (with glue) to one server that never answers. Resolving anything under
 *   `hostile.test` means looking up N addresses that all need the silent server.
 * - `startLargeAnswers`: `big.test` has two servers that answer every TXT question with TC over UDP, then over TCP
 *   with a ~65 KB message of A records whose owner names are compression pointers chained through every record
 *   before them (each owner points at the previous owner), the worst case for a name decoder that does not
 *   remember where a pointer led. The TXT answer the diagnosis looks for is not there (NODATA for it), so reports
 *   stay small; SOA and NS answers are normal so the zone is found.
 */
import dnsPacket from 'dns-packet'
import { buildReply, startFixtureServer, type FixtureContext, type FixtureQuery, type FixtureServer } from './fixture-server'

export interface HostileHierarchy {
  port: number
  /** Root server spec (`IP:port`). */
  root: string
  /** Servers by role, to count what they received. */
  servers: Record<string, FixtureServer>
  close(): Promise<void>
}

type Handler = (ctx: FixtureContext) => void

/** Starts one fixture server per address on a common port, retrying with a fresh port if one is taken. */
async function startOnCommonPort(handlers: Record<string, [host: string, handler: Handler]>): Promise<{ port: number; servers: Record<string, FixtureServer> }> {
  for (let attempt = 0; ; attempt++) {
    const servers: Record<string, FixtureServer> = {}
    let port = 0
    try {
      for (const [role, [host, handler]] of Object.entries(handlers)) {
        servers[role] = await startFixtureServer(handler, { host, port })
        port = servers[role]!.address.port
      }
      return { port, servers }
    } catch (error) {
      await Promise.all(Object.values(servers).map((s) => s.close()))
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw error
    }
  }
}

const soa = (apex: string) => ({
  name: apex,
  type: 'SOA',
  ttl: 300,
  data: { mname: `ns1.${apex}`, rname: `hostmaster.${apex}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60 }
})

function below(name: string, zone: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '')
  return n === zone || n.endsWith(`.${zone}`)
}

function referral(ctx: FixtureContext, zone: string, nameservers: string[], glue: [string, string][] = []): void {
  ctx.reply(
    buildReply(ctx.query, {
      ra: false,
      authorities: nameservers.map((ns) => ({ name: zone, type: 'NS', ttl: 3600, data: ns })),
      additionals: glue.map(([host, address]) => ({ name: host, type: 'A', ttl: 3600, data: address }))
    })
  )
}

function refused(ctx: FixtureContext): void {
  ctx.reply(buildReply(ctx.query, { rcode: 5, ra: false }))
}

export const HOSTILE_ADDRESSES = { root: '127.0.0.201', tld: '127.0.0.202', sink: '127.0.0.203' } as const

/** The hostile delegation; `nameservers` defaults to 200, as in the issue. */
export async function startHostileDelegation(nameservers = 200): Promise<HostileHierarchy & { nameserverNames: string[] }> {
  const names = Array.from({ length: nameservers }, (_, i) => `ns${i}.sink.test`)
  const { root, tld, sink } = HOSTILE_ADDRESSES
  const { port, servers } = await startOnCommonPort({
    root: [root, (ctx) => (below(ctx.query.name, 'test') ? referral(ctx, 'test', ['a.nic.test'], [['a.nic.test', tld]]) : refused(ctx))],
    tld: [
      tld,
      (ctx) => {
        if (below(ctx.query.name, 'hostile.test')) return referral(ctx, 'hostile.test', names)
        if (below(ctx.query.name, 'sink.test')) return referral(ctx, 'sink.test', ['ns.sink.test'], [['ns.sink.test', sink]])
        if (below(ctx.query.name, 'test')) {
          return ctx.reply(buildReply(ctx.query, { rcode: 3, aa: true, ra: false, authorities: [soa('test')] }))
        }
        refused(ctx)
      }
    ],
    // Never answers anything, over UDP or TCP.
    sink: [sink, () => undefined]
  })
  return {
    port,
    root: `${root}:${port}`,
    servers,
    nameserverNames: names,
    close: async () => void (await Promise.all(Object.values(servers).map((s) => s.close())))
  }
}

export const LARGE_ADDRESSES = { root: '127.0.0.211', tld: '127.0.0.212', ns1: '127.0.0.213', ns2: '127.0.0.214' } as const

/** The size of the TCP answers `startLargeAnswers` sends (just under the 65,535-byte limit of a DNS message). */
export const LARGE_ANSWER_TARGET_BYTES = 65_000

/**
 * A TXT reply to `query` of about `LARGE_ANSWER_TARGET_BYTES`: A records whose owner names are chained
 * compression pointers (record k's owner points at record k-1's owner; the first at the question name; past the 16 KB that a pointer can
 * reach, at the last owner there, so each of those owners is a chain of ~1,000 pointers).
 */
export function chainedPointerAnswer(query: Pick<FixtureQuery, 'id' | 'name' | 'type' | 'rd'>, targetBytes = LARGE_ANSWER_TARGET_BYTES): Buffer {
  const head = dnsPacket.encode({
    type: 'response',
    id: query.id,
    flags: 0x8000 | 0x0400 | (query.rd ? 0x0100 : 0),
    questions: [{ name: query.name, type: query.type, class: 'IN' }]
  })
  const recordBytes = 2 + 10 + 4
  const count = Math.min(0xffff, Math.floor((targetBytes - head.length) / recordBytes))
  const out = Buffer.alloc(head.length + count * recordBytes)
  head.copy(out)
  out.writeUInt16BE(count, 6) // ANCOUNT
  let previousOwner = 12 // the question name
  for (let i = 0, at = head.length; i < count; i++, at += recordBytes) {
    out.writeUInt16BE(0xc000 | previousOwner, at) // owner: pointer to the previous owner
    out.writeUInt16BE(1, at + 2) // A
    out.writeUInt16BE(1, at + 4) // IN
    out.writeUInt32BE(60, at + 6)
    out.writeUInt16BE(4, at + 10)
    out.writeUInt32BE(0xc0000200 + (i & 0xff), at + 12) // 192.0.2.x
    // A pointer reaches only the first 16 KB: past that, every owner points at the end of the ~1,000-long chain.
    if (at <= 0x3fff) previousOwner = at
  }
  return out
}

/** `big.test` with two servers that send ~65 KB TCP answers to every TXT question (see the module comment). */
export async function startLargeAnswers(): Promise<HostileHierarchy & { resolver: string }> {
  const { root, tld, ns1, ns2 } = LARGE_ADDRESSES
  const nsHosts: [string, string][] = [
    ['ns1.big.test', ns1],
    ['ns2.big.test', ns2]
  ]
  // Built once per question and copied with the query's id: the servers share a process with whoever measures.
  const built = new Map<string, Buffer>()
  const bigAnswer = (q: FixtureQuery): Buffer => {
    const key = `${q.name}|${q.type}|${q.rd}`
    let template = built.get(key)
    if (template === undefined) built.set(key, (template = chainedPointerAnswer(q)))
    const copy = Buffer.from(template)
    copy.writeUInt16BE(q.id, 0)
    return copy
  }
  const zoneServer: Handler = (ctx) => {
    const q = ctx.query
    if (!below(q.name, 'big.test')) return refused(ctx)
    if (q.type === 'TXT') {
      // UDP: truncated, so the client comes back over TCP for the big one.
      if (q.transport === 'udp') return ctx.reply(buildReply(q, { aa: true, tc: true, ra: false }))
      return ctx.reply(bigAnswer(q))
    }
    const apex = q.name.toLowerCase().replace(/\.$/, '') === 'big.test'
    if (apex && q.type === 'SOA') return ctx.reply(buildReply(q, { aa: true, ra: false, answers: [soa('big.test')] }))
    if (apex && q.type === 'NS') {
      return ctx.reply(
        buildReply(q, {
          aa: true,
          ra: false,
          answers: nsHosts.map(([host]) => ({ name: 'big.test', type: 'NS', ttl: 3600, data: host })),
          additionals: nsHosts.map(([host, address]) => ({ name: host, type: 'A', ttl: 3600, data: address }))
        })
      )
    }
    const nsAddress = nsHosts.find(([host]) => host === q.name.toLowerCase())
    if (nsAddress && q.type === 'A') {
      return ctx.reply(buildReply(q, { aa: true, ra: false, answers: [{ name: nsAddress[0], type: 'A', ttl: 3600, data: nsAddress[1] }] }))
    }
    ctx.reply(buildReply(q, { aa: true, ra: false, authorities: [soa('big.test')] }))
  }
  const { port, servers } = await startOnCommonPort({
    root: [root, (ctx) => (below(ctx.query.name, 'test') ? referral(ctx, 'test', ['a.nic.test'], [['a.nic.test', tld]]) : refused(ctx))],
    tld: [tld, (ctx) => (below(ctx.query.name, 'big.test') ? referral(ctx, 'big.test', nsHosts.map(([h]) => h), nsHosts) : refused(ctx))],
    ns1: [ns1, zoneServer],
    ns2: [ns2, zoneServer]
  })
  return {
    port,
    root: `${root}:${port}`,
    // The zone's own server doubles as the resolver: its TXT answers are the same 65 KB ones.
    resolver: `${ns1}:${port}`,
    servers,
    close: async () => void (await Promise.all(Object.values(servers).map((s) => s.close())))
  }
}
