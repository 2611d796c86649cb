/**
 * Shapes of DNS results shared by the main process (which produces them) and the renderer
 * (which shows them as evidence). Plain data only: everything here survives JSON and IPC.
 */

export type TransportName = 'udp' | 'tcp'

export interface ServerAddress {
  /** IP literal, without brackets. */
  host: string
  port: number
  family: 4 | 6
}

export interface DnsQuestion {
  name: string
  type: string
  class: string
}

/** Every `kind` of RecordData. */
export const RECORD_DATA_KINDS = ['address', 'name', 'txt', 'soa', 'caa', 'mx', 'srv', 'ds', 'dnskey', 'rrsig', 'nsec', 'raw'] as const satisfies readonly RecordData['kind'][]

export type RecordData =
  | { kind: 'address'; address: string }
  | { kind: 'name'; target: string }
  | { kind: 'txt'; strings: string[]; value: string }
  | {
      kind: 'soa'
      mname: string
      rname: string
      serial: number
      refresh: number
      retry: number
      expire: number
      minimum: number
    }
  | { kind: 'caa'; flags: number; critical: boolean; tag: string; value: string }
  | { kind: 'mx'; preference: number; exchange: string }
  | { kind: 'srv'; priority: number; weight: number; port: number; target: string }
  | { kind: 'ds'; keyTag: number; algorithm: number; digestType: number; digest: string }
  | { kind: 'dnskey'; flags: number; protocol: number; algorithm: number; key: string }
  | {
      kind: 'rrsig'
      typeCovered: string
      algorithm: number
      labels: number
      originalTtl: number
      expiration: number
      inception: number
      keyTag: number
      signerName: string
      signature: string
    }
  | { kind: 'nsec'; nextDomain: string; types: string[] }
  | { kind: 'raw'; hex: string }

export interface DnsRecord {
  /** Owner name, lower-case not enforced (as received), without trailing dot; root is '.'. */
  name: string
  type: string
  class: string
  ttl: number
  data: RecordData
  /** Presentation form of the RDATA, as dig prints it. */
  text: string
}

export interface ExtendedDnsError {
  /** RFC 8914 INFO-CODE. */
  code: number
  /** Registry name of the code, e.g. "DNSSEC Bogus". */
  name: string
  /** EXTRA-TEXT sent by the server, if any. */
  text: string
}

export interface EdnsInfo {
  udpPayloadSize: number
  version: number
  dnssecOk: boolean
  options: { code: number; hex: string }[]
}

export interface DnsFlags {
  aa: boolean
  tc: boolean
  rd: boolean
  ra: boolean
  ad: boolean
  cd: boolean
}

export interface DnsResponse {
  id: number
  /** Rcode name including the EDNS extended bits (e.g. NOERROR, NXDOMAIN, BADVERS). */
  rcode: string
  rcodeValue: number
  opcode: string
  flags: DnsFlags
  question: DnsQuestion[]
  answers: DnsRecord[]
  authorities: DnsRecord[]
  additionals: DnsRecord[]
  edns: EdnsInfo | null
  extendedErrors: ExtendedDnsError[]
}

export interface ExchangeResult {
  server: ServerAddress
  query: DnsQuestion
  transport: TransportName
  response: DnsResponse
  elapsedMs: number
  queryBytes: number
  responseBytes: number
  /** Number of datagrams that arrived but were not accepted (wrong id, question, source or malformed). */
  ignoredReplies: number
  /** True when the server rejected EDNS and the answer came from a retry without it. */
  ednsFallback: boolean
  /** True when the first UDP answer was truncated and this result came from TCP. */
  truncatedOverUdp: boolean
  /** Wall-clock time the answer was received (ms since epoch), for TTL countdowns. */
  receivedAt: number
}

/** Failure reasons of one exchange, stable strings used in evidence and messages. */
export type ExchangeFailureCode = 'timeout' | 'network' | 'refused_connection' | 'malformed' | 'aborted'

export interface ExchangeFailure {
  code: ExchangeFailureCode
  message: string
  server: ServerAddress
  query: DnsQuestion
  elapsedMs: number
  ignoredReplies: number
}

export type ExchangeOutcome =
  | ({ ok: true } & ExchangeResult)
  | ({ ok: false } & ExchangeFailure)
