/**
 * Input and output of one diagnosis run, shared by the engine (main process), the CLI's JSON, the
 * HTTP bridge and the renderer. Plain data only.
 */
import type { DnsRecord } from './dns-types'
import type { Finding, Verdict } from './findings'

export type VerificationRecordType = 'TXT' | 'CNAME'

/** One verification record of a certificate order, as the CA shows it for one domain. */
export interface VerificationRecordInput {
  /** The certificate domain this record proves: `example.com`, `www.example.com`, `*.example.com`. */
  domain: string
  /** Host record exactly as the CA shows it: relative (`_dnsauth`) or full (`_dnsauth.example.com.`). */
  host: string
  type: VerificationRecordType
  value: string
}

/**
 * What to check: the order's records (`records`), or the older single-record form, one host, type and value for
 * every domain of `domains`, which means one record per domain. Give one form or the other.
 */
export interface DiagnoseInput {
  /** Every record of the order; several may share a name (a wildcard and its apex each with their own token). */
  records?: VerificationRecordInput[]
  /** Single-record form: certificate domains, several for a multi-domain certificate. */
  domains?: string[]
  /** Single-record form: the host record for every domain. */
  host?: string
  /** Single-record form: the type for every domain. */
  type?: VerificationRecordType
  /** Single-record form: the value for every domain. */
  value?: string
  /** CA catalog id, for the CAA check. */
  ca?: string
  /** Provider catalog id of the platform the user believes hosts the DNS. */
  platform?: string
  /**
   * Resolvers to ask: `system`, preset ids (`google`), or `IP[:port]`. Undefined means the system's
   * resolvers plus the public presets; an empty list asks none (authoritative servers only).
   */
  resolvers?: string[]
  /** Root servers `IP[:port]` to start iterative resolution from (labs, offline tests). */
  roots?: string[]
  /** Port every authoritative server is asked on (labs whose servers do not listen on 53). */
  authPort?: number
  /** Per-try timeout in ms. */
  timeoutMs?: number
  /**
   * Time limit of the whole check in ms (default 30,000): servers still being waited for then are given up on, and
   * the report says what was seen and that the limit was reached (`check.deadline`).
   */
  deadlineMs?: number
}

/** Where one certificate domain's record goes. */
export interface RecordPlacement {
  /** The certificate domain as entered (`*.example.com`). */
  certificateDomain: string
  /** The domain the record belongs to after the guide's rule (`www.` and `*.` → parent). */
  baseDomain: string
  /** Full record name (`_dnsauth.example.com`). */
  name: string
  /** Zone apex holding the name, from the real delegation; null when the zone was not found. */
  zone: string | null
  /** What to type in a console's host field that wants the name relative to the zone (`_dnsauth`, `@`). */
  relativeHost: string | null
}

/**
 * What one authoritative server did. `timeout`: no answer; `refused`: the connection was refused (nothing listens
 * there); `lame`: it answered REFUSED or without authority; `servfail`: it answered SERVFAIL; `network`: the
 * network could not reach it; `malformed`: only malformed or mismatched replies came back (ignored).
 */
export type ServerStatus = 'ok' | 'timeout' | 'refused' | 'servfail' | 'lame' | 'network' | 'malformed' | 'nxdomain' | 'nodata'

/** What one authoritative server address said about the record name. */
export interface AuthoritativeObservation {
  /** Record name asked for. */
  name: string
  /** Record type asked for. */
  type: VerificationRecordType
  zone: string
  /** NS host name. */
  server: string
  address: string
  status: ServerStatus
  rcode: string | null
  authoritative: boolean
  /** Record values of the requested type at the name (TXT joined strings, or CNAME targets). */
  values: string[]
  /** TXT character-strings per record, to explain split values. */
  records: DnsRecord[]
  /** CNAME at the name, if any. */
  cname: string | null
  /** When CNAME is expected: TXT values found at the name instead (a record of the wrong type). */
  otherValues: string[]
  /**
   * True when the answer was synthesised from a wildcard (RFC 4592): a random sibling name got the same record set
   * from the same server, so nothing was created at the name itself. Only checked when the expected value is absent.
   */
  wildcard?: boolean
  ttl: number | null
  soaSerial: number | null
  /** SOA MINIMUM / negative TTL, capped by the SOA's own TTL (RFC 2308). */
  negativeTtl: number | null
  transport: 'udp' | 'tcp' | null
  elapsedMs: number
  /** Replies that arrived but were dropped (malformed, wrong id, question or source). */
  ignoredReplies: number
  error?: string
}

/**
 * What one resolver said. `refused`: the connection was refused (nothing listens); `rejected`: it answered REFUSED
 * (it will not resolve for us); `malformed`: only malformed or mismatched replies came back (ignored).
 */
export type ResolverStatus =
  | 'ok'
  | 'old_value'
  | 'nxdomain'
  | 'nodata'
  | 'servfail'
  | 'bogus'
  | 'timeout'
  | 'refused'
  | 'rejected'
  | 'network'
  | 'malformed'

/** The SOA a resolver sent with a negative answer: which zone it believes holds the name, and that zone's identity. */
export interface NegativeSoa {
  owner: string
  mname: string
  rname: string
  serial: number
}

/** What one resolver (system, public preset, custom) answers for the record name. */
export interface ResolverObservation {
  /** Record name asked for. */
  name: string
  /** Record type asked for. */
  type: VerificationRecordType
  id: string
  label: string
  address: string
  status: ResolverStatus
  rcode: string | null
  values: string[]
  /** Remaining TTL of the answer (or of the cached negative answer), seconds. */
  ttl: number | null
  /** When the answer was received, ms since epoch: the renderer counts TTLs down from here. */
  receivedAt: number
  elapsedMs: number
  extendedError: string | null
  /** For NXDOMAIN/NODATA: seconds the resolver will keep the negative answer (SOA TTL in its authority section). */
  negativeTtl: number | null
  /** For NXDOMAIN/NODATA: the SOA of the authority section, null when the resolver sent none. */
  negativeSoa: NegativeSoa | null
  /**
   * For a negative answer without an SOA: whether the resolver sees the zone apex at all (asked for its SOA);
   * null when not asked.
   */
  apexVisible: boolean | null
  /** Replies that arrived but were dropped (malformed, wrong id, question or source). */
  ignoredReplies: number
  /**
   * What the answer means against the authoritative servers (set once the whole check is read): it agrees, waits
   * for a cache to expire, cannot see the domain, or failed. Absent in reports saved before it existed.
   */
  reading?: ResolverReadingKind
  error?: string
}

export type ResolverReadingKind = 'agrees' | 'pending' | 'negative_cached' | 'different_view' | 'unreachable' | 'servfail' | 'bogus'

/** A record with the expected value found at a near-miss name instead of the right one. */
export interface NearMissObservation {
  expectedName: string
  foundName: string
  hint: 'zone_doubled' | 'www_apex' | 'wildcard' | 'missing_underscore' | 'other'
  type: string
  values: string[]
  server: string
}

export interface ZoneObservation {
  /** Record name whose zone this is. */
  name: string
  found: boolean
  apex: string | null
  reason: 'nxdomain' | 'no_delegation' | 'unreachable' | null
  message: string | null
  /** Child-side NS set. */
  nameservers: string[]
  /** Parent-side NS set. */
  parentNameservers: string[]
}

export interface CaaObservation {
  certificateDomain: string
  /** Name where the relevant CAA RRset was found (RFC 8659 tree climbing), null when none anywhere. */
  foundAt: string | null
  records: { flags: number; tag: string; value: string }[]
}

/**
 * DNSSEC records fetched (DO bit) from the parent and the zone's own servers when a validating resolver fails and
 * the same query with checking disabled answers: what is needed to name the cause.
 */
export interface DnssecObservation {
  /** Record name whose validation failed. */
  name: string
  zone: string
  /** DS records at the parent (the registrar's side). */
  ds: { keyTag: number; algorithm: number; digestType: number; digest: string }[]
  /** DNSKEY records at the zone, with their key tags and the DS digests they would have. */
  dnskeys: { keyTag: number; flags: number; algorithm: number; dsDigests: Record<number, string> }[]
  /** RRSIGs over the record (or the negative answer), the DNSKEY set and the SOA, as served. */
  signatures: { covers: string; keyTag: number; signer: string; inception: number; expiration: number }[]
  /** The server that answered (`host (address)`), or null when none did. */
  server: string | null
  /** Unix time (s) of the observation, to compare validity windows with. */
  at: number
}

/** The platform the user named, asked directly: does it host the zone, and what is at the record name there. */
export interface PlatformObservation {
  /** Provider catalog id. */
  platform: string
  /** The platform's own name servers that were asked. */
  nameservers: string[]
  /** Record name asked for. */
  name: string
  /** Record type asked for. */
  type: VerificationRecordType
  zone: string
  /** A server of the platform answered for the zone with authority (the zone is set up there). */
  zoneFound: boolean
  /** Values of the record type at the name on the platform's server. */
  values: string[]
  /** The server that answered (`host (address)`), null when none did. */
  server: string | null
}

/** One record of the order as checked: where it goes, what it should hold, and its own verdict. */
export interface RecordReport extends RecordPlacement {
  host: string
  type: VerificationRecordType
  value: string
  /** This record's verdict: the findings about it and those about the whole check. */
  verdict: Verdict
  /** Indexes (into `findings`) of the findings about this record. */
  findings: number[]
}

export interface DiagnosisReport {
  input: DiagnoseInput
  /** Every record of the order, in input order, each with its verdict; the overall verdict is the worst. */
  records: RecordReport[]
  /** Where each record goes (same order as `records`; kept for readers of older reports). */
  placements: RecordPlacement[]
  verdict: Verdict
  findings: Finding[]
  authoritative: AuthoritativeObservation[]
  resolvers: ResolverObservation[]
  caa: CaaObservation[]
  zones: ZoneObservation[]
  nearMisses: NearMissObservation[]
  dnssec: DnssecObservation[]
  /** The platform the user named, when the domain's name servers are elsewhere (empty otherwise). */
  atPlatform: PlatformObservation[]
  /** Platform hosting the DNS, from the NS names (provider catalog id), null when unknown. */
  provider: { id: string; name: string; nameservers: string[] } | null
  /** Seconds until caches should show the record everywhere (verdict `waiting`), else null. */
  etaSeconds: number | null
  startedAt: string
  elapsedMs: number
}
