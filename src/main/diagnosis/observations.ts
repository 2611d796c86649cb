/**
 * What the rules read (Observations), what gathering them needs (ObserveDeps), how long each try may take and
 * how a record's value reads:
 * apart from observe.ts, so that the rules and the DNSSEC observer can name them without importing the gatherer.
 */
import type {
  AuthoritativeObservation,
  CaaObservation,
  DiagnosisReport,
  DnssecObservation,
  NearMissObservation,
  PlatformObservation,
  RecordPlacement,
  ResolverObservation,
  ZoneObservation
} from '../../shared/diagnosis-types'
import type { DnsRecord, ExchangeOutcome, ServerAddress } from '../../shared/dns-types'
import { stripDot } from '../../shared/names'
import type { ProviderMatch } from '../../shared/catalog-types'
import type { ExchangeOptions, QuestionInput } from '../dns/exchange'
import type { IterativeResolver } from '../dns/iterative-types'
import type { ResolverTarget } from '../dns/resolvers'
import type { NormalizedInput } from './input'

export interface Observations {
  input: NormalizedInput
  placements: RecordPlacement[]
  zones: ZoneObservation[]
  authoritative: AuthoritativeObservation[]
  nearMisses: NearMissObservation[]
  resolvers: ResolverObservation[]
  caa: CaaObservation[]
  /** DNSSEC records behind each validation failure (empty when no resolver failed validation). */
  dnssec: DnssecObservation[]
  /** The platform the user named, asked directly when the name servers point elsewhere. */
  atPlatform: PlatformObservation[]
  provider: ProviderMatch | null
  /** ms since epoch when gathering started. */
  startedAt: number
  /** The previous check of the same records (the watch loop's last report), to tell a wait that ran out. */
  previous: DiagnosisReport | null
  /** The check's time limit in ms when it was reached before everything was seen (set by runDiagnosis). */
  deadlineReachedMs?: number | null
}

export interface ObserveDeps {
  iterative: IterativeResolver
  resolverTargets: ResolverTarget[]
  query: (question: QuestionInput, server: ServerAddress, options: ExchangeOptions) => Promise<ExchangeOutcome>
  /** Progress callback: `done` of `total` lookups finished. */
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
  /** The previous report of the same check, if any (see `Observations.previous`). */
  previous?: DiagnosisReport | null
  /** A platform's own name servers (provider catalog by default; a lab names its own). */
  platformNameservers?: (platformId: string) => readonly string[]
}

/**
 * How long to wait for each try, and how many: the timeout the user set is split into three shorter tries within
 * the same worst case as before (two full timeouts). A dropped packet then costs a third of the timeout, not all of
 * it: networks and public resolvers that rate-limit drop a few packets of a burst, and a re-check that follows the
 * first one closely is the burst that gets dropped.
 */
export function tries(timeoutMs: number): Pick<ExchangeOptions, 'timeoutMs' | 'retries' | 'deadlineMs'> {
  return { timeoutMs: Math.min(timeoutMs, Math.max(MIN_TRY_MS, Math.round(timeoutMs / 3))), retries: 2, deadlineMs: timeoutMs * 2 }
}

/** Below this a far resolver doing a cold recursion would be retried before it could answer. */
const MIN_TRY_MS = 400


/** A record's value as the rules compare it: TXT joined, a target lower-case without its dot, else its text. */
export function recordValue(record: DnsRecord): string {
  if (record.data.kind === 'txt') return record.data.value
  if (record.data.kind === 'name') return stripDot(record.data.target).toLowerCase()
  return record.text
}
