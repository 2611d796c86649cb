import dnsPacket from 'dns-packet'
import type { DnsQuestion, DnsRecord, DnsResponse, EdnsInfo, ExtendedDnsError, RecordData } from '../../shared/dns-types'
import { DnsDecodeError } from './errors'
import { formatRdata } from './rdata-text'
import { EDE_OPTION_CODE, extendedErrorName, rcodeName } from './tables'
import { decodeName, newNameContext, utf8Text, type DecodedName, type NameContext } from './wire-names'

// dns-packet ships no ESM named exports; its type tables are CommonJS modules beside it.
import typesTable from 'dns-packet/types.js'
import classesTable from 'dns-packet/classes.js'
import opcodesTable from 'dns-packet/opcodes.js'

export interface QueryOptions {
  id: number
  recursionDesired: boolean
  checkingDisabled: boolean
  /** Add an OPT record; null sends a plain RFC 1035 query. */
  edns: { udpPayloadSize: number; dnssecOk: boolean } | null
}

const HEADER_BYTES = 12
const DO_BIT = 0x8000

/** Numeric type code for a type name (`TXT`, `TYPE65`, `UNKNOWN_65`); undefined when unknown. */
export function typeCode(type: string): number | undefined {
  const known = typeCodes.get(type)
  if (known !== undefined) return known
  const code = lookUpTypeCode(type)
  if (code !== undefined && typeCodes.size < 256) typeCodes.set(type, code)
  return code
}

/** Type codes of the type names seen so far; a program asks for a handful. */
const typeCodes = new Map<string, number>()

function lookUpTypeCode(type: string): number | undefined {
  const upper = type.toUpperCase()
  const generic = /^TYPE(\d{1,5})$/.exec(upper)
  if (generic) {
    const n = Number(generic[1])
    return n <= 0xffff ? n : undefined
  }
  const code = typesTable.toType(upper)
  return code > 0 ? code : undefined
}

/** Canonical name of a type code: `TXT`, or `TYPE65` (RFC 3597) for codes dns-packet has no name for. */
export function typeName(code: number): string {
  if (code < 256) return (smallTypeNames[code] ??= rfc3597TypeName(code))
  return rfc3597TypeName(code)
}

const smallTypeNames: string[] = new Array<string>(256)

function rfc3597TypeName(code: number): string {
  const name = typesTable.toString(code)
  return name.startsWith('UNKNOWN_') ? `TYPE${code}` : name
}

export function encodeQuery(question: DnsQuestion, options: QueryOptions): Buffer {
  let flags = 0
  if (options.recursionDesired) flags |= dnsPacket.RECURSION_DESIRED
  if (options.checkingDisabled) flags |= dnsPacket.CHECKING_DISABLED
  const code = typeCode(question.type)
  if (code === undefined) throw new DnsDecodeError(`Unknown record type "${question.type}".`, 0)
  return writeQuery(question.name, code, question.class, options.id, flags, options.edns) ?? dnsPacket.encode({
    type: 'query',
    id: options.id,
    flags,
    // dns-packet spells types it has no name for as UNKNOWN_n, which it encodes back to n.
    questions: [{ name: question.name, type: typesTable.toString(code), class: question.class }],
    additionals: options.edns
      ? [
          {
            type: 'OPT',
            name: '.',
            udpPayloadSize: options.edns.udpPayloadSize,
            flags: options.edns.dnssecOk ? DO_BIT : 0,
            options: []
          }
        ]
      : []
  })
}

const CLASS_CODES: Record<string, number> = { IN: 1, CH: 3 }

/**
 * The bytes dns-packet's encode writes for a query, written directly: one question, and an OPT
 * record when EDNS is on. Returns null for what it leaves to dns-packet (a name with non-ASCII
 * characters, a class other than IN or CH), so both paths give the same message.
 */
function writeQuery(
  name: string,
  code: number,
  klass: string,
  id: number,
  flags: number,
  edns: QueryOptions['edns']
): Buffer | null {
  const classCode = CLASS_CODES[klass]
  if (classCode === undefined) return null
  // dns-packet drops one leading and one trailing dot, then writes each label after its length.
  const from = name.charCodeAt(0) === 0x2e ? 1 : 0
  let to = name.length
  if (to > from && name.charCodeAt(to - 1) === 0x2e) to--
  const nameBytes = to > from ? to - from + 2 : 1
  const buf = Buffer.alloc(HEADER_BYTES + nameBytes + 4 + (edns ? 11 : 0))
  buf.writeUInt16BE(id || 0, 0)
  buf.writeUInt16BE(flags & 0x7fff, 2)
  buf.writeUInt16BE(1, 4)
  buf.writeUInt16BE(edns ? 1 : 0, 10)
  let at = HEADER_BYTES
  if (to > from) {
    let lengthAt = at++
    for (let i = from; i < to; i++) {
      const c = name.charCodeAt(i)
      // dns-packet strips dots at line breaks too (its regex is multiline): leave those to it.
      if (c >= 0x80 || c === 0x0a || c === 0x0d) return null
      if (c === 0x2e) {
        buf[lengthAt] = at - lengthAt - 1
        lengthAt = at++
      } else {
        buf[at++] = c
      }
    }
    buf[lengthAt] = at - lengthAt - 1
  }
  buf[at++] = 0
  buf.writeUInt16BE(code, at)
  buf.writeUInt16BE(classCode, at + 2)
  at += 4
  if (edns) {
    // Owner '.', TYPE OPT, CLASS = payload size, TTL = extended rcode 0, version 0, flags; no options.
    buf.writeUInt16BE(41, at + 1)
    buf.writeUInt16BE(edns.udpPayloadSize || 4096, at + 3)
    buf.writeUInt16BE(edns.dnssecOk ? DO_BIT : 0, at + 7)
  }
  return buf
}

/** The 16-bit id at the start of a message, or undefined when there are not two bytes. */
export function peekId(buf: Buffer): number | undefined {
  return buf.length >= 2 ? buf.readUInt16BE(0) : undefined
}

/**
 * Decodes a response. Framing (header counts, name pointers, RDLENGTH) is checked here, record
 * bodies are read with dns-packet's per-type decoders; every failure becomes a DnsDecodeError that
 * says where. Nothing else may escape: the fuzz suite holds this function to that.
 */
export function decodeMessage(buf: Buffer): DnsResponse {
  if (!Buffer.isBuffer(buf)) throw new DnsDecodeError('Not a byte buffer.', 0)
  if (buf.length < HEADER_BYTES) throw new DnsDecodeError(`Message of ${buf.length} bytes is shorter than a DNS header.`, 0)
  const id = buf.readUInt16BE(0)
  const flagBits = buf.readUInt16BE(2)
  const counts = [buf.readUInt16BE(4), buf.readUInt16BE(6), buf.readUInt16BE(8), buf.readUInt16BE(10)] as const
  const reader: Reader = { offset: HEADER_BYTES, names: newNameContext() }
  const question: DnsQuestion[] = []
  for (let i = 0; i < counts[0]; i++) question.push(readQuestion(buf, reader))
  const sections: DnsRecord[][] = [[], [], []]
  let opt: OptRecord | null = null
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) {
      const rr = readRecord(buf, reader)
      if (rr.kind === 'opt') {
        if (s !== 2) throw new DnsDecodeError('OPT record outside the additional section.', rr.offset)
        if (opt) throw new DnsDecodeError('More than one OPT record.', rr.offset)
        opt = rr
      } else {
        sections[s]!.push(rr.record)
      }
    }
  }
  const rcodeValue = ((opt?.extendedRcode ?? 0) << 4) | (flagBits & 0xf)
  return {
    id,
    rcode: rcodeName(rcodeValue),
    rcodeValue,
    opcode: opcodesTable.toString((flagBits >> 11) & 0xf),
    flags: {
      aa: (flagBits & 0x0400) !== 0,
      tc: (flagBits & 0x0200) !== 0,
      rd: (flagBits & 0x0100) !== 0,
      ra: (flagBits & 0x0080) !== 0,
      ad: (flagBits & 0x0020) !== 0,
      cd: (flagBits & 0x0010) !== 0
    },
    question,
    answers: sections[0]!,
    authorities: sections[1]!,
    additionals: sections[2]!,
    edns: opt ? opt.info : null,
    extendedErrors: opt ? opt.extendedErrors : []
  }
}

/** True when the QR bit says this message is a response. */
export function isResponse(buf: Buffer): boolean {
  return buf.length >= 3 && (buf[2]! & 0x80) !== 0
}

/** True when the TC bit says the message was cut to fit. */
export function isTruncated(buf: Buffer): boolean {
  return buf.length >= 3 && (buf[2]! & 0x02) !== 0
}

/**
 * Header and question only, for a truncated (TC) message whose records were cut mid-way: the
 * record counts are taken as zero and whatever follows the question is not read.
 */
export function decodeHeaderAndQuestion(buf: Buffer): DnsResponse {
  if (!Buffer.isBuffer(buf)) throw new DnsDecodeError('Not a byte buffer.', 0)
  const copy = Buffer.from(buf)
  copy.fill(0, Math.min(6, copy.length), Math.min(HEADER_BYTES, copy.length))
  return decodeMessage(copy)
}

interface Reader {
  offset: number
  /** Names decoded so far in this message, and its pointer count (wire-names.ts). */
  names: NameContext
}

interface OptRecord {
  kind: 'opt'
  offset: number
  extendedRcode: number
  info: EdnsInfo
  extendedErrors: ExtendedDnsError[]
}

function readName(buf: Buffer, reader: Reader): string {
  const at = reader.offset
  try {
    const { name, bytes } = decodeName(buf, at, buf.length, reader.names)
    reader.offset += bytes
    return name
  } catch (e) {
    throw new DnsDecodeError(`Bad name at byte ${at}: ${(e as Error).message}.`, at)
  }
}

function need(buf: Buffer, reader: Reader, bytes: number, what: string): void {
  if (reader.offset + bytes > buf.length) {
    throw new DnsDecodeError(`Message ends inside ${what} at byte ${reader.offset} (needs ${bytes} more bytes).`, reader.offset)
  }
}

function readQuestion(buf: Buffer, reader: Reader): DnsQuestion {
  const name = readName(buf, reader)
  need(buf, reader, 4, 'a question')
  const at = reader.offset
  const type = typeName((buf[at]! << 8) | buf[at + 1]!)
  const klass = className((buf[at + 2]! << 8) | buf[at + 3]!)
  reader.offset += 4
  return { name, type, class: klass }
}

function className(code: number): string {
  if (code < 256) return (smallClassNames[code] ??= rfc3597ClassName(code))
  return rfc3597ClassName(code)
}

const smallClassNames: string[] = new Array<string>(256)

function rfc3597ClassName(code: number): string {
  const name = classesTable.toString(code)
  return name.startsWith('UNKNOWN_') ? `CLASS${code}` : name
}

function readRecord(buf: Buffer, reader: Reader): { kind: 'rr'; record: DnsRecord } | OptRecord {
  const start = reader.offset
  const name = readName(buf, reader)
  need(buf, reader, 10, 'a resource record header')
  const at = reader.offset
  const code = (buf[at]! << 8) | buf[at + 1]!
  const klass = (buf[at + 2]! << 8) | buf[at + 3]!
  const ttl = ((buf[at + 4]! << 24) | (buf[at + 5]! << 16) | (buf[at + 6]! << 8) | buf[at + 7]!) >>> 0
  const rdlength = (buf[at + 8]! << 8) | buf[at + 9]!
  const rdataAt = at + 8 // dns-packet's decoders start at RDLENGTH
  reader.offset += 10
  need(buf, reader, rdlength, 'record data')
  const type = typeName(code)
  reader.offset += rdlength
  if (code === 41) return readOpt(buf, start, name, klass, ttl, rdataAt, rdlength)
  const data = decodeRdata(buf, type, rdataAt, rdlength, reader.names)
  const record: DnsRecord = { name, type, class: className(klass), ttl, data, text: '' }
  record.text = formatRdata(record)
  return { kind: 'rr', record }
}

function readOpt(
  buf: Buffer,
  start: number,
  name: string,
  klass: number,
  ttl: number,
  rdataAt: number,
  rdlength: number
): OptRecord {
  if (name !== '.') throw new DnsDecodeError('OPT record with a non-root owner name.', start)
  const options: { code: number; hex: string }[] = []
  const extendedErrors: ExtendedDnsError[] = []
  let at = rdataAt + 2
  const end = at + rdlength
  while (at < end) {
    if (at + 4 > end) throw new DnsDecodeError('Truncated EDNS option header.', at)
    const code = buf.readUInt16BE(at)
    const len = buf.readUInt16BE(at + 2)
    if (at + 4 + len > end) throw new DnsDecodeError('EDNS option longer than the OPT record.', at)
    const body = buf.subarray(at + 4, at + 4 + len)
    options.push({ code, hex: body.toString('hex') })
    if (code === EDE_OPTION_CODE) {
      if (len < 2) throw new DnsDecodeError('Extended DNS Error option shorter than its INFO-CODE.', at)
      const info = body.readUInt16BE(0)
      extendedErrors.push({ code: info, name: extendedErrorName(info), text: body.subarray(2).toString('utf8') })
    }
    at += 4 + len
  }
  return {
    kind: 'opt',
    offset: start,
    extendedRcode: (ttl >>> 24) & 0xff,
    info: {
      udpPayloadSize: klass,
      version: (ttl >>> 16) & 0xff,
      dnssecOk: (ttl & DO_BIT) !== 0,
      options
    },
    extendedErrors
  }
}

/** Types whose bodies we read through dns-packet; the rest are kept as raw hex (RFC 3597 style). */
const DECODED_TYPES = new Set(['A', 'AAAA', 'CNAME', 'DNAME', 'NS', 'PTR', 'TXT', 'SOA', 'CAA', 'MX', 'SRV', 'DS', 'DNSKEY', 'RRSIG', 'NSEC'])

function decodeRdata(buf: Buffer, type: string, rdataAt: number, rdlength: number, names: NameContext): RecordData {
  if (!DECODED_TYPES.has(type)) return { kind: 'raw', hex: buf.subarray(rdataAt + 2, rdataAt + 2 + rdlength).toString('hex') }
  if ((type === 'A' && rdlength !== 4) || (type === 'AAAA' && rdlength !== 16)) {
    throw new DnsDecodeError(`${type} record data at byte ${rdataAt} is ${rdlength} bytes, not ${type === 'A' ? 4 : 16}.`, rdataAt)
  }
  const common = decodeCommonRdata(buf, type, rdataAt, rdlength, names)
  if (common !== null) return common
  checkNamesInRdata(buf, type, rdataAt, rdlength, names)
  // Give the decoder a view that ends where this record ends, so a lying body cannot read past it;
  // name compression pointers still reach back into the earlier part of the message.
  const view = buf.subarray(0, rdataAt + 2 + rdlength)
  if (type === 'CAA') checkCaaTag(buf, rdataAt, rdlength)
  const decoder = dnsPacket.record(type)
  let value: unknown
  let consumed: number
  try {
    value = decoder.decode(view, rdataAt)
    // dns-packet's NS and SRV decoders report RDLENGTH + 2 rather than what they read, which would
    // let bytes after the name pass unnoticed; measure the name itself instead.
    if (type === 'SRV') consumed = 8 + decodeName(view, rdataAt + 8, view.length, names).bytes
    else consumed = decoder.decode.bytes
  } catch (e) {
    throw new DnsDecodeError(`Malformed ${type} record data at byte ${rdataAt}: ${(e as Error).message}.`, rdataAt)
  }
  if (consumed !== rdlength + 2) {
    throw new DnsDecodeError(`${type} record data at byte ${rdataAt} is ${rdlength} bytes but its contents take ${consumed - 2}.`, rdataAt)
  }
  return toRecordData(type, value)
}

/**
 * The types most answers carry, read here rather than by dns-packet: the same data, and the same
 * DnsDecodeError where dns-packet's decoder would fail (its messages included). Null for the rest.
 */
function decodeCommonRdata(buf: Buffer, type: string, rdataAt: number, rdlength: number, names: NameContext): RecordData | null {
  const from = rdataAt + 2
  const end = from + rdlength
  switch (type) {
    case 'A':
      return { kind: 'address', address: `${buf[from]}.${buf[from + 1]}.${buf[from + 2]}.${buf[from + 3]}` }
    case 'TXT': {
      const strings: string[] = []
      let value = ''
      for (let at = from; at < end; ) {
        const length = buf[at]!
        if (at + 1 + length > end) {
          throw new DnsDecodeError(`Malformed TXT record data at byte ${rdataAt}: Buffer overflow.`, rdataAt)
        }
        const text = utf8Text(buf, at + 1, at + 1 + length)
        strings.push(text)
        value += text
        at += 1 + length
      }
      return { kind: 'txt', strings, value }
    }
    case 'CNAME':
    case 'DNAME':
    case 'NS':
    case 'PTR': {
      let decoded: DecodedName
      try {
        decoded = decodeName(buf, from, end, names)
      } catch (e) {
        throw new DnsDecodeError(`Malformed ${type} record data at byte ${rdataAt}: ${(e as Error).message}.`, rdataAt)
      }
      if (decoded.bytes !== rdlength) {
        throw new DnsDecodeError(`${type} record data at byte ${rdataAt} is ${rdlength} bytes but its contents take ${decoded.bytes}.`, rdataAt)
      }
      return { kind: 'name', target: decoded.name }
    }
    default:
      return null
  }
}

/** Where the names start in the record data of the types dns-packet reads (the first one; SOA has two). */
const FIRST_NAME_AT: Readonly<Record<string, number>> = { SOA: 0, MX: 2, SRV: 6, RRSIG: 18, NSEC: 0 }

/**
 * dns-packet follows every pointer of a name however long the chain, once per name; walking the names here
 * first, under the pointer bounds and with the message's remembered names, keeps the whole message linear.
 * A name that fails here fails with dns-packet's own words (the walk is the same), or for too many pointers.
 */
function checkNamesInRdata(buf: Buffer, type: string, rdataAt: number, rdlength: number, names: NameContext): void {
  const offset = FIRST_NAME_AT[type]
  if (offset === undefined) return
  const end = rdataAt + 2 + rdlength
  let at = rdataAt + 2 + offset
  try {
    if (at >= end) return // too short: dns-packet's decoder says so in its own words
    at += decodeName(buf, at, end, names).bytes
    if (type === 'SOA' && at < end) decodeName(buf, at, end, names)
  } catch (e) {
    throw new DnsDecodeError(`Malformed ${type} record data at byte ${rdataAt}: ${(e as Error).message}.`, rdataAt)
  }
}

/**
 * RFC 8659: flags, a tag of 1..255 bytes, then the value. dns-packet reads a missing tag length as
 * NaN and then takes the value from byte 0 of the message, so the framing is checked first.
 */
function checkCaaTag(buf: Buffer, rdataAt: number, rdlength: number): void {
  if (rdlength < 2) {
    throw new DnsDecodeError(`CAA record data at byte ${rdataAt} is ${rdlength} bytes, too short for flags and a tag length.`, rdataAt)
  }
  const tagLength = buf[rdataAt + 3]!
  if (tagLength === 0 || 2 + tagLength > rdlength) {
    throw new DnsDecodeError(
      `CAA record data at byte ${rdataAt} has a tag of ${tagLength} bytes; in ${rdlength} bytes it must be 1 to ${rdlength - 2}.`,
      rdataAt
    )
  }
}

/** dns-packet names types it does not know UNKNOWN_n; dig and RFC 3597 say TYPEn. */
function rfc3597Name(name: string): string {
  return name.startsWith('UNKNOWN_') ? `TYPE${name.slice('UNKNOWN_'.length)}` : name
}

/** Our record data of one kind, without its `kind`: what dns-packet decodes under the same field names. */
type SameFields<K extends RecordData['kind']> = Omit<Extract<RecordData, { kind: K }>, 'kind'>

/** The fields dns-packet's record decoders give for the types converted below (the package is untyped). */
type DecodedRdata = SameFields<'soa'> &
  SameFields<'mx'> &
  SameFields<'srv'> &
  Pick<SameFields<'caa'>, 'flags' | 'tag' | 'value'> &
  Pick<SameFields<'ds'>, 'keyTag' | 'algorithm' | 'digestType'> &
  Pick<SameFields<'rrsig'>, 'typeCovered' | 'labels' | 'expiration' | 'inception'> &
  Pick<SameFields<'nsec'>, 'nextDomain'> & {
    issuerCritical: boolean
    digest: Uint8Array
    key: Uint8Array
    originalTTL: number
    signersName: string
    signature: Uint8Array
    rrtypes: string[]
  }

function toRecordData(type: string, decoded: unknown): RecordData {
  const v = decoded as DecodedRdata
  switch (type) {
    case 'A':
    case 'AAAA':
      return { kind: 'address', address: String(v) }
    case 'CNAME':
    case 'DNAME':
    case 'NS':
    case 'PTR':
      return { kind: 'name', target: String(v) }
    case 'TXT': {
      const strings = (decoded as Buffer[]).map((b) => b.toString('utf8'))
      return { kind: 'txt', strings, value: strings.join('') }
    }
    case 'SOA':
      return {
        kind: 'soa',
        mname: v.mname,
        rname: v.rname,
        serial: v.serial >>> 0,
        refresh: v.refresh >>> 0,
        retry: v.retry >>> 0,
        expire: v.expire >>> 0,
        minimum: v.minimum >>> 0
      }
    case 'CAA':
      return { kind: 'caa', flags: v.flags, critical: Boolean(v.issuerCritical), tag: String(v.tag), value: String(v.value) }
    case 'MX':
      return { kind: 'mx', preference: v.preference, exchange: v.exchange }
    case 'SRV':
      return { kind: 'srv', priority: v.priority, weight: v.weight, port: v.port, target: v.target }
    case 'DS':
      return { kind: 'ds', keyTag: v.keyTag, algorithm: v.algorithm, digestType: v.digestType, digest: Buffer.from(v.digest).toString('hex') }
    case 'DNSKEY':
      return { kind: 'dnskey', flags: v.flags, protocol: 3, algorithm: v.algorithm, key: Buffer.from(v.key).toString('base64') }
    case 'RRSIG':
      return {
        kind: 'rrsig',
        typeCovered: rfc3597Name(String(v.typeCovered)),
        algorithm: v.algorithm,
        labels: v.labels,
        originalTtl: v.originalTTL >>> 0,
        expiration: v.expiration >>> 0,
        inception: v.inception >>> 0,
        keyTag: v.keyTag,
        signerName: v.signersName,
        signature: Buffer.from(v.signature).toString('base64')
      }
    case 'NSEC':
      return { kind: 'nsec', nextDomain: v.nextDomain, types: [...v.rrtypes].map((t) => rfc3597Name(String(t))) }
    default:
      throw new DnsDecodeError(`No converter for ${type}.`, 0)
  }
}
