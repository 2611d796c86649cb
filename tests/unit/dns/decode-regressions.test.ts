/**
 * Messages that once decoded wrongly, each kept with its bytes. Add one here for every bug the
 * fuzz suite or a golden test finds in the codec, named after what went wrong.
 */
import { describe, expect, it } from 'vitest'
import { decodeHeaderAndQuestion, decodeMessage } from '../../../src/main/dns/codec'
import { DnsDecodeError } from '../../../src/main/dns/errors'
import { hex } from '../../support/hex'

function expectDecodeError(buf: Buffer, message: RegExp): void {
  expect(() => decodeMessage(buf)).toThrow(DnsDecodeError)
  expect(() => decodeMessage(buf)).toThrow(message)
}

describe('decode regressions', () => {
  it('regression: CAA with RDLENGTH 1 took its value from byte 0 of the whole message', () => {
    // dns-packet read the missing tag length as undefined, so the value started at offset NaN,
    // which Buffer#toString reads as 0: the "value" was the header and question.
    expectDecodeError(
      hex`
        abcd 8180 0001 0001 0000 0000
        07 6578616d706c65 03 636f6d 00 0101 0001
        c00c 0101 0001 00000e10
        0001 00                   # RDLENGTH 1: flags only
      `,
      /CAA record data at byte 39 is 1 bytes, too short for flags and a tag length/
    )
  })

  it('regression: CAA whose tag length ran past the RDATA was cut silently', () => {
    expectDecodeError(
      hex`
        abcd 8180 0001 0001 0000 0000
        07 6578616d706c65 03 636f6d 00 0101 0001
        c00c 0101 0001 00000e10
        0003 00 0a 61             # tag length 10, one byte of tag
      `,
      /has a tag of 10 bytes; in 3 bytes it must be 1 to 1/
    )
  })

  it('regression: CAA with an empty tag was accepted', () => {
    expectDecodeError(
      hex`
        abcd 8180 0001 0001 0000 0000
        07 6578616d706c65 03 636f6d 00 0101 0001
        c00c 0101 0001 00000e10
        0003 00 00 61             # tag length 0
      `,
      /has a tag of 0 bytes/
    )
  })

  it('regression: NS with bytes after the name was accepted (dns-packet reports RDLENGTH as read)', () => {
    expectDecodeError(
      hex`
        abcd 8180 0001 0001 0000 0000
        07 6578616d706c65 03 636f6d 00 0002 0001
        c00c 0002 0001 00000e10
        0008 03 6e7331 c00c 0a0b  # ns1.example.com + 2 stray bytes
      `,
      /NS record data at byte 39 is 8 bytes but its contents take 6/
    )
  })

  it('regression: SRV with bytes after the target was accepted', () => {
    expectDecodeError(
      hex`
        abcd 8180 0001 0001 0000 0000
        07 6578616d706c65 03 636f6d 00 0021 0001
        c00c 0021 0001 00000e10
        000e 0001 0002 0035 03 6e7331 c00c 0a0b
      `,
      /SRV record data at byte 39 is 14 bytes but its contents take 12/
    )
  })

  it('regression: RRSIG and NSEC named unknown types UNKNOWN_n instead of TYPEn', () => {
    const response = decodeMessage(hex`
      abcd 8180 0001 0002 0000 0000
      07 6578616d706c65 03 636f6d 00 002e 0001
      c00c 002e 0001 00000e10
      0013 ff00 0d 02 00000e10 67748580 65920080 3039 00
      c00c 002f 0001 00000e10
      0004 00 ff 01 80          # next name root, window 255: TYPE65280
    `)
    const [rrsig, nsec] = response.answers
    expect(rrsig!.data).toMatchObject({ kind: 'rrsig', typeCovered: 'TYPE65280' })
    expect(rrsig!.text).toMatch(/^TYPE65280 13 2 3600 20250101000000 /)
    expect(nsec!.data).toEqual({ kind: 'nsec', nextDomain: '.', types: ['TYPE65280'] })
    expect(nsec!.text).toBe('. TYPE65280')
  })
})

describe('decodeHeaderAndQuestion (TC answers cut mid-record)', () => {
  const cut = hex`
    abcd 8380                     # QR TC RD RA
    0001 0001 0000 0000
    07 6578616d706c65 03 636f6d 00 0010 0001
    c00c 0010 0001 00000e10
    00c9 c8 7878                  # a 200-byte string, cut after 2 bytes
  `

  it('the full decoder rejects the cut message', () => {
    expect(() => decodeMessage(cut)).toThrow(DnsDecodeError)
  })

  it('keeps header and question and drops the records', () => {
    const response = decodeHeaderAndQuestion(cut)
    expect(response.flags.tc).toBe(true)
    expect(response.question).toEqual([{ name: 'example.com', type: 'TXT', class: 'IN' }])
    expect(response.answers).toEqual([])
  })

  it('still rejects a message cut inside the question', () => {
    expect(() => decodeHeaderAndQuestion(cut.subarray(0, 20))).toThrow(DnsDecodeError)
    expect(() => decodeHeaderAndQuestion(cut.subarray(0, 8))).toThrow(DnsDecodeError)
  })
})
