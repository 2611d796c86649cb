/**
 * How many queries a diagnosis sends, counted where the fixture servers receive them (every UDP
 * datagram and TCP message, whatever the client believes it sent), against the questions a careful
 * person would type with dig for the same check, sent to the same servers in the same run.
 *
 * Scenario (the one issue 9 measured): the record is correct everywhere, one resolver, the zone
 * bench.test with two name servers under the TLD test. "1 domain" is bench.test itself; "N domains"
 * adds sites of the same zone (shop.bench.test, blog.bench.test, ...), each with its own record.
 * Targets: ≤ 12 for one domain, ≤ 8 + 4N for N. The exchanges the diagnosis started are counted
 * too, through its `exchange` option, as a cross-check of the servers' count (retries, TCP fallback
 * or a stray packet would make them differ). Last, the same domain with a wrong value: what the
 * near-miss probes cost when they are needed (no target).
 */
import { runDiagnosis } from '../src/main/diagnosis/run-diagnosis'
import { tryExchange, type Exchanger } from '../src/main/dns/exchange'
import { parseServerAddress } from '../src/shared/server-address'
import { startDelayedHierarchy, type DelayedHierarchy } from './delayed-hierarchy'

const TOKEN = 'bench-token'
const SITES = ['shop', 'blog', 'api', 'docs']

export interface QueryCount {
  domains: string[]
  /** Queries the fixture servers received during the diagnosis. */
  received: number
  /** Exchanges the diagnosis started (its own count). */
  sent: number
  /** Queries the same check needs by hand with dig (sent and counted the same way). */
  byHand: number
  /** Target from issue 9; null for the wrong-value run. */
  target: number | null
  verdict: string
  /** "server name TYPE" per query received, for a reader who wants to see where they went. */
  log: string[]
}

export async function benchQueryEconomy(counts: number[] = [1, 3]): Promise<QueryCount[]> {
  const lab = await startDelayedHierarchy(0, TOKEN, SITES)
  try {
    const runs = counts.map((n) => ({ n, value: TOKEN, target: n === 1 ? 12 : 8 + 4 * n }))
    const out: QueryCount[] = []
    for (const { n, value, target } of [...runs, { n: 1, value: 'a-value-that-is-not-there', target: null }]) {
      const domains = ['bench.test', ...SITES.slice(0, n - 1).map((s) => `${s}.bench.test`)]
      let sent = 0
      const counting: Exchanger = (question, server, options) => {
        sent++
        return tryExchange(question, server, options)
      }
      const before = lab.received().length
      const report = await runDiagnosis(
        {
          domains,
          host: '_dnsauth',
          type: 'TXT',
          value,
          ca: 'digicert',
          resolvers: lab.resolvers.slice(0, 1),
          roots: lab.roots,
          authPort: lab.port,
          timeoutMs: 2000
        },
        { exchange: counting }
      )
      const got = lab.received().slice(before)
      const byHand = await sendByHand(lab, domains)
      out.push({
        domains,
        received: got.length,
        sent,
        byHand,
        target,
        verdict: report.verdict,
        log: got.map((g) => `${g.server} ${g.query.name} ${g.query.type}`)
      })
    }
    return out
  } finally {
    await lab.stop()
  }
}

/**
 * What a careful person asks with dig for the same diagnosis, given the layout of the fixture:
 * once per run the root and the TLD (referrals down to bench.test), the zone's own NS set, the SOA
 * serial on each server and CAA at the TLD (no CAA below); per domain its record on each server,
 * CAA at the domain and the record at the resolver: 6 + 4N here. Each is sent, so the figure is
 * counted by the same servers as the diagnosis's.
 */
async function sendByHand(lab: DelayedHierarchy, domains: string[]): Promise<number> {
  const at = (host: string) => parseServerAddress(`${host}:${lab.port}`)
  const [root, tld, ns1, ns2] = ['127.98.0.1', '127.98.1.1', '127.98.2.1', '127.98.2.2'].map(at) as [
    ReturnType<typeof at>,
    ReturnType<typeof at>,
    ReturnType<typeof at>,
    ReturnType<typeof at>
  ]
  const resolver = parseServerAddress(lab.resolvers[0]!)
  const questions: [string, string, ReturnType<typeof at>, boolean][] = [
    ['bench.test', 'NS', root, false],
    ['bench.test', 'NS', tld, false],
    ['bench.test', 'NS', ns1, false],
    ['bench.test', 'SOA', ns1, false],
    ['bench.test', 'SOA', ns2, false],
    ['test', 'CAA', tld, false]
  ]
  for (const domain of domains) {
    const name = `_dnsauth.${domain}`
    questions.push([name, 'TXT', ns1, false], [name, 'TXT', ns2, false], [domain, 'CAA', ns1, false], [name, 'TXT', resolver, true])
  }
  const before = lab.received().length
  const outcomes = await Promise.all(
    questions.map(([name, type, server, rd]) => tryExchange({ name, type }, server, { recursionDesired: rd, timeoutMs: 2000, retries: 0 }))
  )
  const failed = outcomes.filter((o) => !o.ok)
  if (failed.length > 0) throw new Error(`by-hand questions went unanswered: ${failed.map((f) => f.query.name).join(', ')}`)
  return lab.received().length - before
}
