import { createFinding, type Finding } from '../../../shared/findings'
import type { ValueComparison } from '../compare-values'
import { aboutRecords, expectedRecordSets, hasExpectedValues, isExpectedValue, readRecordSet, type ValueAttempt } from './record-match'
import { authoritativeEvidence, type Rule } from './rule'
import { secondarySync, type SecondarySync } from './secondary-sync'

/**
 * Is every expected value at the name on every authoritative server, and if not, how each attempt differs from
 * it (quoted, spaces/case/invisible characters, split, or another value), and which values are left from before.
 * Every cause is reported at once: an attempt that is wrong and an old value beside it are two findings. Servers
 * that lack the record only because they serve an older zone (a secondary not synced yet) are a wait, not a fault.
 */
export const recordValueRule: Rule = {
  name: 'record-value',
  produces: [
    'record.ok',
    'record.value_mismatch',
    'record.value_quoted',
    'record.value_whitespace',
    'record.stale_value',
    'record.value_missing',
    'delegation.inconsistent',
    'propagation.secondary_syncing'
  ],
  check(obs) {
    const findings: Finding[] = []
    for (const set of expectedRecordSets(obs)) {
      const reading = readRecordSet(obs, set)
      if (reading.servers.length === 0) continue
      const evidence = reading.servers.map((o) => authoritativeEvidence(o, set.type))
      const about = (f: Finding): Finding => aboutRecords(f, set.records)
      const syncing = secondarySync(reading)
      if (reading.inPlace) {
        findings.push(about(createFinding('record.ok', { name: set.name, type: set.type, servers: reading.servers.length }, evidence)))
      } else if (syncing) {
        findings.push(about(syncingFinding(set.name, syncing, evidence)))
      } else if (reading.absent.length === 0) {
        // Every expected value is somewhere, but not on every server: they disagree.
        const having = reading.servers.filter((o) => hasExpectedValues(o, set)).map(serverLabel)
        const missing = reading.servers.filter((o) => !hasExpectedValues(o, set)).map(serverLabel)
        findings.push(
          about(
            createFinding(
              'delegation.inconsistent',
              { name: set.name, what: 'answers', details: `has the record: ${having.join(', ')}; does not: ${missing.join(', ')}` },
              evidence
            )
          )
        )
      }
      // A finding about one expected value is about the records of the order that hold that value.
      const aboutValue = (f: Finding, value: string): Finding =>
        aboutRecords(f, set.records.filter((i) => obs.input.records[i]!.value === value))
      for (const attempt of reading.attempts) findings.push(aboutValue(attemptFinding(set.name, attempt, evidence), attempt.expected))
      // Several values expected at one name (one per domain) and some already there: the others are missing,
      // each one named (the record of the whole name is not missing, so record.missing would mislead).
      const present = reading.found.filter((v) => isExpectedValue(v, set))
      if (present.length > 0 && reading.nearMiss === null) {
        const attempted = new Set(reading.attempts.map((a) => a.expected))
        for (const value of reading.absent.filter((v) => !attempted.has(v))) {
          const records = set.records.filter((i) => obs.input.records[i]!.value === value)
          const domains = [...new Set(records.map((i) => obs.input.records[i]!.domain))]
          findings.push(aboutRecords(createFinding('record.value_missing', { name: set.name, type: set.type, value, domains, present }, evidence), records))
        }
      }
      // While a secondary syncs, what only it still holds goes when it catches up: only the current servers' count.
      const stale = syncing ? reading.stale.filter((v) => syncing.current.some((o) => o.values.includes(v))) : reading.stale
      if (stale.length > 0) findings.push(about(createFinding('record.stale_value', { name: set.name, stale }, evidence)))
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

function syncingFinding(name: string, sync: SecondarySync, evidence: Finding['evidence']): Finding {
  const params = {
    name,
    zone: sync.current[0]!.zone,
    servers: sync.lagging.map(serverLabel),
    serials: [...new Set(sync.lagging.map((o) => String(o.soaSerial)))],
    serial: sync.serial
  }
  return createFinding('propagation.secondary_syncing', params, evidence)
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
