import type { DnsRecord, ExchangeOutcome } from '../../shared/dns-types'
import { stripDot } from '../../shared/names'

/**
 * Prints an exchange the way BIND's nslookup does, so a user can hold it next to what their own
 * `nslookup -q=TXT name server` shows. Differences from nslookup: we never retry another server
 * silently, and a timeout names the server and the time waited.
 */
export function formatNslookup(outcome: ExchangeOutcome): string {
  const server = outcome.server
  const lines = [`Server:\t\t${server.host}`, `Address:\t${server.host}#${server.port}`, '']
  const name = stripDot(outcome.query.name)
  if (!outcome.ok) {
    if (outcome.code === 'timeout') lines.push(`;; connection timed out; no servers could be reached`)
    else lines.push(`;; ${outcome.message}`)
    return lines.join('\n') + '\n'
  }
  const response = outcome.response
  if (response.rcode !== 'NOERROR') {
    lines.push(`** server can't find ${name}: ${response.rcode}`)
    return lines.join('\n') + '\n'
  }
  const answers = response.answers
  if (answers.length === 0) {
    if (!response.flags.aa) lines.push('Non-authoritative answer:')
    lines.push(`*** Can't find ${name}: No answer`)
    return lines.join('\n') + '\n'
  }
  if (!response.flags.aa) lines.push('Non-authoritative answer:')
  for (const record of answers) lines.push(...formatRecord(record))
  lines.push('')
  // nslookup always adds this section after a non-authoritative answer, even when it is empty.
  if (!response.flags.aa) {
    lines.push('Authoritative answers can be found from:')
    for (const record of response.authorities.filter((r) => r.type === 'NS')) lines.push(...formatRecord(record))
    for (const record of response.additionals.filter((r) => r.data.kind === 'address')) {
      lines.push(`${stripDot(record.name)}\tinternet address = ${record.text}`)
    }
    lines.push('')
  }
  return lines.join('\n') + '\n'
}

function formatRecord(record: DnsRecord): string[] {
  const owner = stripDot(record.name)
  const d = record.data
  switch (d.kind) {
    case 'address':
      return [`Name:\t${owner}`, `Address: ${d.address}`]
    case 'txt':
      return [`${owner}\ttext = ${record.text}`]
    case 'name':
      if (record.type === 'CNAME') return [`${owner}\tcanonical name = ${record.text}`]
      if (record.type === 'NS') return [`${owner}\tnameserver = ${record.text}`]
      if (record.type === 'PTR') return [`${owner}\tname = ${record.text}`]
      return [`${owner}\t${record.type.toLowerCase()} = ${record.text}`]
    case 'mx':
      return [`${owner}\tmail exchanger = ${record.text}`]
    case 'soa':
      return [
        owner,
        `\torigin = ${stripDot(d.mname)}`,
        `\tmail addr = ${stripDot(d.rname)}`,
        `\tserial = ${d.serial}`,
        `\trefresh = ${d.refresh}`,
        `\tretry = ${d.retry}`,
        `\texpire = ${d.expire}`,
        `\tminimum = ${d.minimum}`
      ]
    case 'caa':
      // nslookup has no name for CAA and prints it by its type number.
      return [`${owner}\trdata_257 = ${record.text}`]
    default:
      return [`${owner}\t${record.type.toLowerCase()} = ${record.text}`]
  }
}
