import type { AuthoritativeObservation } from '../../../shared/diagnosis-types'
import type { Observations } from '../observations'
import { expectedRecordSets, hasExpectedValues, readRecordSet, type RecordSetReading } from './record-match'

/** A record set that some servers serve and the others have not copied yet. */
export interface SecondarySync {
  /** Servers that serve every expected value. */
  current: AuthoritativeObservation[]
  /** Servers without it, each on an older zone (lower SOA serial) than every current one. */
  lagging: AuthoritativeObservation[]
  /** The lowest serial that serves the record. */
  serial: number
}

/**
 * Servers disagree about a record set only because some are behind: every server without the record serves an
 * older version of the zone (RFC 1982 serial order) than every server with it. That is a secondary that has not
 * transferred the change yet, which it does by itself (NOTIFY, or the SOA refresh timer). Other content at the
 * same serial, or a newer one without the record, is not that: it stays `delegation.inconsistent`.
 */
export function secondarySync(reading: RecordSetReading): SecondarySync | null {
  if (reading.inPlace || reading.absent.length > 0) return null
  const current = reading.servers.filter((o) => hasExpectedValues(o, reading.set))
  const lagging = reading.servers.filter((o) => !hasExpectedValues(o, reading.set))
  if (current.length === 0 || lagging.length === 0) return null
  const serials = (list: AuthoritativeObservation[]): number[] => list.flatMap((o) => (o.soaSerial === null ? [] : [o.soaSerial]))
  const currentSerials = serials(current)
  const laggingSerials = serials(lagging)
  if (currentSerials.length < current.length || laggingSerials.length < lagging.length) return null
  if (!laggingSerials.every((l) => currentSerials.every((c) => serialBefore(l, c)))) return null
  const serial = currentSerials.reduce((low, s) => (serialBefore(s, low) ? s : low))
  return { current, lagging, serial }
}

/** Zones (as the servers were asked for them) where some record set is only waiting for a secondary to sync. */
export function syncingZones(obs: Observations): Set<string> {
  return new Set(
    expectedRecordSets(obs).flatMap((set) => {
      const reading = readRecordSet(obs, set)
      return secondarySync(reading) ? [reading.servers[0]!.zone] : []
    })
  )
}

/** RFC 1982 serial number arithmetic: `a` is before `b` (32-bit serials wrap around). */
export function serialBefore(a: number, b: number): boolean {
  const HALF = 2 ** 31
  return (a < b && b - a < HALF) || (a > b && a - b > HALF)
}
