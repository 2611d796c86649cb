import type { DnsRecord, DnsResponse, ExchangeFailureCode, ServerAddress, TransportName } from '../../shared/dns-types'
import type { Referral } from './delegation'
import type { Exchanger } from './exchange'
import type { QueryCache } from './query-cache'
import type { FamilyChoice, NamedServer } from './root-hints'

export type { Referral } from './delegation'
export type { FamilyChoice, NamedServer } from './root-hints'

export interface IterativeResolverOptions {
  /**
   * Where resolution starts. Default: the 13 IANA root servers. A plain address keeps its own port;
   * give `{ name, addresses }` to have traces print the server's name.
   */
  rootServers?: (ServerAddress | string | NamedServer)[]
  /**
   * Port for every query to an authoritative server found on the way (glue or looked up), for labs
   * whose servers listen on a non-standard port. Root servers given explicitly keep their own port.
   */
  authPort?: number
  /** Time to wait for one try at one server, in ms. Default 2000. */
  timeoutMs?: number
  /** Extra tries per server after a timeout. Default 1. */
  retries?: number
  /** Referrals followed for one name before giving up. Default 16. */
  maxReferrals?: number
  /** CNAMEs followed for one question. Default 8. */
  maxCnames?: number
  /** Queries one call may send (a guard against pathological delegations). Default 200. */
  maxQueries?: number
  /**
   * Time limit of one call (resolve, findZoneApex, getDelegation), in ms, however many servers are left to try.
   * Default 30,000 (deadline.ts). A call stopped by it fails with code 'deadline'.
   */
  deadlineMs?: number
  /** Address families used to reach servers. Default 'ipv4'. */
  family?: FamilyChoice
  /** Share a cache between resolvers; default: a new one per resolver. */
  cache?: QueryCache
  /** Sends each query; default tryExchange. A wrapper sees every query the resolver sends. */
  exchange?: Exchanger
}

export interface CallOptions {
  signal?: AbortSignal
  /**
   * resolve() only. False: a CNAME at the name (or at the end of an in-zone chain) ends resolution
   * as an answer holding the CNAME records, instead of its target being looked up. Default true.
   */
  followCnames?: boolean
}

export interface ServerRef {
  name: string
  address: ServerAddress
}

/** What one answer meant; 'lame' and 'failed' steps are followed by a try at the next server. */
export type StepKind = 'referral' | 'answer' | 'cname' | 'nxdomain' | 'nodata' | 'lame' | 'failed'

/** One question to one server on the way down. */
export interface TraceStep {
  /** The zone the server was asked as an authority of ('.' for the root). */
  zone: string
  question: { name: string; type: string }
  server: ServerRef
  kind: StepKind
  /** Null when no answer came. */
  rcode: string | null
  authoritative: boolean
  /** For kind 'referral'. */
  referral: Referral | null
  answers: DnsRecord[]
  authorities: DnsRecord[]
  responseBytes: number
  elapsedMs: number
  transport: TransportName | null
  /** True when this answer was shared with an earlier or concurrent question instead of being asked again. */
  fromCache: boolean
  /** For 'lame': why the answer was not used; for 'failed': why none came. */
  problem: string | null
  /** For 'failed': the exchange failure code. */
  failureCode: ExchangeFailureCode | null
}

/** The resolver looked up the address of a name server that came without (usable) glue. */
export interface NameserverLookup {
  name: string
  /** The zone the server was needed for. */
  forZone: string
  addresses: ServerAddress[]
  problem: string | null
  /** The address could not be found because finding it needs this very server (missing glue). */
  loop: boolean
  steps: TraceStep[]
}

export type ResolveFailureCode =
  /** No server of `zone` gave a usable answer (timeouts, refusals, lame answers, no address). */
  | 'unreachable'
  /** Every server of `zone` is glueless and finding its address needs the zone itself (missing glue). */
  | 'glueless_loop'
  | 'referral_limit'
  | 'cname_loop'
  | 'cname_limit'
  /** A CNAME points to a name that cannot exist (an empty label, say): the zone's data is broken. */
  | 'bad_name'
  | 'query_limit'
  /** The call's time limit ran out (IterativeResolverOptions.deadlineMs). */
  | 'deadline'
  | 'aborted'

export interface ResolveFailure {
  code: ResolveFailureCode
  /** The zone being worked on when resolution stopped. */
  zone: string
  /** For people: what happened, naming the servers. */
  message: string
  /** One line per server that was tried and not usable. */
  problems: string[]
}

interface ResolveBase {
  question: { name: string; type: string }
  /** Every question asked for the main path, in order, including lame and failed tries. */
  steps: TraceStep[]
  nameserverLookups: NameserverLookup[]
  elapsedMs: number
}

export interface ResolveSuccess extends ResolveBase {
  status: 'answer' | 'nxdomain' | 'nodata'
  /** The name the final answer is about, after CNAMEs. */
  canonicalName: string
  /** The CNAME records followed, then the record set of the canonical name (empty for nxdomain/nodata). */
  answers: DnsRecord[]
  /** SOA of a negative answer (its MINIMUM and TTL bound negative caching). */
  soa: DnsRecord | null
  /** The zone whose server gave the final answer, and that server. */
  zone: string
  server: ServerRef
  response: DnsResponse
}

export interface ResolveFailed extends ResolveBase {
  status: 'failed'
  failure: ResolveFailure
}

export type ResolveResult = ResolveSuccess | ResolveFailed

/** A name server of a zone with every address found for it. */
export interface ZoneServer {
  name: string
  /** Addresses of the resolver's families: glue from the parent and those looked up, without duplicates. */
  addresses: ServerAddress[]
  /** The part of `addresses` that came as glue from the parent. */
  glue: ServerAddress[]
  /** Listed in the parent's delegation. */
  inParent: boolean
  /** Listed in the zone's own NS record set. */
  inChild: boolean
  /** Why no address (or not all) could be found. */
  problem: string | null
}

interface ZoneResultBase {
  /** The name asked about. */
  name: string
  steps: TraceStep[]
  nameserverLookups: NameserverLookup[]
  elapsedMs: number
}

export interface ZoneFound extends ZoneResultBase {
  found: true
  apex: string
  /** False when the zone exists but answered NXDOMAIN for `name` (e.g. a host record not created yet). */
  nameExists: boolean
  /** The zone that delegates `apex`; null for the root, or when the delegation was not seen. */
  parentZone: string | null
  /** The NS record set the zone's own servers give (authoritative); empty if none answered. */
  nameservers: string[]
  nsRecords: DnsRecord[]
  /** The name servers the parent delegates to, with the glue it sent (resolver's families only). */
  parentNameservers: { name: string; glue: ServerAddress[] }[]
  /** The referral as received from the parent; null for the root or when not seen. */
  delegation: Referral | null
  /** Union of parent- and child-side names. */
  servers: ZoneServer[]
  /** Things that went wrong while collecting the above, for people. */
  problems: string[]
}

export type ZoneNotFoundReason = 'nxdomain' | 'no_delegation' | 'unreachable'

export interface ZoneNotFound extends ZoneResultBase {
  found: false
  /**
   * nxdomain: the name does not exist, and nothing below a top-level domain encloses it (not registered);
   * no_delegation: the name exists but is not delegated to servers of its own;
   * unreachable: the servers of zone `at` could not be used (`failure` says how; code 'aborted' when cancelled).
   */
  reason: ZoneNotFoundReason
  /** The zone whose servers said so (or could not be reached). */
  at: string
  message: string
  failure: ResolveFailure | null
}

export type ZoneResult = ZoneFound | ZoneNotFound

export interface IterativeResolver {
  /** Resolves like a recursive resolver would, from the root, and returns the path taken. */
  resolve(name: string, type?: string, options?: CallOptions): Promise<ResolveResult>
  /** The zone that holds `name`: its apex, name servers on both sides of the delegation, and their addresses. */
  findZoneApex(name: string, options?: CallOptions): Promise<ZoneResult>
  /** The delegation of `zone`, which must be a zone apex. */
  getDelegation(zone: string, options?: CallOptions): Promise<ZoneResult>
  /**
   * The SOA record of `zone` as `server` serves it (null if it gives none): the one it already sent
   * with an answer in this run, or else asked for.
   */
  zoneSoa(zone: string, server: ServerAddress, options?: CallOptions): Promise<DnsRecord | null>
  readonly cache: QueryCache
}
