import type { ExchangeOutcome, ServerAddress } from '../../shared/dns-types'

export interface CachedOutcome {
  outcome: ExchangeOutcome
  /** True when the answer was shared with an earlier or concurrent caller instead of being asked for. */
  fromCache: boolean
}

/**
 * Outcomes of (server, name, type) questions, kept for the life of one resolver. It stores the
 * promise, not the answer, so callers that ask the same thing at the same time share one query.
 * Failures are kept too (a server that timed out once is not waited for again in the same run),
 * except aborts: those say nothing about the server.
 */
export interface QueryCache {
  get(server: ServerAddress, name: string, type: string, ask: () => Promise<ExchangeOutcome>): Promise<CachedOutcome>
  readonly size: number
  clear(): void
}

export function createQueryCache(): QueryCache {
  const entries = new Map<string, Promise<ExchangeOutcome>>()
  return {
    async get(server, name, type, ask) {
      const key = cacheKey(server, name, type)
      const known = entries.get(key)
      if (known) return { outcome: await known, fromCache: true }
      const pending = ask()
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
