import type { ExchangeOutcome, ServerAddress } from '../../shared/dns-types'
import { createUnresponsiveServers, type UnresponsiveServers } from './unresponsive-servers'

export interface CachedOutcome {
  outcome: ExchangeOutcome
  /** True when the answer was shared with an earlier or concurrent caller instead of being asked for. */
  fromCache: boolean
}

/**
 * Outcomes of (server, name, type) questions, kept for the life of one resolver. It stores the
 * promise, not the answer, so callers that ask the same thing at the same time share one query.
 * Failures are kept too (a server that timed out once is not waited for again in the same run),
 * except aborts: those say nothing about the server. A server that never answered is not asked again
 * (unresponsive-servers.ts): its questions fail at once.
 */
export interface QueryCache {
  get(server: ServerAddress, name: string, type: string, ask: () => Promise<ExchangeOutcome>): Promise<CachedOutcome>
  readonly size: number
  /** Servers that never answered in this run, consulted before each question. */
  readonly unresponsive: UnresponsiveServers
  clear(): void
}

export function createQueryCache(): QueryCache {
  const entries = new Map<string, Promise<ExchangeOutcome>>()
  const unresponsive = createUnresponsiveServers()
  return {
    unresponsive,
    async get(server, name, type, ask) {
      const key = cacheKey(server, name, type)
      const known = entries.get(key)
      if (known) return { outcome: await known, fromCache: true }
      // The cache key's type may carry flags (`TXT/rd=1/...`): the question is the part before them.
      const skipped = unresponsive.skip(server, { name, type: type.split('/')[0]!, class: 'IN' })
      if (skipped) return { outcome: skipped, fromCache: false }
      const pending = ask().then((outcome) => {
        unresponsive.record(server, outcome)
        return outcome
      })
      entries.set(key, pending)
      const outcome = await pending
      if (!outcome.ok && outcome.code === 'aborted' && entries.get(key) === pending) entries.delete(key)
      return { outcome, fromCache: false }
    },
    get size() {
      return entries.size
    },
    clear() {
      entries.clear()
    }
  }
}

function cacheKey(server: ServerAddress, name: string, type: string): string {
  const lower = name.toLowerCase()
  return `${server.host}#${server.port}|${lower.endsWith('.') && lower !== '.' ? lower.slice(0, -1) : lower}|${type.toUpperCase()}`
}
