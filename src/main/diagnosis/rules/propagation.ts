import { createFinding, type Finding } from '../../../shared/findings'
import { readResolvers } from './resolver-view'
import { groupBy, resolverEvidence, type Rule } from './rule'

/**
 * Once every authoritative server has the record, resolvers that still answer the old value or "does not exist"
 * from their cache are only waiting for it to expire: say how long, once per record name, listing them all. Only
 * real waits: a positive remaining TTL, from a resolver that sees the domain's servers (see resolver-view.ts).
 */
export const propagationRule: Rule = {
  name: 'propagation',
  produces: ['propagation.pending', 'propagation.negative_cached'],
  check(obs) {
    const findings: Finding[] = []
    const waiting = readResolvers(obs).flatMap(({ observation, reading }) =>
      reading.kind === 'pending' || reading.kind === 'negative_cached' ? [{ o: observation, kind: reading.kind, seconds: reading.seconds }] : []
    )
    for (const group of groupBy(waiting, (w) => `${w.kind}|${w.o.name}`)) {
      const first = group[0]!
      const resolvers = group.map((w) => w.o.label)
      const params = { resolver: resolvers[0]!, resolvers, name: first.o.name, seconds: Math.max(...group.map((w) => w.seconds)) }
      findings.push(createFinding(first.kind === 'pending' ? 'propagation.pending' : 'propagation.negative_cached', params, group.map((w) => resolverEvidence(w.o, obs.input.type))))
    }
    return findings
  }
}
