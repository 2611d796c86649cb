import { createFinding, type Finding } from '../../../shared/findings'
import { compareCnameTarget } from '../compare-values'
import { relativeHost } from '../../../shared/placement'
import { aboutRecords, expectedRecordSets, isExpectedValue, readRecordSet, type RecordSetReading } from './record-match'
import { authoritativeEvidence, type Rule } from './rule'

/**
 * When an expected value is not at the name: is it at a near-miss name (wrong name), there as another type (wrong
 * type), hidden by a CNAME, or simply missing. The state (`record.missing`) and its cause (`record.wrong_name`)
 * are both reported, as the catalog defines them.
 */
export const recordPlacementRule: Rule = {
  name: 'record-placement',
  produces: ['record.missing', 'record.wrong_name', 'record.wrong_type', 'record.cname_conflict'],
  check(obs) {
    const findings: Finding[] = []
    for (const set of expectedRecordSets(obs)) {
      const reading = readRecordSet(obs, set)
      const { servers, found, nearMiss } = reading
      if (servers.length === 0 || reading.absent.length === 0) continue
      const evidence = servers.map((o) => authoritativeEvidence(o, set.type))
      const push = (f: Finding): void => void findings.push(aboutRecords(f, set.records))
      const expected = set.values[0]!
      // A wildcard's CNAME or TXT answered for the name (RFC 4592): nothing is there; the exact record wins once added.
      if (found.length === 0) {
        const cname = servers.find((o) => o.cname !== null && !o.wildcard)?.cname ?? null
        if (set.type === 'TXT' && cname !== null) {
          const sameAsValue = compareCnameTarget(expected, cname).kind === 'equal'
          push(
            sameAsValue
              ? createFinding('record.wrong_type', { name: set.name, expectedType: 'TXT', foundType: 'CNAME', found: cname, expected }, evidence)
              : createFinding('record.cname_conflict', { name: set.name, target: cname }, evidence)
          )
          continue
        }
        const txtInstead = [...new Set(servers.flatMap((o) => o.otherValues))]
        if (set.type === 'CNAME' && txtInstead.length > 0) {
          push(
            createFinding('record.wrong_type', { name: set.name, expectedType: 'CNAME', foundType: 'TXT', found: txtInstead.join(', '), expected }, evidence)
          )
          continue
        }
      }
      if (nearMiss) {
        push(
          createFinding(
            'record.wrong_name',
            {
              expectedName: set.name,
              foundName: nearMiss.foundName,
              hint: nearMiss.hint,
              host: set.zone ? relativeHost(set.name, set.zone) : set.name
            },
            [
              ...evidence,
              {
                server: nearMiss.server,
                query: { name: nearMiss.foundName, type: nearMiss.type },
                records: nearMiss.values,
                note: `found at ${nearMiss.foundName}`
              }
            ]
          )
        )
      }
      // Other values at the name are read by the value rule (an attempt, or left from before). Values for other
      // purposes (SPF beside a token at the apex) are not the record: it is missing, and they stay.
      if (isMissing(reading)) push(createFinding('record.missing', { name: set.name, type: set.type, values: set.values }, evidence))
    }
    return findings
  }
}

/**
 * Nothing at the name stands for the expected values: none of them is there, no found value is an attempt at one,
 * and (with the value at a near-miss name) nothing there is left from before for the value rule to report instead.
 */
function isMissing(reading: RecordSetReading): boolean {
  if (reading.attempts.length > 0 || reading.found.some((v) => isExpectedValue(v, reading.set))) return false
  return reading.nearMiss === null || reading.stale.length === 0
}
