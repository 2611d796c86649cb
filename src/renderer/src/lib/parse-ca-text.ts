/**
 * Reads the block of text a certificate authority shows on its order page or sends by e-mail, and picks out the
 * host record, the record type and the record value (and the domain when it is labelled). Pure: no DOM, no Vue.
 *
 * Formats it understands (mixed freely, labels in English, Chinese or Spanish, any case):
 * - label/value pairs: `Host record: _dnsauth / Record type: TXT / Record value: 2024...`, one per line or several
 *   on one line, with `:`, `：`, `=` or a tab between label and value;
 * - tables copied from a web page: a header row (`Host record | Record type | Record value`, tab or `|` or
 *   2+ spaces between cells) followed by a row of values;
 * - zone-file lines: `_acme-challenge.example.com. 300 IN TXT "value"`;
 * - Certbot's prose: `... under the name:\n\n_acme-challenge.example.com.\n\nwith the following value:\n\nvalue`;
 * - prose that names the type (`create a DNS TXT record`) when no label does.
 */

import { unquoteTxtValue } from '@shared/txt-value'

export type ParsedRecordType = 'TXT' | 'CNAME'

export interface ParsedCaText {
  host: string | null
  type: ParsedRecordType | null
  value: string | null
  domain: string | null
}

export type Field = keyof ParsedCaText

/** Labels per field. Longer labels win over shorter ones they contain (`Record value` over `Value`). */
const LABELS: Record<Field, string[]> = {
  host: [
    'host record',
    'host name',
    'hostname',
    'host',
    'record name',
    'dns record name',
    'txt record name',
    'cname record name',
    'name',
    'subdomain',
    'alias',
    '主机记录',
    '主机名',
    '记录名称',
    '记录名',
    '子域名',
    '主机',
    'registro de host',
    'nombre de host',
    'nombre del registro',
    'nombre',
    'host de registro'
  ],
  type: ['record type', 'dns record type', 'type', '记录类型', '类型', 'tipo de registro', 'tipo'],
  value: [
    'record value',
    'txt record value',
    'txt value',
    'cname value',
    'dns txt value',
    'random value',
    'dcv random value',
    'verification value',
    'verification code',
    'value',
    'content',
    'data',
    'points to',
    'target',
    'token',
    '记录值',
    '记录内容',
    '解析值',
    '值',
    'valor del registro',
    'valor',
    'contenido',
    'destino'
  ],
  domain: ['domain name', 'domain', 'common name', '域名', '绑定域名', 'dominio', 'nombre de dominio']
}

interface LabelEntry {
  field: Field
  label: string
}

const LABEL_ENTRIES: LabelEntry[] = (Object.entries(LABELS) as [Field, string[]][])
  .flatMap(([field, labels]) => labels.map((label) => ({ field, label })))
  .sort((a, b) => b.label.length - a.label.length)

export const LABEL_BY_TEXT = new Map(LABEL_ENTRIES.map((entry) => [entry.label, entry.field]))

function isCjk(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function labelPattern(label: string): string {
  const body = escapeRegExp(label).replace(/ /g, '\\s+')
  // Latin labels must stand alone (not `hostname` inside `myhostname`); CJK text has no spaces between words.
  return isCjk(label) ? body : `(?<![\\p{L}\\p{N}_.-])${body}`
}

// One label followed by `:` / `=` (after optional spaces), or by a tab.
export const INLINE_LABEL = new RegExp(
  `(${LABEL_ENTRIES.map((entry) => labelPattern(entry.label)).join('|')})(?:\\s*\\(\\s*[^)\\n]{0,20}\\))?(?:[ \\u3000]*[:=]|\\t+)`,
  'giu'
)

/** Replaces the look-alike characters a web page or an e-mail puts in copied text. */
export function normalizeCopiedText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u00a0\u2007\u202f\u3000]/g, ' ')
    .replace(/：/g, ':')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[“”„]/g, '"')
    .replace(/[‘’]/g, "'")
}

const TRAILING_SEPARATORS = /[\s/|;,，；、]+$/u
const LEADING_SEPARATORS = /^[\s/|;,，；、]+/u

function cleanValue(raw: string): string {
  return raw.replace(LEADING_SEPARATORS, '').replace(TRAILING_SEPARATORS, '').trim()
}

export function recordTypeOf(text: string): ParsedRecordType | null {
  const match = /\b(TXT|CNAME)\b/i.exec(text)
  return match ? (match[1]!.toUpperCase() as ParsedRecordType) : null
}

export function cleanHost(text: string): string {
  return text.trim().replace(/^["'`]|["'`]$/g, '').replace(/\.$/, '')
}

export function cleanField(field: Field, raw: string): string | null {
  const text = cleanValue(raw)
  if (text === '') return null
  if (field === 'type') return recordTypeOf(text)
  if (field === 'host') return cleanHost(text.split(/\s+/)[0] ?? '') || null
  if (field === 'domain') return cleanHost(text.split(/\s+/)[0] ?? '') || null
  // Zone-file quotes, acme.sh's single quotes (`TXT value: 'abc'`): the same reading the engine gives a typed value.
  return unquoteTxtValue(text) || null
}

function emptyResult(): ParsedCaText {
  return { host: null, type: null, value: null, domain: null }
}

function merge(into: ParsedCaText, from: Partial<ParsedCaText>): void {
  for (const key of Object.keys(from) as Field[]) {
    const value = from[key]
    if (into[key] === null && value !== null && value !== undefined) (into as Record<Field, string | null>)[key] = value
  }
}

/** `label: value` pairs anywhere in the text, several per line allowed. */
function parseLabelled(text: string): Partial<ParsedCaText> {
  const found: Partial<ParsedCaText> = {}
  const matches = [...text.matchAll(INLINE_LABEL)]
  matches.forEach((match, index) => {
    const label = match[1]!.toLowerCase().replace(/\s+/g, ' ')
    const field = LABEL_BY_TEXT.get(label)
    if (!field || found[field]) return
    const start = match.index! + match[0].length
    const end = matches[index + 1]?.index ?? text.length
    const segment = text.slice(start, end)
    // The value is on the label's line; when that is empty, on the next non-empty line ("Value:\n  abc").
    const lines = segment.split('\n')
    const sameLine = lines[0] ?? ''
    const raw = sameLine.trim() !== '' ? sameLine : (lines.slice(1).find((line) => line.trim() !== '') ?? '')
    const value = cleanField(field, raw)
    if (value !== null) found[field] = value as never
  })
  return found
}

const MAX_LABEL_CELL = 64

export function splitCells(line: string): string[] {
  const byTabOrBar = line.split(/\t|\|/).map((cell) => cell.trim())
  const cells = byTabOrBar.length > 1 ? byTabOrBar : line.split(/ {2,}/).map((cell) => cell.trim())
  // Markdown-style tables start and end with `|`.
  while (cells[0] === '') cells.shift()
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop()
  return cells
}

export function fieldOfHeader(cell: string): Field | undefined {
  // A label is a few words: a longer cell is data (and never worth the regular expressions below).
  if (cell.length > MAX_LABEL_CELL) return undefined
  // `主机记录(Host)`, `Record value:`: the label without its note in parentheses or its colon.
  const label = cell.toLowerCase().replace(/[:：]\s*$/, '').replace(/\s*\([^)]{0,20}\)\s*$/, '')
  return LABEL_BY_TEXT.get(label.replace(/\s+/g, ' ').trim())
}

/** A header row of labels followed by a row of values (web tables copied as tab-separated text). */
function parseTable(text: string): Partial<ParsedCaText> {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !/^[\s|:-]+$/.test(line))
  for (let i = 0; i < lines.length - 1; i++) {
    const header = splitCells(lines[i]!)
    if (header.length < 2) continue
    const fields = header.map(fieldOfHeader)
    if (fields.filter((field) => field !== undefined).length < 2) continue
    const values = splitCells(lines[i + 1]!)
    if (values.length !== header.length) continue
    const found: Partial<ParsedCaText> = {}
    fields.forEach((field, column) => {
      if (field && !found[field]) {
        const value = cleanField(field, values[column] ?? '')
        if (value !== null) found[field] = value as never
      }
    })
    return found
  }
  return {}
}

/** `_acme-challenge.example.com. 300 IN TXT "value"` (zone file / dig output). */
function parseZoneLine(text: string): Partial<ParsedCaText> {
  for (const line of text.split('\n')) {
    const match = /^\s*([\w*.-]+\.?)\s+(?:\d+\s+)?(?:IN\s+)?(TXT|CNAME)\s+(\S.*)$/i.exec(line)
    if (!match) continue
    const value = unquoteTxtValue(cleanValue(match[3]!))
    if (!/[._]/.test(match[1]!)) continue // a word followed by "TXT", not an owner name
    return { host: cleanHost(match[1]!), type: match[2]!.toUpperCase() as ParsedRecordType, value: value || null }
  }
  return {}
}

/** Certbot's manual mode: "... under the name:\n\n<name>\n\nwith the following value:\n\n<value>". */
function parseCertbot(text: string): Partial<ParsedCaText> {
  const found: Partial<ParsedCaText> = {}
  // `[ \t]*\n` rather than `\s*\n`: one way to match a run of blank lines, never a search that grows with its square.
  const name = /under the name:?[ \t]*\n\s*([\w*.-]+\.?)[ \t]*(?:\n|$)/i.exec(text)
  if (name) found.host = cleanHost(name[1]!)
  const value = /with the following value:?[ \t]*\n\s*(\S+)[ \t]*(?:\n|$)/i.exec(text)
  if (value) found.value = unquoteTxtValue(value[1]!)
  if (name || value) {
    const type = recordTypeOf(text)
    if (type) found.type = type
  }
  return found
}

/** Reads what it can; fields it cannot find stay null. */
export function parseCaText(input: string): ParsedCaText {
  const text = normalizeCopiedText(input)
  const result = emptyResult()
  merge(result, parseTable(text))
  merge(result, parseCertbot(text))
  merge(result, parseLabelled(text))
  merge(result, parseZoneLine(text))
  if (result.type === null) result.type = recordTypeOf(text)
  if (result.type === null && result.host !== null && /^_acme-challenge(\.|$)/i.test(result.host)) result.type = 'TXT'
  return result
}

/** How many of host, type and value were found (the paste box says "filled 3 of 3"). */
export function countRecordFields(parsed: ParsedCaText): number {
  return [parsed.host, parsed.type, parsed.value].filter((field) => field !== null).length
}
