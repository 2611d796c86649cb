// Name decoding stays linear in the message (issue 10, item 4): a pointer that lands where a name was decoded
// before costs one step; pointers are bounded per name and per message. Work is counted in pointers followed,
// never timed.

import { describe, expect, it } from 'vitest'
import dnsPacket from 'dns-packet'
import { decodeMessage } from '../../../src/main/dns/codec'
import { DnsDecodeError } from '../../../src/main/dns/errors'
import { decodeName, MAX_POINTERS_PER_MESSAGE, MAX_POINTERS_PER_NAME, newNameContext } from '../../../src/main/dns/wire-names'
import { chainedPointerAnswer } from '../../support/hostile-servers'

/** A message of `count` two-byte pointers after a question, each pointing at the one before (the first at the question). */
function pointerRun(count: number): { buf: Buffer; lastAt: number } {
  const head = dnsPacket.encode({ type: 'response', id: 1, flags: 0x8000, questions: [{ name: 'example.test', type: 'A', class: 'IN' }] })
  const buf = Buffer.concat([head, Buffer.alloc(count * 2)])
  let previous = 12
  for (let i = 0; i < count; i++) {
    const at = head.length + i * 2
    buf.writeUInt16BE(0xc000 | previous, at)
    previous = at
  }
  return { buf, lastAt: previous }
}

describe('decodeName', () => {
  it('returns the name and the bytes it takes where it starts, as dns-packet does', () => {
    const { buf, lastAt } = pointerRun(3)
    expect(decodeName(buf, 12, buf.length)).toEqual({ name: 'example.test', bytes: 14 })
    expect(decodeName(buf, lastAt, buf.length)).toEqual({ name: 'example.test', bytes: 2 })
    dnsPacket.name.decode(buf, lastAt)
    expect(dnsPacket.name.decode.bytes).toBe(2)
  })

  it(`follows up to ${MAX_POINTERS_PER_NAME} pointers in one name and refuses more`, () => {
    const ok = pointerRun(MAX_POINTERS_PER_NAME)
    expect(decodeName(ok.buf, ok.lastAt, ok.buf.length).name).toBe('example.test')
    const tooMany = pointerRun(MAX_POINTERS_PER_NAME + 1)
    expect(() => decodeName(tooMany.buf, tooMany.lastAt, tooMany.buf.length)).toThrow('too many compression pointers')
  })

  it('remembers where pointers landed: a long chain is walked once, then each name costs one pointer', () => {
    const { buf } = pointerRun(200)
    const ctx = newNameContext()
    for (let at = 12 + 14 + 4; at < buf.length; at += 2) expect(decodeName(buf, at, buf.length, ctx).name).toBe('example.test')
    // 200 names; without the memory it would be 1 + 2 + … + 200 = 20,100 pointers.
    expect(ctx.pointers).toBe(200)
    const fresh = newNameContext()
    expect(decodeName(buf, buf.length - 2, buf.length, fresh).name).toBe('example.test')
    expect(fresh.pointers).toBe(200)
    // Where that walk's pointers landed is remembered: starting there costs no pointer at all.
    expect(decodeName(buf, buf.length - 4, buf.length, fresh).name).toBe('example.test')
    expect(fresh.pointers).toBe(200)
  })

  it('does not reuse a remembered name that read past the limit of the current one', () => {
    const { buf } = pointerRun(2)
    const ctx = newNameContext()
    expect(decodeName(buf, 12, buf.length, ctx).name).toBe('example.test')
    expect(() => decodeName(buf, 12, 20, ctx)).toThrow('buffer overflow')
  })

  it(`refuses a message once its names have followed ${MAX_POINTERS_PER_MESSAGE} pointers in all`, () => {
    const { buf, lastAt } = pointerRun(2)
    const ctx = newNameContext()
    ctx.pointers = MAX_POINTERS_PER_MESSAGE - 1
    expect(() => decodeName(buf, lastAt, buf.length, ctx)).toThrow('too many compression pointers in the message')
  })
})

describe('decodeMessage on 65 KB of chained owners', () => {
  const buf = chainedPointerAnswer({ id: 7, name: '_dnsauth.big.test', type: 'TXT', rd: false })

  it('reads every record as dns-packet does', () => {
    const ours = decodeMessage(buf)
    const reference = dnsPacket.decode(buf) as { answers: { data: string }[] }
    expect(buf.length).toBeGreaterThan(60_000)
    expect(ours.answers).toHaveLength(reference.answers.length)
    expect(ours.answers.every((r) => r.name === '_dnsauth.big.test' && r.type === 'A')).toBe(true)
    expect(ours.answers.map((r) => r.text)).toEqual(reference.answers.map((r) => r.data))
  })

  it('refuses a name whose pointer chain is longer than any real name needs, with the offset', () => {
    // Answer 1 (type 65280, kept raw) carries the pointer run as its data; answer 2's owner is the end of the run.
    const head = dnsPacket.encode({ type: 'response', id: 1, flags: 0x8000, questions: [{ name: 'example.test', type: 'A', class: 'IN' }] })
    const count = MAX_POINTERS_PER_NAME + 1
    const rr1 = Buffer.from([0, 0xff, 0x00, 0, 1, 0, 0, 0, 60, (count * 2) >> 8, (count * 2) & 0xff])
    const run = Buffer.alloc(count * 2)
    const runAt = head.length + rr1.length
    for (let i = 0; i < count; i++) run.writeUInt16BE(0xc000 | (i === 0 ? 12 : runAt + (i - 1) * 2), i * 2)
    const lastAt = runAt + (count - 1) * 2
    const rr2 = Buffer.from([0xc0 | (lastAt >> 8), lastAt & 0xff, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1])
    const message = Buffer.concat([head, rr1, run, rr2])
    message.writeUInt16BE(2, 6)
    expect((dnsPacket.decode(message) as { answers: { name: string }[] }).answers[1]!.name).toBe('example.test') // dns-packet follows any chain
    expect(() => decodeMessage(message)).toThrow(DnsDecodeError)
    expect(() => decodeMessage(message)).toThrow('too many compression pointers')
  })
})
