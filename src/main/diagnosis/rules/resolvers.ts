import { createFinding, type Finding } from '../../../shared/findings'
import { resolverEvidence, type Rule } from './rule'

/** Resolvers that could not be asked, fail, or fail DNSSEC validation (SERVFAIL that CD=1 cures). */
export const resolversRule: Rule = {
  name: 'resolvers',
  produces: ['resolver.unreachable', 'resolver.servfail', 'dnssec.bogus'],
  check(obs) {
    const findings: Finding[] = []
    for (const o of obs.resolvers) {
      const evidence = [resolverEvidence(o, obs.input.type)]
      if (o.status === 'timeout' || o.status === 'network' || o.status === 'refused') {
        findings.push(createFinding('resolver.unreachable', { resolver: o.label }, evidence))
      } else if (o.status === 'bogus') {
        findings.push(createFinding('dnssec.bogus', { resolver: o.label, name: o.name, ede: o.extendedError ?? '' }, evidence))
      } else if (o.status === 'servfail') {
        findings.push(createFinding('resolver.servfail', { resolver: o.label, name: o.name }, evidence))
      }
    }
    return findings
  }
}
