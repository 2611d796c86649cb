/**
 * A small DNS tree that runs anywhere Node does, without root and without NSD/Unbound: three in-process servers on
 * 127.0.0.1 (the only loopback address macOS has by default), each on its own port. It is what the `_electron` specs
 * check against, because the release workflow runs them on Windows and macOS runners where the NSD lab
 * (tests/support/lab: port 53 on 127.X.y.z, as root) cannot run.
 *
 * - the root server serves `.` and the TLD, and refers each zone to its own server: `--root 127.0.0.1:R`;
 * - the zone server serves the zones (authoritative, AA), queried on `--auth-port P` at the address of its NS glue;
 * - the resolver answers like a recursive resolver that already resolved everything (RA, not AA): `127.0.0.1:Q`.
 *
 * The TLD sits on the root server because authPort is one port for every authoritative server: with only one
 * address, the TLD and the zones cannot have servers of their own, and a server holding parent and child answers
 * for the child itself (so a resolver never sees the referral). Root+TLD together still refer to the zone, as the
 * real Internet does. `setRecords` changes the zone's data at run time (a record "being added").
 */
import dnsPacket from 'dns-packet'
import { buildReply, startFixtureServer, type FixtureContext, type FixtureServer } from './fixture-server'

const HOST = '127.0.0.1'
const TTL = 300

export interface LoopbackZone {
  /** 'good.test' */
  apex: string
  /** TXT records by owner name relative to the apex ('_dnsauth'): each entry one record's value. */
  txt: Record<string, string[]>
}

export interface LoopbackDns {
  /** For settings.roots / `--root`. */
  root: string
  /** For settings.authPort / `--auth-port`. */
  authPort: number
  /** For settings.customResolvers / `--resolver`. */
  resolver: string
  /** Replaces a zone's TXT records (both the zone server and the resolver see the change at once). */
  setTxt(apex: string, txt: LoopbackZone['txt']): void
  close(): Promise<void>
}

type Rr = { name: string; type: string; ttl: number; class: 'IN'; data: unknown }

const rr = (name: string, type: string, data: unknown): Rr => ({ name, type, ttl: TTL, class: 'IN', data })

function soa(zone: string): Rr {
  const mname = zone === '.' ? 'a.root-servers.lab' : `ns1.${zone}`
  return rr(zone === '.' ? '' : zone, 'SOA', {
    mname,
    rname: `hostmaster.${zone === '.' ? 'lab' : zone}`,
    serial: 1,
    refresh: 3600,
    retry: 600,
    expire: 86400,
    minimum: 60
  })
}

const isAtOrBelow = (name: string, zone: string): boolean => zone === '.' || name === zone || name.endsWith(`.${zone}`)

/** The data of one authoritative zone, and what it delegates. */
interface Zone {
  apex: string
  records: Rr[]
  delegations: { child: string; ns: Rr[]; glue: Rr[] }[]
}

/** An authoritative answer from the most specific zone this server holds: referral, answer, NODATA or NXDOMAIN. */
function authoritativeReply(zones: Zone[], ctx: FixtureContext): Buffer {
  const name = ctx.query.name.toLowerCase().replace(/\.$/, '')
  const type = ctx.query.type
  const zone = zones.filter((z) => isAtOrBelow(name, z.apex)).sort((a, b) => b.apex.length - a.apex.length)[0]
  if (!zone) return buildReply(ctx.query, { rcode: 5, ra: false }) // REFUSED: not ours
  const cut = zone.delegations.find((d) => isAtOrBelow(name, d.child) && !(name === d.child && type === 'DS'))
  if (cut) return buildReply(ctx.query, { ra: false, authorities: cut.ns, additionals: cut.glue })
  const answers = zone.records.filter((r) => r.name === name && (r.type === type || type === 'ANY'))
  if (answers.length > 0) {
    const ns = type === 'NS' ? [] : zone.records.filter((r) => r.type === 'NS' && r.name === (zone.apex === '.' ? '' : zone.apex))
    return buildReply(ctx.query, { aa: true, ra: false, answers, authorities: ns })
  }
  const exists = zone.records.some((r) => r.name === name || r.name.endsWith(`.${name}`))
  return buildReply(ctx.query, { aa: true, ra: false, rcode: exists ? 0 : 3, authorities: [soa(zone.apex)] })
}

function zoneData(spec: LoopbackZone): Zone {
  const ns = `ns1.${spec.apex}`
  return {
    apex: spec.apex,
    records: [
      soa(spec.apex),
      rr(spec.apex, 'NS', ns),
      rr(ns, 'A', HOST),
      ...Object.entries(spec.txt).flatMap(([owner, values]) =>
        values.map((value) => rr(owner === '@' ? spec.apex : `${owner}.${spec.apex}`, 'TXT', [value]))
      )
    ],
    delegations: []
  }
}

function rootAndTld(tld: string, zones: LoopbackZone[]): Zone[] {
  const rootNs = 'a.root-servers.lab'
  const root: Zone = { apex: '.', records: [soa('.'), rr('', 'NS', rootNs), rr(rootNs, 'A', HOST)], delegations: [] }
  const tldZone: Zone = {
    apex: tld,
    records: [soa(tld), rr(tld, 'NS', `a.nic.${tld}`), rr(`a.nic.${tld}`, 'A', HOST)],
    delegations: zones.map((z) => ({
      child: z.apex,
      ns: [rr(z.apex, 'NS', `ns1.${z.apex}`)],
      glue: [rr(`ns1.${z.apex}`, 'A', HOST)]
    }))
  }
  return [root, tldZone]
}

/** Starts the root, zone and resolver servers for `zones`, all below one TLD. */
export async function startLoopbackDns(zones: LoopbackZone[], tld = 'test'): Promise<LoopbackDns> {
  const data = new Map(zones.map((z) => [z.apex, zoneData(z)]))
  const upper = rootAndTld(tld, zones)
  const started: FixtureServer[] = []
  try {
    started.push(await startFixtureServer((ctx) => ctx.reply(authoritativeReply(upper, ctx)), { host: HOST }))
    started.push(await startFixtureServer((ctx) => ctx.reply(authoritativeReply([...data.values()], ctx)), { host: HOST }))
    // The resolver: the zones' answers as a recursive resolver returns them (RA set, AA clear).
    started.push(
      await startFixtureServer(
        (ctx) => {
          const reply = dnsPacket.decode(authoritativeReply([...upper, ...data.values()], ctx)) as {
            flags?: number
            answers?: Rr[]
            authorities?: Rr[]
          }
          const answers = reply.answers ?? []
          const rcode = (reply.flags ?? 0) & 0xf
          ctx.reply(buildReply(ctx.query, { ra: true, aa: false, rcode, answers, authorities: answers.length ? [] : reply.authorities }))
        },
        { host: HOST }
      )
    )
  } catch (error) {
    await Promise.all(started.map((s) => s.close()))
    throw error
  }
  const [root, auth, resolver] = started as [FixtureServer, FixtureServer, FixtureServer]
  return {
    root: root.spec,
    authPort: auth.address.port,
    resolver: resolver.spec,
    setTxt(apex, txt) {
      const zone = zones.find((z) => z.apex === apex)
      if (!zone) throw new Error(`no zone ${apex} in this tree`)
      data.set(apex, zoneData({ ...zone, txt }))
    },
    close: async () => {
      await Promise.all(started.map((s) => s.close()))
    }
  }
}
