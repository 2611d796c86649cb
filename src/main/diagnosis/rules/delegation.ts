import { createFinding, type Finding } from '../../../shared/findings'
import type { AuthoritativeObservation } from '../../../shared/diagnosis-types'
import { aboutRecords, namesInPlace } from './record-match'
import { authoritativeEvidence, groupBy, reachable, type Rule } from './rule'
import { silentZones } from './silent-zones'
import { syncingZones } from './secondary-sync'

/**
 * Health of the zone's servers: a zone none of whose servers answers (an error: the CA can ask no one else); each
 * address that times out, refuses, fails or answers without authority beside others that answer; SOA serials that
 * differ (other content at one serial: a secondary behind on serial is `propagation.secondary_syncing`, from the
 * record-value rule); parent and child NS sets that differ.
 */
export const delegationRule: Rule = {
  name: 'delegation',
  produces: ['delegation.no_server_answers', 'delegation.unreachable', 'delegation.inconsistent', 'delegation.parent_child_mismatch'],
  check(obs) {
    const findings: Finding[] = []
    const silent = silentZones(obs)
    for (const zone of silent) {
      const first = zone.servers[0]!
      const finding = createFinding(
        'delegation.no_server_answers',
        { zone: zone.zone, servers: zone.servers.map((o) => `${o.server} (${o.address})`), reason: unreachableReason(first) },
        zone.servers.map((o) => authoritativeEvidence(o, o.type))
      )
      findings.push(aboutRecords(finding, zone.records))
    }
    // One finding per reason, listing each server address once (it is asked about every record name). Servers of a
    // zone where none answers are in the finding above.
    const silentNames = new Set(silent.map((z) => z.zone))
    const failed = groupBy(
      obs.authoritative.filter((o) => reachable([o]).length === 0 && !silentNames.has(o.zone)),
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
          group.map((o) => authoritativeEvidence(o, o.type))
        )
      )
    }
    // Serials that differ while every server already serves the record hold nothing up: a later
    // edit is still syncing, but the CA will see this record wherever it asks.
    // A zone whose servers without the record are only behind on serial is one finding (a secondary syncing).
    const inPlace = namesInPlace(obs)
    const syncing = syncingZones(obs)
    for (const zone of new Set(obs.authoritative.map((o) => o.zone))) {
      const namesOfZone = new Set(obs.authoritative.filter((o) => o.zone === zone).map((o) => o.name))
      if ([...namesOfZone].every((n) => inPlace.has(n)) || syncing.has(zone)) continue
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
