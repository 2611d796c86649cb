import { createFinding, RECOMMENDED_TTL, type Finding } from '../../../shared/findings'
import { authoritativeEvidence, reachable, recordNames, type Rule } from './rule'

/** A long TTL on the record (right or wrong value) makes every later change slow to show. */
export const recordTtlRule: Rule = {
  name: 'record-ttl',
  produces: ['record.ttl_long'],
  check(obs) {
    const findings: Finding[] = []
    for (const name of recordNames(obs)) {
      const servers = reachable(obs.authoritative.filter((o) => o.name === name)).filter((o) => o.ttl !== null && o.values.length + (o.cname ? 1 : 0) > 0)
      const longest = Math.max(0, ...servers.map((o) => o.ttl!))
      if (longest > RECOMMENDED_TTL) {
        findings.push(
          createFinding(
            'record.ttl_long',
            { name, ttl: longest, recommended: RECOMMENDED_TTL },
            servers.filter((o) => o.ttl! > RECOMMENDED_TTL).map((o) => authoritativeEvidence(o, obs.input.type))
          )
        )
      }
    }
    return findings
  }
}
