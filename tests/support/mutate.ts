/**
 * Structure-aware mutations of DNS messages for fuzzing: the usual byte-level ones plus edits of the
 * fields a decoder trusts (section counts, name pointers, RDLENGTH).
 */
import fc from 'fast-check'
import dnsPacket from 'dns-packet'

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'count'; which: number; value: number }
  | { kind: 'pointer'; which: number; target: number }
  | { kind: 'newPointer'; at: number; target: number }
  | { kind: 'rdlength'; which: number; delta: number }

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.oneof(fc.nat(255), fc.constantFrom(0, 0xc0, 0xff, 0x3f, 0x40)) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('count' as const),
    which: fc.nat(3),
    value: fc.oneof(fc.nat(4), fc.constant(0xffff), fc.nat(0xffff))
  }),
  fc.record({ kind: fc.constant('pointer' as const), which: fc.nat(), target: fc.nat(0x3fff) }),
  fc.record({ kind: fc.constant('newPointer' as const), at: fc.nat(), target: fc.nat(0x3fff) }),
  fc.record({
    kind: fc.constant('rdlength' as const),
    which: fc.nat(),
    delta: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -0xffff, max: 0xffff }))
  })
)

/** Applies mutations in order to a copy of `original`. */
export function mutate(original: Buffer, mutations: Mutation[]): Buffer {
  let buf: Buffer = Buffer.from(original)
  for (const m of mutations) buf = applyOne(buf, m)
  return buf
}

function applyOne(buf: Buffer, m: Mutation): Buffer {
  const len = buf.length
  switch (m.kind) {
    case 'flip':
      if (len > 0) buf[m.at % len]! ^= 1 << m.bit
      return buf
    case 'set':
      if (len > 0) buf[m.at % len] = m.value
      return buf
    case 'insert': {
      const at = m.at % (len + 1)
      return Buffer.concat([buf.subarray(0, at), Buffer.from(m.bytes), buf.subarray(at)])
    }
    case 'delete': {
      if (len === 0) return buf
      const at = m.at % len
      return Buffer.concat([buf.subarray(0, at), buf.subarray(at + m.count)])
    }
    case 'truncate':
      return buf.subarray(0, m.at % (len + 1))
    case 'count':
      if (len >= 12) buf.writeUInt16BE(m.value, 4 + 2 * m.which)
      return buf
    case 'pointer': {
      // Bytes that look like the first byte of a pointer; not all of them are, which is fine.
      const spots: number[] = []
      for (let i = 12; i + 1 < len; i++) if ((buf[i]! & 0xc0) === 0xc0) spots.push(i)
      if (spots.length === 0) return buf
      const at = spots[m.which % spots.length]!
      buf.writeUInt16BE(0xc000 | m.target % (len + 4), at)
      return buf
    }
    case 'newPointer': {
      if (len < 2) return buf
      const at = m.at % (len - 1)
      buf.writeUInt16BE(0xc000 | m.target % (len + 4), at)
      return buf
    }
    case 'rdlength': {
      const spots = rdlengthOffsets(buf)
      if (spots.length === 0) return buf
      const at = spots[m.which % spots.length]!
      buf.writeUInt16BE((buf.readUInt16BE(at) + m.delta + 0x10000) & 0xffff, at)
      return buf
    }
  }
}

/** Offsets of the RDLENGTH fields of a message, as far as it can be walked. */
export function rdlengthOffsets(buf: Buffer): number[] {
  const found: number[] = []
  try {
    if (buf.length < 12) return found
    let at = 12
    for (let i = 0; i < buf.readUInt16BE(4); i++) {
      dnsPacket.name.decode(buf, at)
      at += dnsPacket.name.decode.bytes + 4
    }
    const records = buf.readUInt16BE(6) + buf.readUInt16BE(8) + buf.readUInt16BE(10)
    for (let i = 0; i < records; i++) {
      dnsPacket.name.decode(buf, at)
      at += dnsPacket.name.decode.bytes
      if (at + 10 > buf.length) break
      found.push(at + 8)
      at += 10 + buf.readUInt16BE(at + 8)
    }
  } catch {
    // A message already broken by an earlier mutation: use what was found.
  }
  return found
}
