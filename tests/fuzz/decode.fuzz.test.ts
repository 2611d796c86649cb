/**
 * decodeMessage must either return a response or throw a DnsDecodeError, for any bytes at all:
 * it runs on every datagram that reaches a client socket, so anything else it throws would crash
 * the exchange. Over 100,000 messages per run: random bytes, random bodies behind a plausible
 * header, and structure-aware mutations of valid responses.
 *
 * The seed changes per run and is printed; reproduce a failure with FUZZ_SEED=<seed>. Every crash
 * found is kept, with its bytes, in tests/unit/dns/decode-regressions.test.ts.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeHeaderAndQuestion, decodeMessage, isTruncated } from '../../src/main/dns/codec'
import { DnsDecodeError } from '../../src/main/dns/errors'
import type { DnsResponse } from '../../src/shared/dns-types'
import { validResponses } from '../support/dns-corpus'
import { mutate, mutationArb } from '../support/mutate'

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 0x7fffffff
console.log(`decode fuzz seed: ${seed} (rerun with FUZZ_SEED=${seed})`)

const RUNS = { random: 30_000, plausibleHeader: 30_000, mutated: 100_000 }
// About 10 s of CPU on an idle machine; the margin is for CI runners shared with other jobs. A
// decode that hangs still shows up as this timeout.
const TIMEOUT_MS = 180_000
const corpus = validResponses()
const stats = { decoded: 0, rejected: 0 }
const started = performance.now()

/** Runs a decoder; a DnsDecodeError must point inside the message, anything else thrown fails. */
function decodeOrNull(decode: (buf: Buffer) => DnsResponse, buf: Buffer): DnsResponse | null {
  try {
    return decode(buf)
  } catch (e) {
    if (!(e instanceof DnsDecodeError)) throw e
    if (!(e.offset >= 0 && e.offset <= buf.length)) throw new Error(`offset ${e.offset} outside a ${buf.length}-byte message`, { cause: e })
    return null
  }
}

/** The property: a response object or a DnsDecodeError, from both decoders the client uses. */
function decodesOrRejects(bytes: Uint8Array | Buffer): boolean {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  // The exchange falls back to header and question for TC messages that do not decode.
  if (isTruncated(buf)) decodeOrNull(decodeHeaderAndQuestion, buf)
  const response = decodeOrNull(decodeMessage, buf)
  if (response === null) {
    stats.rejected++
    return true
  }
  // What the decoder returns travels over IPC and into JSON: it must be plain data.
  if (typeof response !== 'object') return false
  for (const rr of [...response.answers, ...response.authorities, ...response.additionals]) {
    if (typeof rr.text !== 'string' || typeof rr.name !== 'string') return false
  }
  JSON.stringify(response)
  stats.decoded++
  return true
}

describe('decodeMessage fuzz', () => {
  it('decodes every corpus message', () => {
    for (const { label, bytes } of corpus) {
      expect(() => decodeMessage(bytes), label).not.toThrow()
    }
  })

  it(`survives ${RUNS.random} random byte arrays`, () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), decodesOrRejects), { seed, numRuns: RUNS.random })
  }, TIMEOUT_MS)

  it(`survives ${RUNS.plausibleHeader} random bodies behind a plausible header`, () => {
    const header = fc.tuple(fc.nat(0xffff), fc.nat(0xffff), fc.nat(3), fc.nat(4), fc.nat(3), fc.nat(3)).map((fields) => {
      const h = Buffer.alloc(12)
      fields.forEach((v, i) => h.writeUInt16BE(v, 2 * i))
      return h
    })
    const message = fc.tuple(header, fc.uint8Array({ maxLength: 200 })).map(([h, body]) => Buffer.concat([h, body]))
    fc.assert(fc.property(message, decodesOrRejects), { seed: seed + 1, numRuns: RUNS.plausibleHeader })
  }, TIMEOUT_MS)

  it(`survives ${RUNS.mutated} mutations of valid responses`, () => {
    const mutated = fc
      .tuple(fc.nat(corpus.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
      .map(([i, mutations]) => mutate(corpus[i]!.bytes, mutations))
    fc.assert(fc.property(mutated, decodesOrRejects), { seed: seed + 2, numRuns: RUNS.mutated })
  }, TIMEOUT_MS)

  it('saw at least 100,000 messages, some decoded and some rejected', () => {
    const total = stats.decoded + stats.rejected
    // Printed for the record, never asserted: timings depend on the machine.
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`decode fuzz: ${total} messages, ${stats.decoded} decoded, ${stats.rejected} rejected, ${seconds} s`)
    expect(total).toBeGreaterThanOrEqual(100_000)
    // A fuzzer whose inputs are all rejected at the header tests nothing deeper.
    expect(stats.decoded).toBeGreaterThan(5_000)
    expect(stats.rejected).toBeGreaterThan(5_000)
  })
})
