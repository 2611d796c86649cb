import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildReply } from '../../support/fixture-server'
import { createIterativeResolver, type IterativeResolverOptions, type ResolveResult } from '../../../src/main/dns/iterative'
import { InvalidNameError } from '../../../src/shared/names'
import type { DnsRecord } from '../../../src/shared/dns-types'
import { a, aaaa, cname, ns, startTree, txt, type Tree, type TreeSpec } from '../../support/iterative-tree'

// 127.0.0.N plan: 2 root · 3,4 test · 5 net · 10,11,19 example.test · 12-16 lame.test · 17 upward.test
// 18 self.test · 20 provider.net (+ glueless.test, poisoned.test) · 22 sub.example.test · 66 a poisoner
const SPEC: TreeSpec = {
  zones: {
    '.': [
      ns('test', 'a.nic.test'),
      ns('test', 'b.nic.test'),
      a('a.nic.test', '127.0.0.3'),
      a('b.nic.test', '127.0.0.4'),
      ns('net', 'a.nic.net'),
      a('a.nic.net', '127.0.0.5')
    ],
    test: [
      ns('example.test', 'ns1.example.test'),
      ns('example.test', 'ns2.example.test'),
      a('ns1.example.test', '127.0.0.10'),
      aaaa('ns1.example.test', '::1'),
      a('ns2.example.test', '127.0.0.11'),
      ns('glueless.test', 'ns.provider.net'),
      // Out-of-bailiwick "glue" for a name under net: must not be believed.
      ns('poisoned.test', 'ns.provider.net'),
      a('ns.provider.net', '127.0.0.66'),
      ...['refused', 'silent', 'noaa', 'servfail', 'good'].flatMap((label, i) => [
        ns('lame.test', `ns-${label}.lame.test`),
        a(`ns-${label}.lame.test`, `127.0.0.${12 + i}`)
      ]),
      ns('upward.test', 'ns.upward.test'),
      a('ns.upward.test', '127.0.0.17'),
      ns('self.test', 'ns.self.test'),
      a('ns.self.test', '127.0.0.18'),
      // Glue missing for a name inside the zone itself: unresolvable.
      ns('loopy.test', 'ns1.loopy.test'),
      // Each zone's server lives in the other zone, without glue: unresolvable.
      ns('cycle-a.test', 'ns.cycle-b.test'),
      ns('cycle-b.test', 'ns.cycle-a.test'),
      txt('nic.test', 'held by the registry')
    ],
    net: [ns('provider.net', 'ns.provider.net'), a('ns.provider.net', '127.0.0.20')],
    'example.test': [
      ns('example.test', 'ns1.example.test'),
      ns('example.test', 'ns3.example.test'),
      a('ns1.example.test', '127.0.0.10'),
      a('ns2.example.test', '127.0.0.11'),
      a('ns3.example.test', '127.0.0.19'),
      txt('_dnsauth.example.test', 'token-123'),
      a('www.example.test', '192.0.2.1'),
      cname('alias.example.test', 'www.example.test'),
      cname('go.example.test', 'alias.example.test'),
      cname('out.example.test', 'cdn.provider.net'),
      cname('loop1.example.test', 'loop2.provider.net'),
      a('x.b.example.test', '192.0.2.3'),
      ns('sub.example.test', 'ns.sub.example.test'),
      a('ns.sub.example.test', '127.0.0.22')
    ],
    'sub.example.test': [txt('_dnsauth.sub.example.test', 'sub-token')],
    'provider.net': [
      ns('provider.net', 'ns.provider.net'),
      a('ns.provider.net', '127.0.0.20'),
      cname('cdn.provider.net', 'edge.provider.net'),
      a('edge.provider.net', '192.0.2.2'),
      cname('loop2.provider.net', 'loop1.example.test')
    ],
    'glueless.test': [txt('_dnsauth.glueless.test', 'glueless-token')],
    'poisoned.test': [txt('_dnsauth.poisoned.test', 'real')],
    'lame.test': [txt('_dnsauth.lame.test', 'survived')]
  },
  servers: {
    2: { zones: ['.'] },
    3: { zones: ['test'] },
    4: { zones: ['test'] },
    5: { zones: ['net'] },
    10: { zones: ['example.test'] },
    11: { zones: ['example.test'] },
    19: { zones: ['example.test'] },
    12: { behaviour: 'refused' },
    13: { behaviour: 'silent' },
    14: { zones: ['lame.test'], behaviour: 'no-aa' },
    15: { behaviour: 'servfail' },
    16: { zones: ['lame.test'] },
    // Refers a question about upward.test back up to the TLD.
    17: {
      behaviour: (ctx) =>
        ctx.reply(
          buildReply(ctx.query, {
            ra: false,
            authorities: [{ name: 'test', type: 'NS', ttl: 300, data: 'a.nic.test' }],
            additionals: [{ name: 'a.nic.test', type: 'A', ttl: 300, data: '127.0.0.3' }]
          })
        )
    },
    // Refers self.test to itself instead of answering.
    18: {
      behaviour: (ctx) =>
        ctx.reply(buildReply(ctx.query, { ra: false, authorities: [{ name: 'self.test', type: 'NS', ttl: 300, data: 'ns.self.test' }] }))
    },
    20: { zones: ['provider.net', 'glueless.test', 'poisoned.test'] },
    22: { zones: ['sub.example.test'] },
    // Would answer anything with its own data; must never be asked.
    66: {
      behaviour: (ctx) =>
        ctx.reply(
          buildReply(ctx.query, { aa: true, ra: false, answers: [{ name: ctx.query.name, type: 'TXT', ttl: 300, data: ['poison'] }] })
        )
    }
  }
}

let tree: Tree

beforeAll(async () => {
  tree = await startTree(SPEC)
})

afterAll(async () => {
  await tree?.close()
})

function resolver(options: IterativeResolverOptions = {}) {
  return createIterativeResolver({
    rootServers: [{ name: 'a.root-servers.test', addresses: [tree.address(2)] }],
    authPort: tree.port,
    timeoutMs: 300,
    retries: 0,
    ...options
  })
}

function txtValues(result: ResolveResult): string[] {
  if (result.status === 'failed') throw new Error(`resolution failed: ${result.failure.message}`)
  return result.answers.filter((r) => r.data.kind === 'txt').map((r) => (r.data.kind === 'txt' ? r.data.value : ''))
}

describe('resolve', () => {
  it('follows referrals from the root to the authoritative answer and keeps the path', async () => {
    const result = await resolver().resolve('_dnsauth.example.test', 'TXT')
    expect(result.status).toBe('answer')
    expect(txtValues(result)).toEqual(['token-123'])
    expect(result.steps.map((s) => [s.zone, s.server.name, s.kind])).toEqual([
      ['.', 'a.root-servers.test', 'referral'],
      ['test', 'a.nic.test', 'referral'],
      ['example.test', 'ns1.example.test', 'answer']
    ])
    const [root, tld, final] = result.steps
    expect(root!.referral).toMatchObject({ zone: 'test', from: '.', nameservers: ['a.nic.test', 'b.nic.test'] })
    expect(root!.referral!.glue.map((r) => r.data)).toEqual([
      { kind: 'address', address: '127.0.0.3' },
      { kind: 'address', address: '127.0.0.4' }
    ])
    expect(tld!.server.address).toEqual(tree.address(3))
    expect(tld!.referral!.nameservers).toEqual(['ns1.example.test', 'ns2.example.test'])
    expect(final!.authoritative).toBe(true)
    expect(final!.responseBytes).toBeGreaterThan(0)
    if (result.status === 'answer') {
      expect(result.zone).toBe('example.test')
      expect(result.server).toEqual({ name: 'ns1.example.test', address: tree.address(10) })
    }
  })

  it('keeps all glue in the path but uses only the addresses of the chosen families', async () => {
    const v4 = await resolver().resolve('www.example.test', 'A')
    expect(v4.steps[1]!.referral!.glue.map((r) => r.type)).toEqual(['A', 'AAAA', 'A'])
    const zone = await resolver().getDelegation('example.test')
    const both = await resolver({ family: 'both' }).getDelegation('example.test')
    if (!zone.found || !both.found) throw new Error('example.test not found')
    expect(zone.parentNameservers[0]!.glue).toEqual([tree.address(10)])
    expect(both.parentNameservers[0]!.glue).toEqual([tree.address(10), { host: '::1', port: tree.port, family: 6 }])
  })

  it('looks up the address of a name server that came without glue', async () => {
    const result = await resolver().resolve('_dnsauth.glueless.test', 'TXT')
    expect(txtValues(result)).toEqual(['glueless-token'])
    expect(result.nameserverLookups).toHaveLength(1)
    const lookup = result.nameserverLookups[0]!
    expect(lookup).toMatchObject({ name: 'ns.provider.net', forZone: 'glueless.test', problem: null })
    expect(lookup.addresses).toEqual([tree.address(20)])
    expect(lookup.steps.map((s) => s.zone)).toEqual(['.', 'net', 'provider.net'])
  })

  it('ignores glue from outside the referring zone (cache poisoning defence)', async () => {
    const before = tree.queriesAt(66).length
    const result = await resolver().resolve('_dnsauth.poisoned.test', 'TXT')
    expect(txtValues(result)).toEqual(['real'])
    expect(tree.queriesAt(66).length).toBe(before)
    const referral = result.steps.find((s) => s.zone === 'test')!.referral!
    expect(referral.glue).toEqual([])
    expect(referral.ignoredGlue.map((r) => r.name)).toEqual(['ns.provider.net'])
  })

  it('skips lame servers (REFUSED, silent, no AA, SERVFAIL) and uses the next of the same zone', async () => {
    const result = await resolver().resolve('_dnsauth.lame.test', 'TXT')
    expect(txtValues(result)).toEqual(['survived'])
    const tries = result.steps.filter((s) => s.zone === 'lame.test')
    expect(tries.map((s) => [s.server.name, s.kind])).toEqual([
      ['ns-refused.lame.test', 'lame'],
      ['ns-silent.lame.test', 'failed'],
      ['ns-noaa.lame.test', 'lame'],
      ['ns-servfail.lame.test', 'lame'],
      ['ns-good.lame.test', 'answer']
    ])
    expect(tries[0]!.problem).toBe('answered REFUSED')
    expect(tries[1]).toMatchObject({ failureCode: 'timeout', rcode: null })
    expect(tries[2]!.problem).toMatch(/without the authoritative \(AA\) flag/)
    expect(tries[3]!.problem).toBe('answered SERVFAIL')
  })

  it('fails with the reason of every server when no server of a zone is usable', async () => {
    const result = await resolver().resolve('www.upward.test', 'A')
    expect(result.status).toBe('failed')
    if (result.status !== 'failed') return
    expect(result.failure).toMatchObject({ code: 'unreachable', zone: 'upward.test' })
    expect(result.failure.message).toBe(
      `The only name server of the zone upward.test could not be used: ns.upward.test (127.0.0.17:${tree.port}) ` +
        'referred upward or sideways to test, which is not below upward.test.'
    )
  })

  it('treats a referral of a zone to itself as lame', async () => {
    const result = await resolver().resolve('www.self.test', 'A')
    expect(result.status).toBe('failed')
    if (result.status === 'failed') expect(result.failure.problems[0]).toMatch(/referred to self\.test itself/)
  })

  it('stops at the referral limit', async () => {
    const result = await resolver({ maxReferrals: 1 }).resolve('_dnsauth.example.test', 'TXT')
    expect(result.status).toBe('failed')
    if (result.status === 'failed') {
      expect(result.failure.code).toBe('referral_limit')
      expect(result.failure.message).toMatch(/after 2 referrals \(the limit is 1\)/)
    }
  })

  it('reports a glueless delegation that needs its own answer (missing glue) instead of looping', async () => {
    const result = await resolver().resolve('www.loopy.test', 'A')
    expect(result.status).toBe('failed')
    if (result.status !== 'failed') return
    expect(result.failure).toMatchObject({ code: 'glueless_loop', zone: 'loopy.test' })
    expect(result.failure.message).toBe(
      'The only name server of the zone loopy.test could not be used: ns1.loopy.test has no address: finding it needs ' +
        'the zone loopy.test, whose name servers cannot be found without this one (a glueless delegation loop).'
    )
    expect(result.nameserverLookups.map((l) => [l.name, l.loop])).toEqual([
      ['ns1.loopy.test', true],
      ['ns1.loopy.test', true]
    ])
  })

  it('reports two zones whose name servers live in each other without glue', async () => {
    const result = await resolver().resolve('www.cycle-a.test', 'A')
    expect(result.status).toBe('failed')
    if (result.status !== 'failed') return
    expect(result.failure).toMatchObject({ code: 'glueless_loop', zone: 'cycle-a.test' })
    expect(result.failure.message).toBe(
      'The only name server of the zone cycle-a.test could not be used: ns.cycle-b.test has no address: finding it needs ' +
        'the zone cycle-b.test, whose name servers cannot be found without this one (a glueless delegation loop).'
    )
  })

  it('follows a CNAME chain inside the zone and out of it', async () => {
    const inZone = await resolver().resolve('go.example.test', 'A')
    expect(inZone.status).toBe('answer')
    if (inZone.status !== 'answer') return
    expect(inZone.answers.map((r) => `${r.name} ${r.type} ${r.text}`)).toEqual([
      'go.example.test CNAME alias.example.test.',
      'alias.example.test CNAME www.example.test.',
      'www.example.test A 192.0.2.1'
    ])
    expect(inZone.canonicalName).toBe('www.example.test')

    const outOfZone = await resolver().resolve('out.example.test', 'A')
    expect(outOfZone.status).toBe('answer')
    if (outOfZone.status !== 'answer') return
    expect(outOfZone.answers.map((r) => r.text)).toEqual(['cdn.provider.net.', 'edge.provider.net.', '192.0.2.2'])
    expect(outOfZone.canonicalName).toBe('edge.provider.net')
    expect(outOfZone.zone).toBe('provider.net')
    // The second walk starts again at the root (its answers come from the cache).
    expect(outOfZone.steps.filter((s) => s.zone === '.').length).toBe(2)
  })

  it('detects a CNAME loop across zones', async () => {
    const result = await resolver().resolve('loop1.example.test', 'A')
    expect(result.status).toBe('failed')
    if (result.status === 'failed') {
      expect(result.failure.code).toBe('cname_loop')
      expect(result.failure.message).toBe(
        'loop1.example.test leads into a CNAME loop: loop1.example.test → loop2.provider.net → loop1.example.test.'
      )
    }
  })

  it('returns NXDOMAIN from the TLD for a domain that is not delegated', async () => {
    const result = await resolver().resolve('_dnsauth.nope.test', 'TXT')
    expect(result.status).toBe('nxdomain')
    if (result.status !== 'nxdomain') return
    expect(result.zone).toBe('test')
    expect(result.soa?.name).toBe('test')
    expect(result.answers).toEqual([])
  })

  it('returns NODATA with the SOA for a name without records of the type', async () => {
    const result = await resolver().resolve('www.example.test', 'TXT')
    expect(result.status).toBe('nodata')
    if (result.status === 'nodata') expect(result.soa?.name).toBe('example.test')
  })

  it('fails, naming the server, when the root does not answer', async () => {
    const silentRoot = createIterativeResolver({ rootServers: [tree.address(13)], timeoutMs: 100, retries: 0 })
    const result = await silentRoot.resolve('example.test', 'A')
    expect(result.status).toBe('failed')
    if (result.status !== 'failed') return
    expect(result.failure.code).toBe('unreachable')
    expect(result.failure.message).toMatch(
      new RegExp(`^The only name server of the root zone could not be used: 127\\.0\\.0\\.13:${tree.port}: No answer from 127\\.0\\.0\\.13`)
    )
  })

  it('stops when cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const result = await resolver().resolve('_dnsauth.example.test', 'TXT', { signal: controller.signal })
    expect(result.status).toBe('failed')
    if (result.status === 'failed') expect(result.failure.code).toBe('aborted')
  })

  it('shares questions between concurrent calls of one resolver', async () => {
    const shared = resolver()
    const before = [2, 3, 10].map((octet) => tree.queriesAt(octet).length)
    const results = await Promise.all([
      shared.resolve('_dnsauth.example.test', 'TXT'),
      shared.resolve('_dnsauth.example.test', 'TXT'),
      shared.resolve('_dnsauth.example.test', 'TXT')
    ])
    expect(results.map((r) => r.status)).toEqual(['answer', 'answer', 'answer'])
    expect([2, 3, 10].map((octet, i) => tree.queriesAt(octet).length - before[i]!)).toEqual([1, 1, 1])
    // The later calls waited for the first one's referrals and went straight to example.test, where
    // they share its answer.
    for (const later of results.slice(1)) expect(later.steps.map((s) => [s.zone, s.fromCache])).toEqual([['example.test', true]])
  })

  it('throws an InvalidNameError for a name that cannot exist', async () => {
    await expect(resolver().resolve('bad..name', 'A')).rejects.toBeInstanceOf(InvalidNameError)
  })
})

describe('findZoneApex', () => {
  it('finds the zone of a host record with both NS sets and every server address', async () => {
    const zone = await resolver().findZoneApex('_dnsauth.example.test')
    expect(zone.found).toBe(true)
    if (!zone.found) return
    expect(zone).toMatchObject({ apex: 'example.test', parentZone: 'test', nameExists: true, problems: [] })
    expect(zone.nameservers).toEqual(['ns1.example.test', 'ns3.example.test'])
    expect(zone.parentNameservers).toEqual([
      { name: 'ns1.example.test', glue: [tree.address(10)] },
      { name: 'ns2.example.test', glue: [tree.address(11)] }
    ])
    expect(zone.servers).toEqual([
      { name: 'ns1.example.test', addresses: [tree.address(10)], glue: [tree.address(10)], inParent: true, inChild: true, problem: null },
      { name: 'ns3.example.test', addresses: [tree.address(19)], glue: [], inParent: false, inChild: true, problem: null },
      { name: 'ns2.example.test', addresses: [tree.address(11)], glue: [tree.address(11)], inParent: true, inChild: false, problem: null }
    ])
  })

  it('finds the enclosing zone of names that do not exist or are empty non-terminals', async () => {
    const r = resolver()
    const [missing, ent, www] = await Promise.all([
      r.findZoneApex('a.b.c.example.test'),
      r.findZoneApex('b.example.test'),
      r.findZoneApex('www.example.test')
    ])
    expect(missing).toMatchObject({ found: true, apex: 'example.test', nameExists: false })
    expect(ent).toMatchObject({ found: true, apex: 'example.test', nameExists: true })
    expect(www).toMatchObject({ found: true, apex: 'example.test', nameExists: true })
  })

  it('finds a delegated child zone and the apex itself', async () => {
    const r = resolver()
    expect(await r.findZoneApex('_dnsauth.sub.example.test')).toMatchObject({ found: true, apex: 'sub.example.test', parentZone: 'example.test' })
    expect(await r.findZoneApex('example.test')).toMatchObject({ found: true, apex: 'example.test' })
  })

  it('finds a zone whose name servers have no glue', async () => {
    const zone = await resolver().findZoneApex('_dnsauth.glueless.test')
    expect(zone).toMatchObject({ found: true, apex: 'glueless.test' })
    if (zone.found) expect(zone.servers).toEqual([
      { name: 'ns.provider.net', addresses: [tree.address(20)], glue: [], inParent: true, inChild: false, problem: null }
    ])
  })

  it('says the domain does not exist when the TLD answers NXDOMAIN', async () => {
    const zone = await resolver().findZoneApex('_dnsauth.nope.test')
    expect(zone).toMatchObject({ found: false, reason: 'nxdomain', at: 'test' })
    if (!zone.found) {
      expect(zone.message).toBe(
        `_dnsauth.nope.test does not exist: a.nic.test (127.0.0.3:${tree.port}), a server of the zone test, answered NXDOMAIN. ` +
          'The domain is not registered, or not delegated to name servers.'
      )
    }
  })

  it('says a name held by the registry itself has no delegation', async () => {
    expect(await resolver().findZoneApex('nic.test')).toMatchObject({ found: false, reason: 'no_delegation', at: 'test' })
  })

  it('says unreachable when the zone servers cannot be used', async () => {
    const zone = await resolver().findZoneApex('www.upward.test')
    expect(zone).toMatchObject({ found: false, reason: 'unreachable', at: 'upward.test' })
    if (!zone.found) expect(zone.failure?.code).toBe('unreachable')
  })
})

describe('getDelegation', () => {
  it('gives both sides of a delegation', async () => {
    const zone = await resolver().getDelegation('example.test')
    expect(zone).toMatchObject({ found: true, apex: 'example.test', nameservers: ['ns1.example.test', 'ns3.example.test'] })
    if (zone.found) expect(zone.delegation?.nameservers).toEqual(['ns1.example.test', 'ns2.example.test'])
  })

  it('says when a name is not a zone, or does not exist', async () => {
    const r = resolver()
    expect(await r.getDelegation('www.example.test')).toMatchObject({ found: false, reason: 'no_delegation', at: 'example.test' })
    expect(await r.getDelegation('nope.test')).toMatchObject({ found: false, reason: 'nxdomain', at: 'test' })
  })
})

describe('one resolver remembers the tree (zone cuts, addresses, NXDOMAIN, SOA)', () => {
  /** Queries each server received while `run` ran, as "octet: name TYPE". */
  async function queriesDuring(octets: number[], run: () => Promise<unknown>): Promise<string[]> {
    const before = octets.map((o) => tree.queriesAt(o).length)
    await run()
    return octets.flatMap((o, i) => tree.queriesAt(o).slice(before[i]).map((q) => `${o}: ${q}`))
  }
  const EXAMPLE = [2, 3, 4, 10, 11, 19]

  it('starts a later walk at the deepest cut an earlier one learned: the root and the TLD are asked once', async () => {
    const r = resolver()
    const first = await queriesDuring(EXAMPLE, () => r.resolve('_dnsauth.example.test', 'TXT'))
    expect(first).toEqual(['2: _dnsauth.example.test TXT', '3: _dnsauth.example.test TXT', '10: _dnsauth.example.test TXT'])
    let second: ResolveResult | undefined
    expect(await queriesDuring(EXAMPLE, async () => (second = await r.resolve('www.example.test', 'A')))).toEqual(['10: www.example.test A'])
    expect(second!.steps.map((s) => s.zone)).toEqual(['example.test'])
    // The zone's delegation is still known to a walk that starts below the parent.
    const zone = await r.findZoneApex('x.b.example.test')
    expect(zone).toMatchObject({ found: true, apex: 'example.test', parentZone: 'test' })
  })

  it('makes walks started together wait for the referral in flight instead of asking the root again', async () => {
    const r = resolver()
    const sent = await queriesDuring([2, 3, 4], () =>
      Promise.all([r.resolve('_dnsauth.example.test', 'TXT'), r.resolve('_dnsauth.glueless.test', 'TXT'), r.findZoneApex('www.example.test')])
    )
    // Once about test (the first walk's question), once about net (for glueless.test's name server).
    expect(sent.filter((q) => q.startsWith('2: '))).toEqual(['2: _dnsauth.example.test TXT', '2: ns.provider.net A'])
  })

  it('answers a name below a known NXDOMAIN from that answer (RFC 8020), without asking', async () => {
    const r = resolver()
    const missing = await r.resolve('nope.example.test', 'TXT')
    expect(missing.status).toBe('nxdomain')
    let below: ResolveResult | undefined
    expect(await queriesDuring(EXAMPLE, async () => (below = await r.resolve('_dnsauth.www.nope.example.test', 'CAA')))).toEqual([])
    expect(below).toMatchObject({ status: 'nxdomain', zone: 'example.test' })
    expect(below!.steps).toEqual([expect.objectContaining({ kind: 'nxdomain', fromCache: true, question: { name: 'nope.example.test', type: 'TXT' } })])
    // An empty non-terminal is not a missing name: x.b.example.test exists below b.example.test.
    expect((await r.resolve('b.example.test', 'TXT')).status).toBe('nodata')
    expect(await r.resolve('x.b.example.test', 'A')).toMatchObject({ status: 'answer' })
  })

  it('looks up the address of a glueless name server once for every zone it serves', async () => {
    const r = resolver()
    await r.resolve('_dnsauth.glueless.test', 'TXT')
    let poisoned: ResolveResult | undefined
    const sent = await queriesDuring([2, 3, 5, 20], async () => (poisoned = await r.resolve('_dnsauth.poisoned.test', 'TXT')))
    expect(sent).toEqual(['3: _dnsauth.poisoned.test TXT', '20: _dnsauth.poisoned.test TXT'])
    expect(txtValues(poisoned!)).toEqual(['real'])
    expect(poisoned!.nameserverLookups).toEqual([expect.objectContaining({ name: 'ns.provider.net', addresses: [tree.address(20)], steps: [] })])
  })

  it("gives a server's SOA from the answer it already sent, and asks the servers that sent none", async () => {
    const r = resolver()
    await r.findZoneApex('_dnsauth.example.test') // NODATA from 127.0.0.10, its SOA in the authority section
    let soas: (DnsRecord | null)[] = []
    const sent = await queriesDuring(EXAMPLE, async () => (soas = await Promise.all([10, 19].map((o) => r.zoneSoa('example.test', tree.address(o))))))
    expect(sent).toEqual(['19: example.test SOA'])
    expect(soas.map((s) => (s?.data.kind === 'soa' ? s.data.serial : null))).toEqual([1, 1])
    expect(await r.zoneSoa('example.test', tree.address(12))).toBeNull() // refuses: no SOA to give
  })

  it('stops at a CNAME when told not to follow it', async () => {
    const r = resolver()
    let result: ResolveResult | undefined
    const sent = await queriesDuring([5, 20], async () => (result = await r.resolve('out.example.test', 'TXT', { followCnames: false })))
    expect(sent).toEqual([])
    expect(result).toMatchObject({ status: 'answer', canonicalName: 'out.example.test' })
    if (result?.status === 'answer') expect(result.answers.map((a) => a.type)).toEqual(['CNAME'])
  })

  it('stops waiting for another walk when its own call is cancelled', async () => {
    // The only root server is silent: the first walk waits for its timeout, the second for that walk.
    const r = resolver({ rootServers: [tree.address(13)] })
    const first = r.resolve('www.example.test', 'A')
    const controller = new AbortController()
    const second = r.resolve('_dnsauth.example.test', 'TXT', { signal: controller.signal })
    controller.abort()
    const settled: string[] = []
    await Promise.all([first.then(() => settled.push('first')), second.then((res) => settled.push(`second ${res.status}`))])
    expect(settled).toEqual(['second failed', 'first'])
    expect(await second).toMatchObject({ status: 'failed', failure: { code: 'aborted' } })
  })
})
