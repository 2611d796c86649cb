import { createFinding, type Finding } from '../../../shared/findings'
import { compareCnameTarget, compareTxtValue } from '../compare-values'
import { relativeHost } from '../../../shared/placement'
import { authoritativeEvidence, reachable, recordNames, type Rule } from './rule'

/**
 * When no server has any record of the required type at the name: is it somewhere near (wrong
 * name), there as another type (wrong type), hidden by a CNAME, or simply missing.
 */
export const recordPlacementRule: Rule = {
  name: 'record-placement',
  produces: ['record.missing', 'record.wrong_name', 'record.wrong_type', 'record.cname_conflict'],
  check(obs) {
    const { input } = obs
    const findings: Finding[] = []
    for (const name of recordNames(obs)) {
      const servers = reachable(obs.authoritative.filter((o) => o.name === name))
      if (servers.length === 0 || servers.some((o) => o.values.length > 0)) continue
      const evidence = servers.map((o) => authoritativeEvidence(o, input.type))
      const cname = servers.find((o) => o.cname !== null)?.cname ?? null
      if (input.type === 'TXT' && cname !== null) {
        const sameAsValue = compareCnameTarget(input.value, cname).kind === 'equal'
        findings.push(
          sameAsValue
            ? createFinding('record.wrong_type', { name, expectedType: 'TXT', foundType: 'CNAME' }, evidence)
            : createFinding('record.cname_conflict', { name, target: cname }, evidence)
        )
        continue
      }
      if (input.type === 'CNAME' && servers.some((o) => o.otherValues.length > 0)) {
        findings.push(createFinding('record.wrong_type', { name, expectedType: 'CNAME', foundType: 'TXT' }, evidence))
        continue
      }
      const zone = obs.placements.find((p) => p.name === name)?.zone ?? null
      const near = obs.nearMisses.find(
        (m) =>
          m.expectedName === name &&
          m.values.some((v) =>
            input.type === 'CNAME' ? compareCnameTarget(input.value, v).kind === 'equal' : compareTxtValue(input.value, v).kind !== 'different'
          )
      )
      if (near) {
        findings.push(
          createFinding(
            'record.wrong_name',
            { expectedName: name, foundName: near.foundName, hint: near.hint, host: zone ? relativeHost(name, zone) : name },
            [...evidence, { server: near.server, query: { name: near.foundName, type: near.type }, records: near.values, note: `found at ${near.foundName}` }]
          )
        )
        continue
      }
      findings.push(createFinding('record.missing', { name, type: input.type }, evidence))
    }
    return findings
  }
}
