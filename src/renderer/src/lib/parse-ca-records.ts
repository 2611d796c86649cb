/**
 * Every record a CA text lists, for orders with several domains. Pure: no DOM, no Vue.
 *
 * The multi-domain forms it reads (en and zh, mixed freely):
 * - a table with a row per domain (`域名 | 主机记录 | 记录类型 | 记录值`, `Domain | Host | Type | Value`), copied as
 *   tab-, `|`- or space-separated rows, or with every cell on a line of its own (tables built from `<div>`s);
 * - the same labels repeated per domain, as CA e-mails list them (`Domain: … Host: … Value: …`, `域名：… 主机记录：…`);
 * - zone-file lines (`_acme-challenge.example.com. 300 IN TXT "…"`), one per record;
 * - Certbot's challenges one after the other, and acme.sh's `Domain: '_acme-challenge…' / TXT value: '…'` pairs.
 *
 * Forms that name only the record give the domain in it: the name without `_acme-challenge.` (or `_dnsauth.`, or
 * Sectigo's `_<hash>.`); when two tokens go to the same name (a wildcard and its apex) the second is the wildcard's.
 * Hosts stay as the CA shows them (`_dnsauth.shop` for `shop.example.com`): the shared placement rules read them.
 */
import {
  cleanField,
  countRecordFields,
  fieldOfHeader,
  INLINE_LABEL,
  LABEL_BY_TEXT,
  normalizeCopiedText,
  parseCaText,
  recordTypeOf,
  splitCells,
  type Field,
  type ParsedCaText,
  type ParsedRecordType
} from './parse-ca-text'

/** One record read from the text; what it does not say stays null. */
export type ParsedRecord = ParsedCaText

type Found = Partial<ParsedRecord>

function record(found: Found): ParsedRecord {
  return { domain: found.domain ?? null, host: found.host ?? null, type: found.type ?? null, value: found.value ?? null }
}

function withValues(records: readonly Found[]): number {
  return records.filter((r) => r.value !== undefined).length
}

/** The cells of a row, by column, as the record's fields (unknown columns such as a status are left out). */
function fromCells(cells: readonly string[], fields: readonly (Field | undefined)[]): Found {
  const found: Found = {}
  fields.forEach((field, column) => {
    if (!field || found[field] !== undefined) return
    const value = cleanField(field, cells[column] ?? '')
    if (value !== null) found[field] = value as never
  })
  return found
}

/** A row that can be a record of this table: it reaches every known column, and its type cell is a type. */
function rowFits(cells: readonly string[], header: readonly string[], fields: readonly (Field | undefined)[]): boolean {
  const lastField = fields.reduce((last, field, i) => (field ? i : last), -1)
  if (cells.length <= lastField || cells.length > header.length) return false
  // Labels again (a header repeated, a second table) are not a record.
  if (cells.every((cell) => cell === '' || fieldOfHeader(cell) !== undefined)) return false
  const typeColumn = fields.indexOf('type')
  return typeColumn < 0 || recordTypeOf(cells[typeColumn] ?? '') !== null
}

function isTableHeader(fields: readonly (Field | undefined)[]): boolean {
  const known = fields.filter((f) => f !== undefined)
  return new Set(known).size >= 2 && (known.includes('host') || known.includes('value'))
}

/** A header row of labels, then a row of cells per record (tab, `|` or runs of spaces between cells). */
function tableRows(text: string): Found[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !/^[\s|:-]+$/.test(line))
  for (let i = 0; i < lines.length - 1; i++) {
    const header = splitCells(lines[i]!)
    const fields = header.map(fieldOfHeader)
    if (header.length < 2 || !isTableHeader(fields)) continue
    const rows: Found[] = []
    for (const line of lines.slice(i + 1)) {
      const cells = splitCells(line)
      if (!rowFits(cells, header, fields)) break
      rows.push(fromCells(cells, fields))
    }
    if (rows.length > 0) return rows
  }
  return []
}

/** A cell that can be in this column: a type is a type, a domain has a dot and no space. */
function cellFits(field: Field | undefined, cell: string): boolean {
  if (field === 'type') return recordTypeOf(cell) !== null
  if (field === 'domain') return /^\S+\.\S+$/.test(cell)
  return fieldOfHeader(cell) === undefined
}

/** A table copied with every cell on its own line: the header labels one per line, then the cells row by row. */
function cellPerLineRows(text: string): Found[] {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '')
  for (let start = 0; start < lines.length; start++) {
    let end = start
    while (end < lines.length && fieldOfHeader(lines[end]!) !== undefined) end++
    const fields = lines.slice(start, end).map(fieldOfHeader)
    if (fields.length < 3 || !isTableHeader(fields)) continue
    const rows: Found[] = []
    for (let at = end; at + fields.length <= lines.length; at += fields.length) {
      const cells = lines.slice(at, at + fields.length)
      if (!cells.every((cell, column) => cellFits(fields[column], cell))) break
      rows.push(fromCells(cells, fields))
    }
    if (rows.length > 0) return rows
    start = end
  }
  return []
}

const ZONE_LINE = /^\s*([\w*.-]+\.?)\s+(?:\d+\s+)?(?:IN\s+)?(TXT|CNAME)\s+(\S.*)$/i

/** `_acme-challenge.example.com. 300 IN TXT "…"` lines (a zone file, dig output, a CA's list of CNAMEs). */
function zoneLines(text: string): Found[] {
  return text.split('\n').flatMap((line) => {
    const match = ZONE_LINE.exec(line)
    // A word followed by "TXT" in prose is not an owner name: a name has a dot or an underscore.
    if (!match || !/[._]/.test(match[1]!)) return []
    return [{ host: cleanField('host', match[1]!) ?? undefined, type: match[2]!.toUpperCase() as ParsedRecordType, value: cleanField('value', match[3]!) ?? undefined }]
  })
}

// Each run of blank lines matches one way only (`[ \t]*\n\s*`), and the gap between name and value is bounded: a
// hostile paste costs time in proportion to its length.
const CERTBOT_CHALLENGE = /under the name:?[ \t]*\n\s*([\w*.-]+\.?)[ \t]*\n[\s\S]{0,200}?with the following value:?[ \t]*\n\s*(\S+)/gi

/** Certbot's manual mode asks for each challenge in turn: "under the name: … with the following value: …". */
function certbotChallenges(text: string): Found[] {
  return [...text.matchAll(CERTBOT_CHALLENGE)].map((m) => ({ host: cleanField('host', m[1]!) ?? undefined, type: 'TXT' as const, value: cleanField('value', m[2]!) ?? undefined }))
}

/**
 * `label: value` pairs, a new record each time a field comes back (`Domain: a … Value: x … Domain: b …`): the blocks
 * of an e-mail that lists its domains one after the other.
 */
function labelledBlocks(text: string): Found[] {
  const blocks: Found[] = []
  let current: Found = {}
  const matches = [...text.matchAll(INLINE_LABEL)]
  matches.forEach((match, index) => {
    const field = LABEL_BY_TEXT.get(match[1]!.toLowerCase().replace(/\s+/g, ' '))
    if (!field) return
    const start = match.index! + match[0].length
    const end = matches[index + 1]?.index ?? text.length
    // The value is on the label's line; when that is empty, on the next non-empty line ("Value:\n  abc").
    const lines = text.slice(start, end).split('\n')
    const raw = lines[0]?.trim() ? lines[0] : (lines.slice(1).find((line) => line.trim() !== '') ?? '')
    const value = cleanField(field, raw)
    if (value === null) return
    if (current[field] !== undefined) {
      blocks.push(current)
      current = {}
    }
    current[field] = value as never
  })
  blocks.push(current)
  return blocks.filter((b) => b.host !== undefined || b.value !== undefined)
}

/**
 * The domain a full record name is for: the name without its first, underscore label (`_acme-challenge.example.com`,
 * `_dnsauth.example.com`, Sectigo's `_<hash>.www.example.com`); null for a relative host (`_dnsauth.www`).
 */
function domainOfRecordName(name: string): string | null {
  const match = /^_[^.]+\.([^.]+\.[^.]+.*)$/.exec(name)
  return match ? match[1]!.toLowerCase() : null
}

/** The one value every record that has this field agrees on, or null. */
function sharedValue<F extends 'host' | 'type'>(records: readonly Found[], field: F): Found[F] | null {
  const values = new Set(records.map((r) => r[field]).filter((v) => v !== undefined))
  return values.size === 1 ? [...values][0]! : null
}

/** Fills what one record leaves open from the others and from the text, and puts each field where it belongs. */
function completeRecords(found: readonly Found[], text: string): ParsedRecord[] {
  const records = found.map((r) => ({ ...r }))
  const mentioned = [...new Set([...text.matchAll(/\b(TXT|CNAME)\b/gi)].map((m) => m[1]!.toUpperCase()))]
  const textType = mentioned.length === 1 ? (mentioned[0] as ParsedRecordType) : null
  const host = sharedValue(records, 'host')
  const type = sharedValue(records, 'type')
  const derived = new Set<number>()
  records.forEach((r, i) => {
    // acme.sh labels the record's name "Domain": it is the host, and the domain is in it.
    if (r.domain?.startsWith('_')) {
      r.host ??= r.domain
      r.domain = undefined
    }
    r.host ??= host ?? undefined
    r.type ??= type ?? (r.host && /^_acme-challenge(\.|$)/i.test(r.host) ? 'TXT' : (textType ?? undefined))
    if (r.domain === undefined && r.host) {
      const domain = domainOfRecordName(r.host)
      if (domain !== null) {
        r.domain = domain
        derived.add(i)
      }
    }
  })
  // A wildcard and its apex each bring a token to the same name (ACME, some CAs' `_dnsauth`): the second one found is
  // the wildcard's.
  records.forEach((r, i) => {
    if (!derived.has(i)) return
    const earlier = records.slice(0, i).some((o) => o.domain === r.domain && o.host?.toLowerCase() === r.host?.toLowerCase())
    if (earlier && !records.some((o) => o.domain === `*.${r.domain}`)) r.domain = `*.${r.domain}`
  })
  return records.map(record)
}

/**
 * Every record the text lists: several when it lists several domains, else the one `parseCaText` finds, else none.
 * Of the forms that find several, the one that finds the most values wins.
 */
export function parseCaRecords(input: string): ParsedRecord[] {
  const text = normalizeCopiedText(input)
  const candidates = [tableRows(text), cellPerLineRows(text), zoneLines(text), certbotChallenges(text), labelledBlocks(text)]
  const best = candidates.reduce((most, next) => (withValues(next) > withValues(most) ? next : most))
  if (withValues(best) >= 2) return completeRecords(best, text)
  const single = parseCaText(input)
  return countRecordFields(single) > 0 || single.domain !== null ? [single] : []
}
