/**
 * Where a walk down the DNS tree stands and ends, apart from the walker (iterative-walk.ts) so that the delegation
 * cache can name them without importing the walker that uses it.
 */
import type { DnsResponse } from '../../shared/dns-types'
import type { Referral, ResponseMeaning } from './delegation'
import type { ServerRef, TraceStep } from './iterative-types'
import type { NamedServer } from './root-hints'

/** The servers of one zone, as far as they are known (addresses may still have to be looked up). */
export interface ZoneServers {
  zone: string
  servers: NamedServer[]
  /** The referral that led here; null for the root hints. */
  referral: Referral | null
}

export type FinalMeaning = Exclude<ResponseMeaning, { kind: 'lame' } | { kind: 'referral' }>

export interface ZoneReply {
  server: ServerRef
  response: DnsResponse
  meaning: Exclude<ResponseMeaning, { kind: 'lame' }>
  /** The trace step of this reply. */
  step: TraceStep
}

/** Where a walk down the tree ended: an answer of some kind from the servers of `at`. */
export interface WalkEnd extends ZoneReply {
  at: ZoneServers
  meaning: FinalMeaning
}

