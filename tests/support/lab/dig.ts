// dig as an independent witness in lab tests: what a real, widely trusted client sees.

import { requireBinary, runCommand } from './processes'

export interface DigRecord {
  owner: string
  ttl: number
  type: string
  /** Presentation form, as dig prints it (TXT keeps its quotes). */
  rdata: string
}

export interface DigResult {
  /** NOERROR, NXDOMAIN, SERVFAIL, REFUSED…; undefined when no answer came. */
  status?: string
  /** Header flags: 'qr', 'aa', 'rd', 'ra', 'ad', 'cd', 'tc'. */
  flags: string[]
  answer: DigRecord[]
  authority: DigRecord[]
  additional: DigRecord[]
  /** Extended DNS Errors as dig prints them: '7 (Signature Expired): (…)'. */
  ede: string[]
  /** No reply within the timeout (a silent server). */
  timedOut: boolean
  /** ICMP port unreachable (nothing listens at the address). */
  refused: boolean
  /** The whole output, for assertion messages. */
  output: string
}

/**
 * `dig @server name type options…`. One try with a 2 s timeout unless `options` say otherwise, so a
 * silent server shows as `timedOut` quickly.
 */
export async function dig(server: string, name: string, type = 'A', options: string[] = []): Promise<DigResult> {
  const defaults = [
    ...(options.some((option) => option.startsWith('+time=')) ? [] : ['+time=2']),
    ...(options.some((option) => option.startsWith('+tries=') || option.startsWith('+retry=')) ? [] : ['+tries=1'])
  ]
  const result = await runCommand(requireBinary('dig', 'bind9-dnsutils'), [`@${server}`, name, type, ...defaults, ...options], {
    timeoutMs: 30_000
  })
  return parseDigOutput(result.stdout + result.stderr)
}

export function parseDigOutput(output: string): DigResult {
  const status = /status: ([A-Z]+)/.exec(output)?.[1]
  const flags = /;; flags: ([a-z ]*);/.exec(output)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? []
  const ede = [...output.matchAll(/^; EDE: (.*)$/gm)].map((match) => match[1]!)
  return {
    status,
    flags,
    answer: sectionRecords(output, 'ANSWER'),
    authority: sectionRecords(output, 'AUTHORITY'),
    additional: sectionRecords(output, 'ADDITIONAL'),
    ede,
    timedOut: status === undefined && /timed out/.test(output),
    refused: status === undefined && /connection refused/.test(output),
    output
  }
}

function sectionRecords(output: string, section: string): DigRecord[] {
  const start = output.indexOf(`;; ${section} SECTION:\n`)
  if (start === -1) return []
  const lines = output.slice(start).split('\n').slice(1)
  const records: DigRecord[] = []
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith(';')) break
    // dig pads fields with tabs, or a space when the owner is long; rdata keeps its own spacing.
    const fields = /^(\S+)\s+(\d+)\s+\S+\s+(\S+)\s*(.*)$/.exec(line)
    if (!fields) continue
    records.push({ owner: fields[1]!, ttl: Number(fields[2]), type: fields[3]!, rdata: fields[4]! })
  }
  return records
}

/** rdata of the answer records of one type. */
export function answerRdata(result: DigResult, type: string): string[] {
  return result.answer.filter((record) => record.type === type).map((record) => record.rdata)
}
