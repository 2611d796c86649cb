import { createFinding, type Finding } from '../../../shared/findings'
import { baseDomainOf } from '../../../shared/placement'
import { registrableDomain } from '../../../shared/registrable-domain'
import { aboutRecords } from './record-match'
import type { Rule } from './rule'

/** The domain has no delegation at all: nothing else can work until it resolves. */
export const zoneRule: Rule = {
  name: 'zone',
  produces: ['zone.not_found', 'delegation.unreachable'],
  check(obs) {
    const findings: Finding[] = []
    for (const zone of obs.zones) {
      if (zone.found) continue
      const placement = obs.placements.find((p) => p.name === zone.name)
      const domain = placement ? placement.baseDomain : baseDomainOf(zone.name)
      const records = obs.input.records.flatMap((r, i) => (r.name === zone.name ? [i] : []))
      if (zone.reason === 'unreachable') {
        // The servers that failed are in the authoritative observations: the delegation rule names each (as
        // delegation.no_server_answers when they are the domain's own). Without any server to name (no address
        // found for them), this stays the warning it was.
        if (obs.authoritative.some((o) => o.name === zone.name)) continue
        const server = zone.message ?? 'name servers'
        findings.push(
          createFinding('delegation.unreachable', { server, address: '', servers: [server], reason: 'timeout', ignored: 0 }, [
            { query: { name: zone.name, type: 'SOA' }, note: zone.message ?? undefined }
          ])
        )
      } else {
        // The walk says whether the name is missing altogether or exists without servers of its own.
        const kind = zone.reason === 'no_delegation' ? 'not_delegated' : 'not_registered'
        findings.push(
          aboutRecords(
            createFinding('zone.not_found', { domain, registrable: registrableDomain(domain) ?? '', kind }, [
              { query: { name: zone.name, type: 'SOA' }, note: zone.message ?? undefined }
            ]),
            records
          )
        )
      }
    }
    return findings
  }
}
