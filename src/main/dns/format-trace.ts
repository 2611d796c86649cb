import type { DnsRecord } from '../../shared/dns-types'
import type { ResolveResult, TraceStep } from './iterative-types'
import { absolute } from '../../shared/names'
import { formatServer } from '../../shared/server-address'

/**
 * The path of an iterative resolution in the layout of `dig +trace`: for each server asked, the
 * records that moved resolution on (the referral's NS set, or the answer) and a `;; Received` line.
 * Servers that failed or answered uselessly get a comment line, as dig prints its communication
 * errors; the end of a failed resolution is one plain line saying why.
 */
export function formatTrace(result: ResolveResult): string {
  const { name, type } = result.question
  const out: string[] = [`; <<>> dnsverify +trace <<>> ${absolute(name)} ${type}`, '']
  for (const step of result.steps) out.push(...formatStep(step))
  if (result.status === 'failed') {
    out.push(`;; Resolution failed: ${result.failure.message}`)
  } else if (result.status === 'nxdomain') {
    out.push(`;; ${absolute(result.canonicalName)} does not exist (NXDOMAIN in ${zoneText(result.zone)}).`)
  } else if (result.status === 'nodata') {
    out.push(`;; ${absolute(result.canonicalName)} exists but has no ${type} records (NODATA in ${zoneText(result.zone)}).`)
  }
  return out.join('\n').replace(/\n+$/, '') + '\n'
}

/** Records of one referral printed in full; dig prints all, but a screenful tells the path. */
export const MAX_REFERRAL_RECORDS = 20

function formatStep(step: TraceStep): string[] {
  const server = `${formatServer(step.server.address)}(${step.server.name})`
  if (step.kind === 'failed') return [`;; communications error to ${server}: ${step.problem ?? 'no answer'}`, '']
  const lines: string[] = []
  switch (step.kind) {
    case 'referral': {
      // dig prints every record of a referral; one to hundreds of servers (a hostile delegation) would bury the
      // path, so past a screenful they are counted instead.
      const records = step.referral?.records ?? []
      lines.push(...records.slice(0, MAX_REFERRAL_RECORDS).map(formatRecord))
      if (records.length > MAX_REFERRAL_RECORDS) lines.push(`;; …and ${records.length - MAX_REFERRAL_RECORDS} more records in this referral (--json lists them)`)
      for (const glue of (step.referral?.ignoredGlue ?? []).slice(0, MAX_REFERRAL_RECORDS)) {
        lines.push(`;; ignored out-of-bailiwick glue: ${formatRecord(glue)}`)
      }
      break
    }
    case 'answer':
    case 'cname':
      lines.push(...step.answers.map(formatRecord))
      break
    case 'nxdomain':
    case 'nodata':
      lines.push(...step.authorities.filter((r) => r.type === 'SOA').map(formatRecord))
      break
    case 'lame':
      break
  }
  lines.push(`;; Received ${step.responseBytes} bytes from ${server} in ${Math.round(step.elapsedMs)} ms`)
  if (step.kind === 'lame') lines.push(`;; ${step.server.name} ${step.problem}; trying the next server`)
  lines.push('')
  return lines
}

/** One record as dig prints it: owner padded with tabs to column 24, then TTL, class, type and data. */
export function formatRecord(record: DnsRecord): string {
  const owner = absolute(record.name)
  const tabs = Math.max(1, Math.ceil((24 - owner.length) / 8))
  return `${owner}${'\t'.repeat(tabs)}${record.ttl}\t${record.class}\t${record.type}\t${record.text}`
}

function zoneText(zone: string): string {
  return zone === '.' ? 'the root zone' : `the zone ${absolute(zone)}`
}
