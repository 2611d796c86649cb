/**
 * A diagnosis report as text to hand on: Markdown to paste into a support ticket (verdict, where the record goes,
 * each finding with its explanation and fix in the user's language, then the raw observations as tables), or the
 * report object as pretty-printed JSON.
 *
 * Every word comes from the locale files, as in the UI and the CLI: findings from `findings.<id>.*`, headings and
 * column names from `report.*`, server states from `ui.status.*`. Findings are grouped as step 4 shows them.
 */
import type { AppSettings, ReportFormat } from '../../shared/api'
import type { DiagnosisReport } from '../../shared/diagnosis-types'
import { expectedAt, resolverDisplayStatus, serverDisplayStatus, silentZoneOf } from '../../shared/display-status'
import { findingSections } from '../../shared/finding-sections'
import type { FindingParams, Finding } from '../../shared/findings'
import { findingText, formatMessage, messageAt, type LocaleMessages } from '../../shared/format-message'
import en from '../../shared/locales/en.json'
import es from '../../shared/locales/es.json'
import zhCN from '../../shared/locales/zh-CN.json'
import { getProvider } from '../diagnosis/catalogs/providers'
import { formatDuration } from '../diagnosis/format-report'

type Locale = AppSettings['locale']

const LOCALES: Record<Locale, LocaleMessages> = { en, 'zh-CN': zhCN, es }

/** The report as Markdown for a support ticket, or as pretty-printed JSON. */
export function renderReport(report: DiagnosisReport, format: ReportFormat, locale: Locale): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n'
  return renderMarkdown(report, locale)
}

function renderMarkdown(report: DiagnosisReport, locale: Locale): string {
  const messages = LOCALES[locale]
  const label = (key: string, params: Record<string, string | number> = {}): string => formatMessage(message(messages, `report.${key}`), params)
  // A record without a zone: its zone's servers all failed to answer, or there is no zone at all.
  const zoneNotServed = (silent: string | null): string => (silent !== null ? label('serversDoNotAnswer', { zone: silent }) : label('zoneNotFound'))
  const out: string[] = []
  const domains = [...new Set(report.records.map((r) => r.certificateDomain))].map((d) => escapeText(d)).join(', ')
  out.push(`# ${label('title')}: ${domains}`, '')
  out.push(`**${label('verdict')}: ${escapeText(message(messages, `diagnosis.verdict.${report.verdict}`))}**`, '')
  out.push(`- ${label('checked')}: ${escapeText(report.startedAt)} (${report.elapsedMs} ms)`)
  if (report.provider) {
    const name = getProvider(report.provider.id)?.names[locale] ?? report.provider.name
    out.push(`- ${label('dnsHost')}: ${escapeText(name)} (${report.provider.nameservers.map(code).join(', ')})`)
  }
  if (report.etaSeconds !== null) out.push(`- ${label('eta', { duration: formatDuration(report.etaSeconds, messages) })}`)
  out.push('')

  // Every record of the order, each with where it goes and its own verdict.
  out.push(`## ${label('records')}`, '')
  out.push(
    ...table(
      [label('certificateDomain'), label('recordName'), label('type'), label('value'), label('zone'), label('hostField'), label('recordVerdict')],
      report.records.map((r) => [
        cellCode(r.certificateDomain),
        cellCode(r.name),
        cellCode(r.type),
        cellCode(r.value),
        r.zone !== null ? cellCode(r.zone) : escapeText(zoneNotServed(silentZoneOf(report, r))),
        r.relativeHost === null ? '' : cellCode(r.relativeHost),
        escapeText(message(messages, `diagnosis.recordVerdict.${r.verdict}`))
      ])
    ),
    ''
  )

  out.push(`## ${label('findings')}`, '')
  if (report.findings.length === 0) out.push(label('noFindings'), '')
  for (const { section, findings } of findingSections(report.findings)) {
    out.push(`### ${escapeText(message(messages, `diagnosis.sections.${section}`))}`, '')
    for (const finding of findings) out.push(...renderFinding(finding, messages, label))
  }

  const none = label('none')
  if (report.authoritative.length > 0) {
    out.push(`## ${label('authoritative')}`, '')
    out.push(
      ...table(
        [label('name'), label('server'), label('address'), label('status'), label('values'), label('ttl'), label('serial')],
        report.authoritative.map((a) => [
          cellCode(a.name),
          cellCode(a.server),
          cellCode(a.address),
          escapeText(message(messages, `ui.status.server.${statusOf(a, report)}`)),
          a.cname ? `CNAME ${cellCode(a.cname)}` : codeList(a.values, none),
          a.ttl === null ? '' : String(a.ttl),
          a.soaSerial === null ? '' : String(a.soaSerial)
        ])
      ),
      ''
    )
  }

  if (report.resolvers.length > 0) {
    out.push(`## ${label('resolvers')}`, '')
    out.push(
      ...table(
        [label('resolver'), label('address'), label('status'), label('values'), label('ttl')],
        report.resolvers.map((r) => [
          escapeText(r.label),
          cellCode(r.address),
          escapeText(message(messages, `ui.status.resolver.${resolverStatusOf(r, report)}`) + (r.extendedError ? ` (${r.extendedError})` : '')),
          codeList(r.values, none),
          r.ttl !== null ? String(r.ttl) : r.negativeTtl !== null && r.reading !== 'different_view' ? escapeText(label('negativeTtl', { seconds: r.negativeTtl })) : ''
        ])
      ),
      ''
    )
  }

  if (report.caa.length > 0) {
    out.push(`## ${label('caa')}`, '')
    out.push(
      ...table(
        [label('certificateDomain'), label('foundAt'), label('records')],
        report.caa.map((c) => [
          cellCode(c.certificateDomain),
          c.foundAt === null ? none : cellCode(c.foundAt),
          c.records.length === 0 ? none : c.records.map((r) => cellCode(`${r.flags} ${r.tag} "${r.value}"`)).join('<br>')
        ])
      ),
      ''
    )
  }
  return out.join('\n')
}

function statusOf(row: DiagnosisReport['authoritative'][number], report: DiagnosisReport): string {
  const expected = expectedAt(report.records, row)
  return serverDisplayStatus(row, expected.values, expected.type)
}

function resolverStatusOf(row: DiagnosisReport['resolvers'][number], report: DiagnosisReport): string {
  const expected = expectedAt(report.records, row)
  return resolverDisplayStatus(row, expected.values, expected.type)
}

function renderFinding(finding: Finding, messages: LocaleMessages, label: (key: string) => string): string[] {
  const params = escapeParams(finding.params)
  let text = findingText(messages, finding.id, params, finding.params)
  if (text.title === finding.id && messages !== en) text = findingText(en, finding.id, params, finding.params)
  const severity = message(messages, `diagnosis.severity.${finding.severity}`)
  const out = [`#### ${escapeText(severity)}: ${text.title}`, '', code(finding.id), '']
  if (text.explain) out.push(text.explain, '')
  if (text.fix.length > 0) {
    out.push(`**${label('howToFix')}:**`, '')
    text.fix.forEach((step, i) => out.push(`${i + 1}. ${step}`))
    out.push('')
  }
  if (finding.evidence.length > 0) {
    out.push(`${label('evidence')}:`, '')
    for (const e of finding.evidence) {
      const parts = [
        e.server && code(e.server),
        e.resolver && escapeText(e.resolver),
        e.query && code(`${e.query.name} ${e.query.type}`),
        e.rcode && escapeText(e.rcode),
        e.records && e.records.length > 0 && e.records.map(code).join(', '),
        e.ttl !== undefined && `TTL ${e.ttl}`,
        e.note && escapeText(e.note),
        e.at && escapeText(e.at)
      ].filter((p): p is string => typeof p === 'string' && p !== '')
      if (parts.length > 0) out.push(`- ${parts.join(' · ')}`)
    }
    out.push('')
  }
  return out
}

/** A locale message, falling back to English. */
function message(messages: LocaleMessages, key: string): string {
  const found = messageAt(messages, key)
  return found === key ? messageAt(en, key) : found
}

/** Params with Markdown syntax escaped, so DNS data cannot turn into links, images or markup in a ticket. */
function escapeParams(params: FindingParams): FindingParams {
  const out: FindingParams = {}
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') out[key] = escapeText(value)
    else if (Array.isArray(value)) out[key] = value.map(escapeText)
    else out[key] = value
  }
  return out
}

/** Plain text on one line with Markdown and HTML syntax characters escaped. */
export function escapeText(value: string): string {
  return oneLine(value).replace(/[\\`*_[\]<>|#!~]/g, (ch) => `\\${ch}`)
}

/** An inline code span that survives any backticks in the value. */
export function code(value: string): string {
  return codeSpan(value, false)
}

/** A code span for a table cell, where GFM needs `|` escaped even inside code. */
function cellCode(value: string): string {
  return codeSpan(value, true)
}

function codeSpan(value: string, inTable: boolean): string {
  const text = oneLine(value)
  if (text === '') return '""'
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : ''
  return `${fence}${pad}${inTable ? text.replace(/\|/g, '\\|') : text}${pad}${fence}`
}

function codeList(values: readonly string[], none: string): string {
  return values.length === 0 ? none : values.map(cellCode).join('<br>')
}

function oneLine(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ')
}

function table(headers: string[], rows: string[][]): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
}
