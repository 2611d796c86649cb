import { createFinding, type Finding } from '../../../shared/findings'
import { namesInPlace, valueMatches } from './record-match'
import { resolverEvidence, type Rule } from './rule'

/**
 * Once every authoritative server has the record, resolvers that still answer the old value or
 * "does not exist" are only waiting for their cache to expire: say how long.
 */
export const propagationRule: Rule = {
  name: 'propagation',
  produces: ['propagation.pending', 'propagation.negative_cached'],
  check(obs) {
    const findings: Finding[] = []
    const ready = namesInPlace(obs)
    for (const o of obs.resolvers) {
      if (!ready.has(o.name)) continue
      const evidence = [resolverEvidence(o, obs.input.type)]
      if (o.status === 'ok' && !o.values.some((v) => valueMatches(v, obs.input))) {
        findings.push(createFinding('propagation.pending', { resolver: o.label, name: o.name, seconds: o.ttl ?? 0 }, evidence))
      } else if (o.status === 'nxdomain' || o.status === 'nodata') {
        findings.push(createFinding('propagation.negative_cached', { resolver: o.label, name: o.name, seconds: o.negativeTtl ?? 0 }, evidence))
      }
    }
    return findings
  }
}
