/**
 * The reply path end to end: a fixture server answers every query with a mutated copy of a valid
 * reply (right id and question before mutation, so most of them get past the id check and into the
 * decoder), sometimes with TC set, and usually follows it with the good reply. Whatever arrives,
 * exchange() must settle with a result or an ExchangeError; an exception thrown in a socket
 * handler would surface as an unhandled error and fail the run.
 *
 * The seed changes per run and is printed; reproduce with FUZZ_SEED=<seed>.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { exchange } from '../../src/main/dns/exchange'
import { ExchangeError } from '../../src/main/dns/errors'
import { normalizeName, sameName } from '../../src/shared/names'
import { buildReply, startFixtureServer, type FixtureQuery, type FixtureServer } from '../support/fixture-server'
import { mutate, mutationArb, type Mutation } from '../support/mutate'

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 0x7fffffff
console.log(`exchange fuzz seed: ${seed} (rerun with FUZZ_SEED=${seed})`)

const EXCHANGES = 2000
const IN_FLIGHT = 40

/** Valid replies to a query, one per kind of content the client reads. */
const templates: ((q: FixtureQuery) => Buffer)[] = [
  (q) => buildReply(q, { answers: [{ name: q.name, type: 'A', ttl: 60, data: '192.0.2.1' }] }),
  (q) => buildReply(q, { answers: [{ name: q.name, type: 'TXT', ttl: 60, data: ['token-1', 'say "hi" \\ 你'] }] }),
  (q) =>
    buildReply(q, {
      answers: [
        { name: q.name, type: 'CNAME', ttl: 60, data: 'target.example.net' },
        { name: 'target.example.net', type: 'CAA', ttl: 60, data: { flags: 128, tag: 'issue', value: 'letsencrypt.org' } }
      ]
    }),
  (q) =>
    buildReply(q, {
      rcode: 3,
      aa: true,
      authorities: [
        {
          name: 'example',
          type: 'SOA',
          ttl: 300,
          data: { mname: 'ns1.example', rname: 'hostmaster.example', serial: 4000000000, refresh: 1, retry: 2, expire: 3, minimum: 4 }
        }
      ]
    }),
  (q) => buildReply(q, { rcode: 2, ede: { code: 6, text: 'validation failure' } }),
  // Full-width dots (U+3002, U+FF0E, U+FF61) inside labels, where an empty label would appear if they were dots.
  (q) =>
    buildReply(q, {
      answers: [{ name: q.name, type: 'CNAME', ttl: 60, data: 'x.\u3002y\uff0e\uff61example.net' }],
      authorities: [{ name: 'example.net', type: 'NS', ttl: 60, data: 'ns\uff61.example.net' }]
    }),
  (q) => buildReply(q, { rcode: 1, edns: false }),
  (q) =>
    buildReply(q, {
      answers: [
        { name: q.name, type: 'DS', ttl: 60, data: { keyTag: 1, algorithm: 13, digestType: 2, digest: Buffer.alloc(32, 1) } },
        { name: q.name, type: 'NSEC', ttl: 60, data: { nextDomain: 'z.example', rrtypes: ['A', 'RRSIG', 'NSEC'] } }
      ]
    })
]

interface Script {
  template: number
  mutations: Mutation[]
  /** Set TC on the mutated UDP reply, to push the client to TCP. */
  truncated: boolean
  /** Follow the mutated reply with the good one. */
  thenGood: boolean
  retries: number
}

const scripts: Script[] = fc.sample(
  fc.record({
    template: fc.nat(templates.length - 1),
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
    truncated: fc.nat(9).map((n) => n === 0),
    thenGood: fc.nat(9).map((n) => n < 8),
    retries: fc.nat(1)
  }),
  { seed, numRuns: EXCHANGES }
)

let server: FixtureServer
beforeAll(async () => {
  server = await startFixtureServer((ctx) => {
    const script = scripts[Number(/^q(\d+)\./.exec(ctx.query.name)?.[1])]
    if (!script) return
    const good = templates[script.template]!(ctx.query)
    const bad = mutate(good, script.mutations)
    if (script.truncated && ctx.query.transport === 'udp' && bad.length > 2) bad[2]! |= 0x02
    ctx.reply(bad)
    if (script.thenGood) ctx.reply(good) // loopback keeps the order: the client sees bad, then good
  })
})
afterAll(async () => {
  await server?.close()
})

describe('exchange fuzz', () => {
  it(`settles ${EXCHANGES} exchanges against mutated replies with a result or an ExchangeError`, async () => {
    const tally = { results: 0, errors: {} as Record<string, number>, ignored: 0, tcp: 0, ednsFallback: 0 }
    const one = async (i: number): Promise<void> => {
      // Every fifth name as a Chinese input method types it (U+3002 。, U+FF0E ．, U+FF61 ｡ for '.'): it is asked as q<i>.fuzz.example.
      const dot = ['.', '.', '\u3002', '\uff0e', '\uff61'][i % 5]!
      const name = `q${i}${dot}fuzz${dot}example`
      const type = i % 3 === 0 ? 'TXT' : 'A'
      try {
        // A good reply follows at once in most scripts: give those tries room, so a loaded machine
        // does not turn them into timeouts; the others wait briefly, as nothing good will come.
        const timeoutMs = scripts[i]!.thenGood ? 2000 : 100
        const result = await exchange({ name, type }, server.address, { timeoutMs, retries: scripts[i]!.retries, deadlineMs: 60_000 })
        tally.results++
        tally.ignored += result.ignoredReplies
        if (result.transport === 'tcp') tally.tcp++
        if (result.ednsFallback) tally.ednsFallback++
        // What was accepted answers what was asked (or is a question-less FORMERR/NOTIMP).
        const q = result.response.question
        if (q.length > 0) {
          expect(q).toHaveLength(1)
          expect(sameName(q[0]!.name, normalizeName(name))).toBe(true)
          expect(q[0]!.type).toBe(type)
        } else {
          expect(['FORMERR', 'NOTIMP']).toContain(result.response.rcode)
        }
      } catch (e) {
        if (!(e instanceof ExchangeError)) throw e
        tally.errors[e.code] = (tally.errors[e.code] ?? 0) + 1
      }
    }
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < EXCHANGES) await one(next++)
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))

    const failures = Object.values(tally.errors).reduce((a, b) => a + b, 0)
    console.log(`exchange fuzz: ${tally.results} results, errors ${JSON.stringify(tally.errors)}, ${tally.ignored} replies ignored, ${tally.tcp} over TCP, ${tally.ednsFallback} EDNS fallbacks`)
    expect(tally.results + failures).toBe(EXCHANGES)
    // The mutations must reach the decoder and the fallbacks, or this test exercises nothing.
    expect(tally.ignored).toBeGreaterThan(EXCHANGES / 10)
    expect(tally.results).toBeGreaterThan(EXCHANGES / 2)
    expect(tally.tcp).toBeGreaterThan(0)
    // Only outcomes a reply can cause: no network failures, no aborts.
    expect(Object.keys(tally.errors).filter((code) => code !== 'timeout')).toEqual([])
  }, 120_000)
})
