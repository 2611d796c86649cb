import { createFinding, type Finding } from '../../../shared/findings'
import { compareTxtValue, isSplitAcrossRecords, compareCnameTarget } from '../compare-values'
import { hasExpectedValue, otherValues } from './record-match'
import { authoritativeEvidence, reachable, recordNames, type Rule } from './rule'

/**
 * Is the expected value at the name on every authoritative server, and if not, how does what is
 * there differ from it: quoted, spaces/case/invisible characters, split, or simply another value.
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
    const { input } = obs
    const findings: Finding[] = []
    for (const name of recordNames(obs)) {
      const servers = reachable(obs.authoritative.filter((o) => o.name === name))
      if (servers.length === 0) continue
      const evidence = servers.map((o) => authoritativeEvidence(o, input.type))
      const withValue = servers.filter((o) => hasExpectedValue(o, input))
      if (withValue.length === servers.length) {
        findings.push(createFinding('record.ok', { name, type: input.type, servers: servers.length }, evidence))
        const stale = [...new Set(servers.flatMap((o) => otherValues(o, input)))]
        if (stale.length > 0) findings.push(createFinding('record.stale_value', { name, stale }, evidence))
        continue
      }
      if (withValue.length > 0) {
        const missing = servers.filter((o) => !withValue.includes(o)).map((o) => `${o.server} (${o.address})`)
        const having = withValue.map((o) => `${o.server} (${o.address})`)
        findings.push(
          createFinding(
            'delegation.inconsistent',
            { name, what: 'answers', details: `has the record: ${having.join(', ')}; does not: ${missing.join(', ')}` },
            evidence
          )
        )
        continue
      }
      const values = [...new Set(servers.flatMap((o) => o.values))]
      if (values.length === 0) continue // nothing of this type here: the placement rule explains why
      findings.push(classifyDifference(name, input.type, input.value, values, servers, evidence))
    }
    return findings
  }
}

function classifyDifference(
  name: string,
  type: string,
  expected: string,
  values: string[],
  servers: { values: string[]; records: { data: { kind: string } }[] }[],
  evidence: Finding['evidence']
): Finding {
  if (type === 'CNAME') {
    const found = values[0]!
    const diff = compareCnameTarget(expected, found)
    return createFinding('record.value_mismatch', { name, expected, found }, withDiff(evidence, diff))
  }
  const comparisons = values.map((found) => ({ found, cmp: compareTxtValue(expected, found) }))
  const quoted = comparisons.find((c) => c.cmp.kind === 'quoted')
  if (quoted) return createFinding('record.value_quoted', { name, found: quoted.found }, evidence)
  const spaced = comparisons.find((c) => c.cmp.kind === 'whitespace')
  if (spaced && spaced.cmp.kind === 'whitespace') {
    return createFinding(
      'record.value_whitespace',
      { name, expected, found: spaced.found, difference: spaced.cmp.difference },
      evidence
    )
  }
  if (servers.some((o) => isSplitAcrossRecords(expected, o.values))) {
    return createFinding('record.value_whitespace', { name, expected, found: values.join(' + '), difference: 'split' }, evidence)
  }
  const closest = comparisons.sort((a, b) => diffOffset(b.cmp) - diffOffset(a.cmp))[0]!
  return createFinding('record.value_mismatch', { name, expected, found: closest.found }, withDiff(evidence, closest.cmp))
}

function diffOffset(cmp: ReturnType<typeof compareTxtValue>): number {
  return cmp.kind === 'different' ? cmp.diff.offset : 0
}

function withDiff(evidence: Finding['evidence'], cmp: ReturnType<typeof compareTxtValue>): Finding['evidence'] {
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
