import type { DiagnosisReport } from '../../shared/diagnosis-types'
import { expectedAt, resolverDisplayStatus, serverDisplayStatus, silentZoneOf } from '../../shared/display-status'
import { findingSections } from '../../shared/finding-sections'
import { findingText, formatMessage, messageAt, type LocaleMessages } from '../../shared/format-message'
import en from '../../shared/locales/en.json'

const SEVERITY_MARK = { error: '✗', warning: '!', info: 'i', ok: '✓' } as const
const VERDICT_MARK = { verified: '✓', waiting: '…', action_needed: '✗' } as const

/**
 * The readable report the CLI prints, in the order step 4 shows it: the verdict, each record with its own verdict and
 * where it goes, then the
 * findings by section (problems, warnings, good news, information) with the same title, explanation and fix steps
 * as the UI, then the servers' and resolvers' answers. Every word comes from the locale files.
 */
export function formatReport(report: DiagnosisReport, messages: LocaleMessages = en): string {
  const say = (key: string, params: Record<string, string | number> = {}): string => formatMessage(messageAt(messages, key), params)
  const out: string[] = []
  out.push(`${say('report.verdict')}: ${say(`diagnosis.verdict.${report.verdict}`)}`)
  if (report.etaSeconds !== null) out.push(say('report.eta', { duration: formatDuration(report.etaSeconds, messages) }))
  // What to do next belongs to the verdict, not to a finding: only a verified check sends the user back to the CA.
  if (report.verdict === 'verified') out.push(say('report.verifiedNext'))
  out.push('')
  out.push(`${say('report.records')}:`)
  for (const r of report.records) {
    const silent = silentZoneOf(report, r)
    const zone = r.zone
      ? say('report.placementLine', { zone: r.zone, host: r.relativeHost ?? '' })
      : silent !== null
        ? say('report.serversDoNotAnswer', { zone: silent })
        : say('report.zoneNotFound')
    out.push(`  ${VERDICT_MARK[r.verdict]} ${r.certificateDomain} → ${r.name} ${r.type} ${JSON.stringify(r.value)}  ${say(`diagnosis.recordVerdict.${r.verdict}`)}`)
    out.push(`      (${zone})`)
  }
  out.push('')
  for (const { section, findings } of findingSections(report.findings)) {
    out.push(`${say(`diagnosis.sections.${section}`)} (${findings.length})`)
    for (const finding of findings) {
      const text = findingText(messages, finding.id, finding.params)
      out.push(`${SEVERITY_MARK[finding.severity]} ${text.title}  [${finding.id}]`)
      if (text.explain) out.push(...wrap(text.explain, '    '))
      text.fix.forEach((step, i) => out.push(...wrap(`${i + 1}. ${step}`, '    ')))
      out.push('')
    }
  }
  // With several record names, each row says which name it answered for.
  const several = new Set(report.records.map((r) => r.name)).size > 1
  const nameOf = (row: { name: string }): string => (several ? `${row.name}  ` : '')
  if (report.authoritative.length > 0) {
    out.push(`${say('report.authoritative')}:`)
    for (const a of report.authoritative) {
      const values = a.cname ? `CNAME ${a.cname}` : a.values.map((v) => JSON.stringify(v)).join(', ') || '-'
      const expected = expectedAt(report.records, a)
      const status = say(`ui.status.server.${serverDisplayStatus(a, expected.values, expected.type)}`)
      const ignored = a.ignoredReplies > 0 ? ` (${a.ignoredReplies} ignored)` : ''
      out.push(
        `  ${nameOf(a)}${a.server} (${a.address})  ${status}${ignored}  ${values}${a.ttl !== null ? `  TTL ${a.ttl}` : ''}${a.soaSerial !== null ? `  serial ${a.soaSerial}` : ''}`
      )
    }
    out.push('')
  }
  if (report.resolvers.length > 0) {
    out.push(`${say('report.resolvers')}:`)
    for (const r of report.resolvers) {
      const values = r.values.map((v) => JSON.stringify(v)).join(', ') || '-'
      const expected = expectedAt(report.records, r)
      const status = say(`ui.status.resolver.${resolverDisplayStatus(r, expected.values, expected.type)}`)
      const ttl =
        r.ttl !== null
          ? `  TTL ${r.ttl}`
          : r.negativeTtl !== null && r.reading !== 'different_view'
            ? `  ${say('report.negativeTtl', { seconds: r.negativeTtl })}`
            : ''
      out.push(`  ${nameOf(r)}${r.label}  ${status}  ${values}${ttl}`)
    }
    out.push('')
  }
  out.push(say('report.checkedIn', { ms: report.elapsedMs, at: report.startedAt }))
  return out.join('\n') + '\n'
}

/** `75` → `1 min 15 s`, in the words of `messages`. */
export function formatDuration(seconds: number, messages: LocaleMessages = en): string {
  const unit = (key: 'seconds' | 'minutes' | 'hours', n: number): string => formatMessage(messageAt(messages, `report.duration.${key}`), { n })
  if (seconds < 60) return unit('seconds', seconds)
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  if (m < 60) return s ? `${unit('minutes', m)} ${unit('seconds', s)}` : unit('minutes', m)
  return `${unit('hours', Math.floor(m / 60))} ${unit('minutes', m % 60)}`
}

function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(' ')) {
      if (line && (indent + line + ' ' + word).length > width) {
        lines.push(indent + line)
        line = word
      } else line = line ? `${line} ${word}` : word
    }
    lines.push(indent + line)
  }
  return lines
}
