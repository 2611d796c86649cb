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
