// formatTrace() on a real resolution under a private root, checked against the walk `dig +trace`
// does. dig +trace itself cannot run offline (it looks up the root servers' names with the system
// resolver), so the witness repeats its steps with `dig +norecurse`, following each referral's glue.

import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildHierarchy, describeLab, dig, labAddress, reservedNames, startLab, txtRecord, type Lab, type ZoneSpec } from '../support/lab'
import { createIterativeResolver } from '../../src/main/dns/iterative'
import { formatTrace } from '../../src/main/dns/format-trace'

const NET = 62 // this file's lab net (see tests/support/lab/addresses.ts)

const zones: ZoneSpec[] = [
  {
    apex: 'example.test',
    servers: [
      { host: 'ns1.example.test', address: labAddress(NET, 2, 1) },
      { host: 'ns2.example.test', address: labAddress(NET, 2, 2) }
    ],
    records: txtRecord('_dnsauth', 'token-62')
  }
]

interface TraceBlock {
  records: string[]
  /** The server name in `from 127.X.0.1#53(name)`. */
  server: string
}

/** The blocks of a dig +trace style text: record lines (owner, type, rdata) up to each `;; Received` line. */
function traceBlocks(text: string): TraceBlock[] {
  const blocks: TraceBlock[] = []
  let records: string[] = []
  for (const line of text.split('\n')) {
    const received = /^;; Received \d+ bytes from [^#]+#\d+\(([^)]+)\)/.exec(line)
    if (received) {
      blocks.push({ records, server: received[1]!.replace(/\.$/, '') })
      records = []
    } else if (line !== '' && !line.startsWith(';')) {
      const [owner, , , type, ...rdata] = line.split(/\s+/)
      if (type !== 'RRSIG' && type !== 'DS' && type !== 'NSEC') records.push(`${owner} ${type} ${rdata.join(' ')}`)
    }
  }
  return blocks
}

/** dig +trace by hand: ask without recursion, follow the referral to its first glued server, until an answer. */
async function digWalk(rootAddress: string, rootName: string, name: string, type: string): Promise<TraceBlock[]> {
  const blocks: TraceBlock[] = []
  let server = { name: rootName, address: rootAddress }
  for (let depth = 0; depth < 8; depth++) {
    const reply = await dig(server.address, name, type, ['+norecurse', '+nodnssec'])
    if (reply.flags.includes('aa') || reply.answer.length > 0) {
      blocks.push({ records: reply.answer.map((r) => `${r.owner} ${r.type} ${r.rdata}`), server: server.name })
      return blocks
    }
    const ns = reply.authority.filter((r) => r.type === 'NS')
    blocks.push({ records: ns.map((r) => `${r.owner} ${r.type} ${r.rdata}`), server: server.name })
    const glue = reply.additional.find((r) => r.type === 'A' && r.owner === ns[0]?.rdata)
    if (!glue) throw new Error(`No glue for ${ns[0]?.rdata} in:\n${reply.output}`)
    server = { name: glue.owner.replace(/\.$/, ''), address: glue.rdata }
  }
  throw new Error('Too many referrals.')
}

await describeLab('formatTrace against dig +trace', NET, () => {
  let lab: Lab

  beforeAll(async () => {
    lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones }) })
  })
  /** A resolver of its own per trace, as the trace command makes: one that walked before would start at the cuts it knows. */
  function traceFromRoot(name: string, type: string) {
    const root = { name: reservedNames('test').rootServer, addresses: [{ host: lab.rootHints[0]!, port: 53, family: 4 as const }] }
    return createIterativeResolver({ rootServers: [root], timeoutMs: 1000, retries: 0 }).resolve(name, type)
  }
  afterAll(async () => {
    await lab?.stop()
  })

  it('walks root → test → example.test like dig +trace, with the same records', async () => {
    const result = await traceFromRoot('_dnsauth.example.test', 'TXT')
    const ours = traceBlocks(formatTrace(result))
    const theirs = await digWalk(lab.rootHints[0]!, reservedNames('test').rootServer, '_dnsauth.example.test', 'TXT')

    expect(ours.map((b) => b.records.map((r) => r.split(' ').slice(0, 2).join(' ')))).toEqual([
      ['test. NS', 'test. NS'],
      ['example.test. NS', 'example.test. NS'],
      ['_dnsauth.example.test. TXT']
    ])
    expect(ours).toEqual(theirs)
  })

  it('prints the answer records in dig presentation format', async () => {
    const text = formatTrace(await traceFromRoot('_dnsauth.example.test', 'TXT'))
    expect(text).toMatch(/^_dnsauth\.example\.test\.\t\d+\tIN\tTXT\t"token-62"$/m)
    expect(text).toMatch(new RegExp(`^;; Received \\d+ bytes from ${lab.rootHints[0]!.replace(/\./g, '\\.')}#53\\(a\\.root-servers\\.test\\) in \\d+ ms$`, 'm'))
  })

  it('ends with a plain line for a name that does not exist', async () => {
    const text = formatTrace(await traceFromRoot('_dnsauth.nope.test', 'TXT'))
    expect(text.trimEnd().split('\n').at(-1)).toBe(';; _dnsauth.nope.test. does not exist (NXDOMAIN in the zone test.).')
  })
})
