/**
 * How a server's or resolver's row reads in a table (step 4, the CLI, the Markdown report): its status, where an
 * answer holding only other values than the expected ones reads "differs", and a resolver that cannot see the
 * domain reads "different_view". The words for each are under `ui.status.server.*` / `ui.status.resolver.*`.
 */
import type { AuthoritativeObservation, ResolverObservation, VerificationRecordType } from './diagnosis-types'
import type { Finding } from './findings'

/** Whether a value DNS returned is the one the CA expects: TXT exactly, CNAME targets case-insensitively without the final dot. */
export function matchesExpected(found: string, expected: string, type: 'TXT' | 'CNAME'): boolean {
  if (type === 'TXT') return found === expected.trim()
  const bare = (name: string) => name.trim().toLowerCase().replace(/\.$/, '')
  return bare(found) === bare(expected)
}

/** A status for the tables: an answer with values, none of them an expected one, reads "different value". */
export function displayStatus<S extends string>(status: S, values: readonly string[], expected: readonly string[], type: VerificationRecordType): S | 'differs' {
  if (status !== 'ok' || values.length === 0) return status
  return values.some((value) => expected.some((e) => matchesExpected(value, e, type))) ? status : 'differs'
}

/**
 * The status word key of an authoritative server's row: an answer synthesised from a wildcard reads "from the
 * wildcard" (no record exists at the name; the finding says to add one), not "different value", which would send
 * the user looking for a record to edit.
 */
export function serverDisplayStatus(
  row: Pick<AuthoritativeObservation, 'status' | 'values' | 'wildcard'>,
  expected: readonly string[],
  type: VerificationRecordType
): string {
  if (row.wildcard === true) return 'wildcard'
  return displayStatus(row.status, row.values, expected, type)
}

/** The status word key of a resolver row: its reading where that says more than its status. */
export function resolverDisplayStatus(
  row: Pick<ResolverObservation, 'status' | 'values' | 'reading'>,
  expected: readonly string[],
  type: VerificationRecordType
): string {
  if (row.reading === 'different_view') return 'different_view'
  return displayStatus(row.status, row.values, expected, type)
}

/**
 * What the order expects at a table row's name: the values of every record there, and their type (a row of a
 * report saved before rows carried their type takes the type of the first record at its name).
 */
export function expectedAt(
  records: readonly { name: string; type: VerificationRecordType; value: string }[],
  row: { name: string; type?: VerificationRecordType }
): { type: VerificationRecordType; values: string[] } {
  const type = row.type ?? records.find((r) => r.name === row.name)?.type ?? 'TXT'
  return { type, values: [...new Set(records.filter((r) => r.name === row.name && r.type === type).map((r) => r.value))] }
}

/**
 * The zone whose servers all failed to answer for this record (`delegation.no_server_answers` about it), or null:
 * a record without a zone then reads "its DNS servers do not answer", not "zone not found" (the parent zone does
 * delegate it).
 */
export function silentZoneOf(
  report: { findings: readonly Pick<Finding, 'id' | 'params'>[] },
  record: { findings: readonly number[] }
): string | null {
  const finding = record.findings.map((i) => report.findings[i]).find((f) => f?.id === 'delegation.no_server_answers')
  return finding ? String(finding.params['zone']) : null
}
