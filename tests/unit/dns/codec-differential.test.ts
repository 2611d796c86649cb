/**
 * The hand-written encoder and decoder (codec.ts, wire-names.ts) against dns-packet, the library they stand in
 * for, on generated messages: queries must be byte for byte what dns-packet writes; responses (with owner names
 * compressed, pointer chains included, which dns-packet's encoder never writes) must decode to the same names,
 * types, TTLs and data.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import dnsPacket from 'dns-packet'
import { decodeMessage, encodeQuery } from '../../../src/main/dns/codec'
import type { DnsRecord } from '../../../src/shared/dns-types'

/** A record as dns-packet encodes and decodes it. */
interface Rr {
  name: string
  type: string
  class?: string
  ttl: number
  data: unknown
}

interface DecodedPacket {
  questions: { name: string }[]
  answers: Rr[]
  authorities: Rr[]
  additionals: Rr[]
}

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 0x7fffffff
console.log(`codec differential seed: ${seed} (rerun with FUZZ_SEED=${seed})`)

const asciiLabel = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/)
// Non-ASCII labels as zone data may hold them (UTF-8 on the wire), full-width dots included.
const unicodeLabel = fc
  .array(fc.constantFrom('a', 'Z', '例', 'ü', '\u3002', '\uff0e', '\uff61', '-', '_', '中'), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(''))
const label = fc.oneof({ weight: 4, arbitrary: asciiLabel }, { weight: 1, arbitrary: unicodeLabel })
const name = fc
  .array(label, { minLength: 1, maxLength: 5 })
  .map((labels) => labels.join('.'))
  .filter((n) => dnsPacket.name.encodingLength(n) <= 255)
// A small pool of names per message, so owners repeat and compression has something to point at.
const names = fc.array(name, { minLength: 1, maxLength: 4 })

const u16 = fc.integer({ min: 0, max: 0xffff })
const u32 = fc.integer({ min: 0, max: 0xffffffff })
const ttl = fc.integer({ min: 0, max: 0x7fffffff })

function recordArb(pool: string[]): fc.Arbitrary<Rr> {
  const owner = fc.constantFrom(...pool)
  const target = fc.oneof(fc.constantFrom(...pool), name)
  const rr = <T>(type: string, data: fc.Arbitrary<T>) =>
    fc.record({ name: owner, ttl, data }).map((r) => ({ ...r, type, class: 'IN' }) as Rr)
  return fc.oneof(
    rr('A', fc.ipV4()),
    rr('AAAA', fc.ipV6()),
    rr('CNAME', target),
    rr('NS', target),
    rr('PTR', target),
    rr('DNAME', target),
    rr('TXT', fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[ -~]{0,60}$/)), { minLength: 1, maxLength: 3 })),
    rr('MX', fc.record({ preference: u16, exchange: target })),
    rr('SRV', fc.record({ priority: u16, weight: u16, port: u16, target })),
    rr('SOA', fc.record({ mname: target, rname: target, serial: u32, refresh: u32, retry: u32, expire: u32, minimum: u32 })),
    rr('CAA', fc.record({ flags: fc.constantFrom(0, 128), tag: fc.constantFrom('issue', 'issuewild', 'iodef'), value: fc.stringMatching(/^[ -~]{0,40}$/) })),
    rr('DS', fc.record({ keyTag: u16, algorithm: fc.integer({ min: 0, max: 255 }), digestType: fc.integer({ min: 0, max: 255 }), digest: fc.uint8Array({ minLength: 1, maxLength: 48 }).map((b) => Buffer.from(b)) }))
  )
}

interface Generated {
  question: string
  sections: [Rr[], Rr[], Rr[]]
  /** A pure-pointer owner becomes the target of the next one (pointer → pointer chains). */
  chain: boolean
}

const message: fc.Arbitrary<Generated> = names.chain((pool) =>
  fc.record({
    question: fc.constantFrom(...pool),
    sections: fc.tuple(fc.array(recordArb(pool), { maxLength: 12 }), fc.array(recordArb(pool), { maxLength: 4 }), fc.array(recordArb(pool), { maxLength: 4 })),
    chain: fc.boolean()
  })
)

/**
 * The response dns-packet would write, but with every owner name compressed: the longest suffix written before is
 * a pointer. dns-packet writes each record's owner uncompressed first; the bytes after it are kept as they are.
 */
function compressedResponse(m: Generated): Buffer {
  const head = dnsPacket.encode({ type: 'response', id: 0x1234, flags: 0x8180, questions: [{ name: m.question, type: 'A', class: 'IN' }] })
  const parts: Buffer[] = [head]
  let length = head.length
  const known = new Map<string, number>() // suffix (labels joined) → offset
  const learn = (labels: string[], offset: number, lengths: number[]) => {
    let at = offset
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.')
      if (!known.has(suffix) && at < 0x4000) known.set(suffix, at)
      at += lengths[i]!
    }
  }
  const labelsOf = (n: string) => n.split('.')
  const byteLengths = (labels: string[]) => labels.map((l) => 1 + Buffer.byteLength(l))
  learn(labelsOf(m.question), 12, byteLengths(labelsOf(m.question)))
  for (const record of m.sections.flat()) {
    const whole = dnsPacket.answer.encode(record)
    const ownerLength = dnsPacket.name.encodingLength(record.name)
    const labels = labelsOf(record.name)
    let cut = labels.findIndex((_, i) => known.has(labels.slice(i).join('.')))
    if (cut === -1) cut = labels.length
    const written = labels.slice(0, cut)
    const owner = written.length === labels.length ? dnsPacket.name.encode(record.name) : Buffer.concat([
      ...written.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])),
      Buffer.from([0xc0 | (known.get(labels.slice(cut).join('.'))! >> 8), known.get(labels.slice(cut).join('.'))! & 0xff])
    ])
    learn(written, length, byteLengths(written))
    if (cut === 0 && m.chain && length < 0x4000) known.set(record.name, length)
    parts.push(owner, whole.subarray(ownerLength))
    length += owner.length + whole.length - ownerLength
  }
  const buf = Buffer.concat(parts)
  buf.writeUInt16BE(m.sections[0].length, 6)
  buf.writeUInt16BE(m.sections[1].length, 8)
  buf.writeUInt16BE(m.sections[2].length, 10)
  return buf
}

/** True when some two-byte pointer in the message points at another pointer (a chain), as far as a scan can tell. */
function hasPointerToPointer(buf: Buffer): boolean {
  for (let i = 12; i + 1 < buf.length; i++) {
    if ((buf[i]! & 0xc0) !== 0xc0) continue
    const target = ((buf[i]! & 0x3f) << 8) | buf[i + 1]!
    if (target < i && target + 1 < buf.length && (buf[target]! & 0xc0) === 0xc0) return true
  }
  return false
}

/** A record's data in one comparable shape, from dns-packet's decoded form. */
function referenceData(r: Rr): unknown {
  const d = r.data as Record<string, unknown>
  switch (r.type) {
    case 'TXT':
      return (r.data as Buffer[]).map((b) => b.toString('utf8'))
    case 'CAA':
      return { flags: d['flags'], tag: d['tag'], value: d['value'] }
    case 'DS':
      return { keyTag: d['keyTag'], algorithm: d['algorithm'], digestType: d['digestType'], digest: Buffer.from(d['digest'] as Uint8Array).toString('hex') }
    case 'SOA':
      return { ...d }
    default:
      return d
  }
}

/** The same shape from ours. */
function ourData(r: DnsRecord): unknown {
  const d = r.data
  switch (d.kind) {
    case 'address':
      return d.address
    case 'name':
      return d.target
    case 'txt':
      return d.strings
    case 'caa':
      return { flags: d.flags, tag: d.tag, value: d.value }
    case 'mx':
      return { preference: d.preference, exchange: d.exchange }
    case 'srv':
      return { priority: d.priority, weight: d.weight, port: d.port, target: d.target }
    case 'soa': {
      const { kind: _kind, ...rest } = d
      return rest
    }
    case 'ds':
      return { keyTag: d.keyTag, algorithm: d.algorithm, digestType: d.digestType, digest: d.digest }
    default:
      return d
  }
}

describe('decodeMessage against dns-packet', () => {
  it('decodes generated responses, compressed and with pointer chains, to what dns-packet reads', () => {
    const seen = { compressed: 0, chained: 0 }
    fc.assert(
      fc.property(message, (m) => {
        const buf = compressedResponse(m)
        const reference = dnsPacket.decode(buf) as DecodedPacket
        const ours = decodeMessage(buf)
        const plain = dnsPacket.encode({ type: 'response', id: 0, flags: 0, questions: [{ name: m.question, type: 'A', class: 'IN' }], answers: m.sections.flat() })
        if (buf.length < plain.length) seen.compressed++
        if (hasPointerToPointer(buf)) seen.chained++
        expect(ours.question.map((q) => q.name)).toEqual(reference.questions.map((q) => q.name))
        const sections = [
          [ours.answers, reference.answers],
          [ours.authorities, reference.authorities],
          [ours.additionals, reference.additionals]
        ] as const
        for (const [mine, theirs] of sections) {
          expect(mine.map((r) => [r.name, r.type, r.ttl, ourData(r)])).toEqual(
            theirs.map((r) => [r.name, r.type, r.ttl, referenceData(r)])
          )
        }
      }),
      { seed, numRuns: 2000 }
    )
    // The generator must reach what it is for: compression in most messages, pointer chains in many.
    expect(seen.compressed).toBeGreaterThan(1000)
    expect(seen.chained).toBeGreaterThan(100)
  })
})

describe('encodeQuery against dns-packet', () => {
  const types = fc.constantFrom('A', 'AAAA', 'TXT', 'CNAME', 'CAA', 'SOA', 'NS', 'MX', 'DS', 'DNSKEY', 'TYPE65280')
  it('writes the bytes dns-packet writes for the same query', () => {
    fc.assert(
      fc.property(
        fc.record({
          name: fc.oneof(name, name.map((n) => `${n}.`), fc.constant('.')),
          type: types,
          klass: fc.constantFrom('IN', 'CH'),
          id: u16,
          rd: fc.boolean(),
          cd: fc.boolean(),
          edns: fc.option(fc.record({ udpPayloadSize: fc.integer({ min: 512, max: 4096 }), dnssecOk: fc.boolean() }), { nil: null })
        }),
        ({ name: qname, type, klass, id, rd, cd, edns }) => {
          const ours = encodeQuery({ name: qname, type, class: klass }, { id, recursionDesired: rd, checkingDisabled: cd, edns })
          const flags = (rd ? dnsPacket.RECURSION_DESIRED : 0) | (cd ? dnsPacket.CHECKING_DISABLED : 0)
          const reference = dnsPacket.encode({
            type: 'query',
            id,
            flags,
            questions: [{ name: qname, type: type === 'TYPE65280' ? 'UNKNOWN_65280' : type, class: klass }],
            additionals: edns ? [{ type: 'OPT', name: '.', udpPayloadSize: edns.udpPayloadSize, flags: edns.dnssecOk ? 0x8000 : 0, options: [] }] : []
          })
          expect(ours.toString('hex')).toBe(reference.toString('hex'))
          // And what was written reads back as asked.
          expect((dnsPacket.decode(ours) as DecodedPacket).questions[0]!.name).toBe((dnsPacket.decode(reference) as DecodedPacket).questions[0]!.name)
        }
      ),
      { seed: seed + 1, numRuns: 3000 }
    )
  })
})
