// dns-packet's registry tables are plain CommonJS files without type declarations.
declare module 'dns-packet/types.js' {
  const table: { toString(type: number): string; toType(name: string): number }
  export default table
}
declare module 'dns-packet/classes.js' {
  const table: { toString(klass: number): string; toClass(name: string): number }
  export default table
}
declare module 'dns-packet/opcodes.js' {
  const table: { toString(opcode: number): string; toOpcode(name: string): number }
  export default table
}

// The parts of dns-packet this project uses. @types/dns-packet lacks the per-type decoders and
// the name codec, so the declaration is kept here, narrow and honest about what is loosely typed.
declare module 'dns-packet' {
  interface Codec {
    decode: ((buf: Buffer, offset?: number) => unknown) & { bytes: number }
  }
  interface NameCodec {
    decode: ((buf: Buffer, offset?: number) => string) & { bytes: number }
    encode(name: string): Buffer
    encodingLength(name: string): number
  }
  interface EncodablePacket {
    type: 'query' | 'response'
    id: number
    flags: number
    questions: { name: string; type: string; class: string }[]
    answers?: unknown[]
    authorities?: unknown[]
    additionals?: unknown[]
  }
  const dnsPacket: {
    encode(packet: EncodablePacket): Buffer
    decode(buf: Buffer): unknown
    name: NameCodec
    record(type: string): Codec
    /** One resource record (owner, type, class, TTL, data), uncompressed. */
    answer: { encode(record: unknown): Buffer }
    RECURSION_DESIRED: number
    CHECKING_DISABLED: number
    AUTHORITATIVE_ANSWER: number
    TRUNCATED_RESPONSE: number
  }
  export default dnsPacket
}
