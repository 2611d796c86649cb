import { createFinding, type Finding } from '../../../shared/findings'
import type { AuthoritativeObservation } from '../../../shared/diagnosis-types'
import { namesInPlace } from './record-match'
import { authoritativeEvidence, groupBy, reachable, type Rule } from './rule'

/**
 * Health of the zone's servers: each address that times out, refuses, fails or answers without
 * authority; SOA serials that differ (a secondary still syncing); parent and child NS sets that differ.
 */
export const delegationRule: Rule = {
  name: 'delegation',
  produces: ['delegation.unreachable', 'delegation.inconsistent', 'delegation.parent_child_mismatch'],
  check(obs) {
    const findings: Finding[] = []
    // One finding per reason, listing each server address once (it is asked about every record name).
    const failed = groupBy(
      obs.authoritative.filter((o) => reachable([o]).length === 0),
      (o) => o.address
    ).map((perAddress) => perAddress[0]!)
    for (const group of groupBy(failed, unreachableReason)) {
      const first = group[0]!
      findings.push(
        createFinding(
          'delegation.unreachable',
          {
            server: first.server,
            address: first.address,
            servers: group.map((o) => `${o.server} (${o.address})`),
            reason: unreachableReason(first),
            ignored: group.reduce((n, o) => n + o.ignoredReplies, 0)
          },
          group.map((o) => authoritativeEvidence(o, obs.input.type))
        )
      )
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

function unreachableReason(o: AuthoritativeObservation): 'timeout' | 'refused' | 'lame' | 'servfail' | 'network' | 'malformed' {
  switch (o.status) {
    case 'refused':
    case 'lame':
    case 'servfail':
    case 'network':
    case 'malformed':
      return o.status
    default:
      return 'timeout'
  }
}
