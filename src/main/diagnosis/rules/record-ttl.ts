import { createFinding, RECOMMENDED_TTL, type Finding } from '../../../shared/findings'
import { aboutRecords, expectedRecordSets, ofSet } from './record-match'
import { authoritativeEvidence, reachable, type Rule } from './rule'

/** A long TTL on the record (right or wrong value) makes every later change slow to show. */
export const recordTtlRule: Rule = {
  name: 'record-ttl',
  produces: ['record.ttl_long'],
  check(obs) {
    const findings: Finding[] = []
    for (const set of expectedRecordSets(obs)) {
      const servers = reachable(ofSet(obs.authoritative, set)).filter((o) => o.ttl !== null && !o.wildcard && o.values.length + (o.cname ? 1 : 0) > 0)
      const longest = Math.max(0, ...servers.map((o) => o.ttl!))
      if (longest > RECOMMENDED_TTL) {
        findings.push(
          aboutRecords(
            createFinding(
              'record.ttl_long',
              { name: set.name, ttl: longest, recommended: RECOMMENDED_TTL },
              servers.filter((o) => o.ttl! > RECOMMENDED_TTL).map((o) => authoritativeEvidence(o, set.type))
            ),
            set.records
          )
        )
      }
    }
    return findings
  }
}
