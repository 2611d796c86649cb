/**
 * How a server's or resolver's row reads in a table (step 4, the CLI, the Markdown report): its status, where an
 * answer holding only other values than the expected ones reads "differs", and a resolver that cannot see the
 * domain reads "different_view". The words for each are under `ui.status.server.*` / `ui.status.resolver.*`.
 */
import type { ResolverObservation } from './diagnosis-types'

/** Whether a value DNS returned is the one the CA expects: TXT exactly, CNAME targets case-insensitively without the final dot. */
export function matchesExpected(found: string, expected: string, type: 'TXT' | 'CNAME'): boolean {
  if (type === 'TXT') return found === expected.trim()
  const bare = (name: string) => name.trim().toLowerCase().replace(/\.$/, '')
  return bare(found) === bare(expected)
}

/** A status for the tables: an answer with values, none of them the expected one, reads "different value". */
export function displayStatus<S extends string>(status: S, values: readonly string[], expected: string, type: 'TXT' | 'CNAME'): S | 'differs' {
  if (status !== 'ok' || values.length === 0) return status
  return values.some((value) => matchesExpected(value, expected, type)) ? status : 'differs'
}

/** The status word key of a resolver row: its reading where that says more than its status. */
export function resolverDisplayStatus(row: Pick<ResolverObservation, 'status' | 'values' | 'reading'>, expected: string, type: 'TXT' | 'CNAME'): string {
  if (row.reading === 'different_view') return 'different_view'
  return displayStatus(row.status, row.values, expected, type)
}
