/**
 * Servers that never answered, remembered for one run (one resolver, one diagnosis). A server that has timed out
 * on two different questions and never answered anything is not asked again in that run: each further question
 * fails at once, saying why. Without this, a delegation to 200 glueless name servers whose zone's only server never
 * answers costs 200 timeouts (issue 10: 4.5 minutes for one check).
 *
 * Only timeouts with no reply at all count (a refusal or an unreachable port fails fast anyway), and one answer of
 * any kind clears a server for good: some servers ignore only certain types (CAA, AAAA), and those must still be
 * asked everything else.
 */
import type { DnsQuestion, ExchangeOutcome, ServerAddress } from '../../shared/dns-types'
import { serverToString } from '../../shared/server-address'

/** Timeouts on distinct questions, with no answer ever, before a server is skipped for the rest of the run. */
export const TIMEOUTS_BEFORE_SKIPPING = 2

export interface UnresponsiveServers {
  /** The failure to report instead of asking `server`, or null to ask it. */
  skip(server: ServerAddress, query: DnsQuestion): Extract<ExchangeOutcome, { ok: false }> | null
  /** Takes note of how a question to `server` went. */
  record(server: ServerAddress, outcome: ExchangeOutcome): void
  /** Servers being skipped now. */
  readonly skipped: number
}

export function createUnresponsiveServers(timeoutsBeforeSkipping = TIMEOUTS_BEFORE_SKIPPING): UnresponsiveServers {
  const answered = new Set<string>()
  const timeouts = new Map<string, number>()
  const key = (server: ServerAddress): string => `${server.host}#${server.port}`
  return {
    skip(server, query) {
      const k = key(server)
      const count = timeouts.get(k) ?? 0
      if (answered.has(k) || count < timeoutsBeforeSkipping) return null
      return {
        ok: false,
        code: 'timeout',
        message: `No answer from ${serverToString(server)}: it answered none of ${count} earlier questions in this check, so it was not asked again.`,
        server,
        query,
        elapsedMs: 0,
        ignoredReplies: 0
      }
    },
    record(server, outcome) {
      const k = key(server)
      if (outcome.ok || outcome.ignoredReplies > 0) {
        answered.add(k)
        timeouts.delete(k)
      } else if (outcome.code === 'timeout' && !answered.has(k)) {
        timeouts.set(k, (timeouts.get(k) ?? 0) + 1)
      }
    },
    get skipped() {
      let n = 0
      for (const count of timeouts.values()) if (count >= timeoutsBeforeSkipping) n++
      return n
    }
  }
}
