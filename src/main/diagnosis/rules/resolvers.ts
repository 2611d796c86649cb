import type { DiagnosisReport } from '../../../shared/diagnosis-types'
import { createFinding, type Finding } from '../../../shared/findings'
import { readDnssecCause } from './dnssec-cause'
import { aboutRecords, recordsBySet, setKey } from './record-match'
import { readResolvers } from './resolver-view'
import { groupBy, resolverEvidence, type Rule } from './rule'

/**
 * Resolvers that could not be asked (and what they did instead of answering), that fail, that fail DNSSEC
 * validation (SERVFAIL that CD=1 cures), or that cannot see the domain as its servers serve it. One finding per
 * cause, listing every resolver it applies to.
 */
export const resolversRule: Rule = {
  name: 'resolvers',
  produces: ['resolver.unreachable', 'resolver.servfail', 'resolver.different_view', 'dnssec.bogus'],
  check(obs) {
    const findings: Finding[] = []
    const readings = readResolvers(obs)
    const recordsOf = recordsBySet(obs)

    const unreachable = readings.flatMap((r) => (r.reading.kind === 'unreachable' ? [{ o: r.observation, reason: r.reading.reason }] : []))
    for (const group of groupBy(unreachable, (u) => u.reason)) {
      // A resolver asked for several record names is one resolver that did not answer.
      const byResolver = groupBy(group, (u) => u.o.address).map((g) => g[0]!)
      const resolvers = byResolver.map((u) => u.o.label)
      findings.push(
        createFinding(
          'resolver.unreachable',
          { resolver: resolvers[0]!, resolvers, reason: group[0]!.reason, ignored: sum(group.map((u) => u.o.ignoredReplies)) },
          byResolver.map((u) => resolverEvidence(u.o, u.o.type))
        )
      )
    }

    const servfail = readings.filter((r) => r.reading.kind === 'servfail').map((r) => r.observation)
    for (const group of groupBy(servfail, setKey)) {
      const resolvers = group.map((o) => o.label)
      findings.push(
        aboutRecords(
          createFinding('resolver.servfail', { resolver: resolvers[0]!, resolvers, name: group[0]!.name }, group.map((o) => resolverEvidence(o, o.type))),
          recordsOf(group[0]!)
        )
      )
    }

    const bogus = readings.filter((r) => r.reading.kind === 'bogus').map((r) => r.observation)
    for (const group of groupBy(bogus, setKey)) {
      const resolvers = group.map((o) => o.label)
      const name = group[0]!.name
      const ede = [...new Set(group.map((o) => o.extendedError).filter((e): e is string => e !== null))].join('; ')
      const zone = obs.placements.find((p) => p.name === name)?.zone ?? ''
      const cause = readDnssecCause(obs.dnssec.find((d) => d.name === name) ?? null, ede)
      findings.push(
        aboutRecords(
          createFinding(
            'dnssec.bogus',
            { resolver: resolvers[0]!, resolvers, name, zone, ede, ...cause.params },
            [...group.map((o) => resolverEvidence(o, o.type)), ...cause.evidence]
          ),
          recordsOf(group[0]!)
        )
      )
    }

    const views = readings.flatMap((r) => (r.reading.kind === 'different_view' ? [{ o: r.observation, reading: r.reading }] : []))
    // A resolver that cannot see the domain cannot see any of its names: one finding per zone (and view).
    const zoneOf = (name: string): string => obs.placements.find((p) => p.name === name)?.zone ?? name
    for (const group of groupBy(views, (v) => `${zoneOf(v.o.name)}|${v.reading.apexVisible}`)) {
      const first = group[0]!
      const resolvers = group.map((v) => v.o.label)
      findings.push(
        aboutRecords(createFinding(
          'resolver.different_view',
          {
            resolver: resolvers[0]!,
            resolvers: [...new Set(resolvers)],
            rcodes: [...new Set(group.map((v) => rcodeText(v.o.status, v.reading.rcode)))],
            name: first.o.name,
            zone: obs.placements.find((p) => p.name === first.o.name)?.zone ?? '',
            apexVisible: first.reading.apexVisible
          },
          group.map((v) => resolverEvidence(v.o, v.o.type))
        ), [...new Set(group.flatMap((v) => recordsOf(v.o)))])
      )
    }
    return findings
  }
}

/** How a resolver's answer reads in a list: the rcode, or what NOERROR carried. */
function rcodeText(status: DiagnosisReport['resolvers'][number]['status'], rcode: string): string {
  if (status === 'nodata') return 'NOERROR (no record)'
  if (status === 'ok' || status === 'old_value') return 'NOERROR (another value)'
  return rcode
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}
