import type { DiagnosisReport } from '../../shared/diagnosis-types'
import { findingText, messageAt, type LocaleMessages } from '../../shared/format-message'
import en from '../../shared/locales/en.json'

const SEVERITY_MARK = { error: '✗', warning: '!', info: 'i', ok: '✓' } as const

/**
 * The readable report the CLI prints: the verdict, where the record goes, then each finding with
 * the same title, explanation and fix steps the UI shows (from the English locale file), and the
 * evidence tables.
 */
export function formatReport(report: DiagnosisReport, messages: LocaleMessages = en): string {
  const out: string[] = []
  out.push(`Verdict: ${messageAt(messages, `diagnosis.verdict.${report.verdict}`)}`)
  if (report.etaSeconds !== null) out.push(`Expected to be visible everywhere in about ${formatDuration(report.etaSeconds)}.`)
  out.push('')
  out.push('Where the record goes:')
  for (const p of report.placements) {
    const zone = p.zone ? `zone ${p.zone}, host to type: ${p.relativeHost}` : 'zone not found'
    out.push(`  ${p.certificateDomain} → ${p.name} (${zone})`)
  }
  out.push('')
  for (const finding of report.findings) {
    const text = findingText(messages, finding.id, finding.params)
    out.push(`${SEVERITY_MARK[finding.severity]} ${text.title}  [${finding.id}]`)
    if (text.explain) out.push(...wrap(text.explain, '    '))
    text.fix.forEach((step, i) => out.push(...wrap(`${i + 1}. ${step}`, '    ')))
    out.push('')
  }
  if (report.authoritative.length > 0) {
    out.push('Authoritative servers:')
    for (const a of report.authoritative) {
      const values = a.cname ? `CNAME ${a.cname}` : a.values.map((v) => JSON.stringify(v)).join(', ') || '-'
      out.push(`  ${a.server} (${a.address})  ${a.status.toUpperCase()}  ${values}${a.ttl !== null ? `  TTL ${a.ttl}` : ''}${a.soaSerial !== null ? `  serial ${a.soaSerial}` : ''}`)
    }
    out.push('')
  }
  if (report.resolvers.length > 0) {
    out.push('Resolvers:')
    for (const r of report.resolvers) {
      const values = r.values.map((v) => JSON.stringify(v)).join(', ') || '-'
      const ttl = r.ttl !== null ? `  TTL ${r.ttl}` : r.negativeTtl !== null ? `  negative TTL ${r.negativeTtl}` : ''
      out.push(`  ${r.label}  ${r.status.toUpperCase()}  ${values}${ttl}`)
    }
    out.push('')
  }
  out.push(`Checked in ${report.elapsedMs} ms at ${report.startedAt}.`)
  return out.join('\n') + '\n'
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  if (m < 60) return s ? `${m} min ${s} s` : `${m} min`
  return `${Math.floor(m / 60)} h ${m % 60} min`
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
