import { createFinding, type Finding } from '../../../shared/findings'
import type { ValueComparison } from '../compare-values'
import { expectedRecordSets, hasExpectedValues, readRecordSet, type RecordSetReading, type ValueAttempt } from './record-match'
import { authoritativeEvidence, type Rule } from './rule'

/**
 * Is every expected value at the name on every authoritative server, and if not, how each attempt differs from
 * it (quoted, spaces/case/invisible characters, split, or another value), and which values are left from before.
 * Every cause is reported at once: an attempt that is wrong and an old value beside it are two findings.
 */
export const recordValueRule: Rule = {
  name: 'record-value',
  produces: [
    'record.ok',
    'record.value_mismatch',
    'record.value_quoted',
    'record.value_whitespace',
    'record.stale_value',
    'delegation.inconsistent'
  ],
  check(obs) {
    const findings: Finding[] = []
    for (const set of expectedRecordSets(obs)) {
      const reading = readRecordSet(obs, set)
      if (reading.servers.length === 0) continue
      const evidence = reading.servers.map((o) => authoritativeEvidence(o, set.type))
      if (reading.inPlace) {
        findings.push(createFinding('record.ok', { name: set.name, type: set.type, servers: reading.servers.length }, evidence))
      } else if (reading.absent.length === 0) {
        // Every expected value is somewhere, but not on every server: they disagree.
        const having = reading.servers.filter((o) => hasExpectedValues(o, set)).map(serverLabel)
        const missing = reading.servers.filter((o) => !hasExpectedValues(o, set)).map(serverLabel)
        findings.push(
          createFinding(
            'delegation.inconsistent',
            { name: set.name, what: 'answers', details: `has the record: ${having.join(', ')}; does not: ${missing.join(', ')}` },
            evidence
          )
        )
      }
      for (const attempt of reading.attempts) findings.push(attemptFinding(set.name, attempt, evidence))
      if (reading.stale.length > 0) findings.push(staleFinding(reading, evidence))
    }
    return findings
  }
}

function serverLabel(o: { server: string; address: string }): string {
  return `${o.server} (${o.address})`
}

function attemptFinding(name: string, attempt: ValueAttempt, evidence: Finding['evidence']): Finding {
  const { expected, found, comparison } = attempt
  switch (comparison.kind) {
    case 'quoted':
      return createFinding('record.value_quoted', { name, found }, evidence)
    case 'whitespace':
      return createFinding('record.value_whitespace', { name, expected, found, difference: comparison.difference }, evidence)
    case 'split':
      return createFinding('record.value_whitespace', { name, expected, found, difference: 'split' }, evidence)
    default:
      return createFinding('record.value_mismatch', { name, expected, found }, withDiff(evidence, comparison))
  }
}

function staleFinding(reading: RecordSetReading, evidence: Finding['evidence']): Finding {
  return createFinding('record.stale_value', { name: reading.set.name, stale: reading.stale }, evidence)
}

function withDiff(evidence: Finding['evidence'], cmp: ValueComparison): Finding['evidence'] {
  if (cmp.kind !== 'different') return evidence
  const d = cmp.diff
  return [
    ...evidence,
    {
      note:
        `First difference at byte ${d.offset} (expected ${d.expectedLength} bytes, found ${d.foundLength}): ` +
        `expected …${d.expectedBytes}… found …${d.foundBytes}… (hex)`
    }
  ]
}
