import { createFinding, type Finding } from '../../../shared/findings'
import { namesInPlace } from './record-match'
import { authoritativeEvidence, reachable, type Rule } from './rule'

/**
 * Health of the zone's servers: each address that times out, refuses, fails or answers without
 * authority; SOA serials that differ (a secondary still syncing); parent and child NS sets that differ.
 */
export const delegationRule: Rule = {
  name: 'delegation',
  produces: ['delegation.unreachable', 'delegation.inconsistent', 'delegation.parent_child_mismatch'],
  check(obs) {
    const findings: Finding[] = []
    const seen = new Set<string>()
    for (const o of obs.authoritative) {
      if (o.status === 'ok' || o.status === 'nodata' || o.status === 'nxdomain') continue
      if (seen.has(o.address)) continue
      seen.add(o.address)
      const reason = o.status === 'refused' ? 'refused' : o.status === 'lame' ? 'lame' : o.status === 'servfail' ? 'servfail' : o.status === 'network' ? 'network' : 'timeout'
      findings.push(createFinding('delegation.unreachable', { server: o.server, address: o.address, reason }, [authoritativeEvidence(o, obs.input.type)]))
    }
    // Serials that differ while every server already serves the record hold nothing up: a later
    // edit is still syncing, but the CA will see this record wherever it asks.
    const inPlace = namesInPlace(obs)
    for (const zone of new Set(obs.authoritative.map((o) => o.zone))) {
      const namesOfZone = new Set(obs.authoritative.filter((o) => o.zone === zone).map((o) => o.name))
      if ([...namesOfZone].every((n) => inPlace.has(n))) continue
      const servers = reachable(obs.authoritative.filter((o) => o.zone === zone && o.soaSerial !== null))
      const byAddress = new Map(servers.map((o) => [o.address, o]))
      const serials = new Set([...byAddress.values()].map((o) => o.soaSerial))
      if (serials.size > 1) {
        const details = [...byAddress.values()].map((o) => `${o.server} (${o.address}): ${o.soaSerial}`).join('; ')
        findings.push(
          createFinding('delegation.inconsistent', { name: zone, what: 'serials', details }, [...byAddress.values()].map((o) => ({
            server: `${o.server} (${o.address})`,
            query: { name: zone, type: 'SOA' },
            records: [`serial ${o.soaSerial}`]
          })))
        )
      }
    }
    for (const zone of obs.zones) {
      if (!zone.found || zone.nameservers.length === 0 || zone.parentNameservers.length === 0) continue
      const parent = [...zone.parentNameservers].sort()
      const child = [...zone.nameservers].sort()
      if (parent.join(' ') !== child.join(' ')) {
        findings.push(
          createFinding('delegation.parent_child_mismatch', { zone: zone.apex!, parent, child }, [
            { query: { name: zone.apex!, type: 'NS' }, records: child, note: `parent zone delegates to: ${parent.join(', ')}` }
          ])
        )
      }
    }
    return findings
  }
}
