/**
 * The records of an order as step 2 edits them: one row per certificate domain, each with its own host, type and
 * value. Pure functions over plain lists (the draft store holds the list and calls these).
 */
import type { CertificateKind } from '@shared/api'
import type { RecordPlacement, VerificationRecordInput, VerificationRecordType } from '@shared/diagnosis-types'
import { typedBaseDomain } from '@shared/placement'
import type { ParsedRecord } from './parse-ca-records'

export type RecordField = keyof VerificationRecordInput

/** What a table needs to know of a record: the name it goes to, its type and value (a report's records, or planned ones). */
export type ExpectedRecord = Pick<PlannedRecord, 'name' | 'type' | 'value'>

/** One record of the order with where it goes: its row (`index`), what to add there, and its placement. */
export interface PlannedRecord extends RecordPlacement {
  index: number
  host: string
  type: VerificationRecordType
  value: string
}

/** The records to add at one name: the values (each for its domains), several when a wildcard and its apex share it. */
export interface RecordGroup {
  name: string
  zone: string | null
  relativeHost: string | null
  type: VerificationRecordType
  values: { value: string; domains: string[] }[]
  domains: string[]
}

/**
 * The order's records by name and type, in the order of the rows: what step 3 asks to add. Domains that share a
 * name and a value need one record; a name with several values needs one per value (or one record set holding them).
 */
export function groupByName(records: readonly PlannedRecord[]): RecordGroup[] {
  const groups = new Map<string, RecordGroup>()
  for (const r of records) {
    const key = `${r.name}|${r.type}`
    const group = groups.get(key) ?? { name: r.name, zone: r.zone, relativeHost: r.relativeHost, type: r.type, values: [], domains: [] }
    groups.set(key, group)
    group.domains.push(r.certificateDomain)
    const same = group.values.find((v) => v.value === r.value)
    if (same) same.domains.push(r.certificateDomain)
    else group.values.push({ value: r.value, domains: [r.certificateDomain] })
  }
  return [...groups.values()]
}

/**
 * A new row for `domain`: the host and type of the order's first record, and its value when every record has the
 * same one (a CA that gives one value for the whole order); empty otherwise, so a value never lands on the wrong
 * domain unnoticed.
 */
export function newRecord(records: readonly VerificationRecordInput[], domain = ''): VerificationRecordInput {
  const first = records[0]
  const oneValue = first !== undefined && records.every((r) => r.value === first.value)
  return { domain, host: first?.host ?? '', type: first?.type ?? 'TXT', value: oneValue ? first.value : '' }
}

/** The rows for these domains: a domain that has a row keeps it, a new one gets `newRecord`. */
function rowsFor(domains: readonly string[], records: readonly VerificationRecordInput[]): VerificationRecordInput[] {
  return domains.map((domain) => {
    const existing = records.find((r) => r.domain === domain)
    return existing ? { ...existing } : newRecord(records, domain)
  })
}

/**
 * The rows a certificate kind usually has: one domain (single), `*.` of the base domain (wildcard), or at least two
 * names (multi: the domain and its `www.`, or the `www.` domain and its parent). `domain` is the one from step 1.
 */
export function recordsForKind(kind: CertificateKind, records: readonly VerificationRecordInput[], domain: string): VerificationRecordInput[] {
  const base = typedBaseDomain(records[0]?.domain || domain)
  if (kind === 'single') {
    const keep = records.find((r) => r.domain !== '' && !r.domain.startsWith('*.'))
    return keep ? [{ ...keep }] : rowsFor([domain], records)
  }
  if (kind === 'wildcard') {
    const wildcard = `*.${base}`
    const keep = records.find((r) => r.domain === wildcard) ?? records[0]
    return [{ ...(keep ?? newRecord(records)), domain: wildcard }]
  }
  if (records.length >= 2) return records.map((r) => ({ ...r }))
  // Two names to start from: what is there, then the step-1 domain, the base domain and its www.
  const domains = [...new Set([...records.map((r) => r.domain), domain, base, `www.${base}`])].filter((d) => d !== '')
  return rowsFor(domains.slice(0, 2), records)
}

/** The kind an order with these records is: several domains are a multi-domain one, unless all are one wildcard's. */
export function kindOfRecords(records: readonly Pick<VerificationRecordInput, 'domain'>[]): CertificateKind {
  const wildcard = records.find((r) => r.domain.startsWith('*.'))
  if (records.length <= 1) return wildcard ? 'wildcard' : 'single'
  const base = wildcard?.domain.slice(2)
  return base !== undefined && records.every((r) => r.domain === wildcard!.domain || r.domain === base) ? 'wildcard' : 'multi'
}

function filled(parsed: ParsedRecord): Partial<VerificationRecordInput> {
  const patch: Partial<VerificationRecordInput> = {}
  if (parsed.host !== null) patch.host = parsed.host
  if (parsed.type !== null) patch.type = parsed.type
  if (parsed.value !== null) patch.value = parsed.value
  return patch
}

/**
 * The rows after a paste. Several records replace the rows (a record without a domain takes the domain of the row
 * at its place). One record fills the row of its domain when the text names one of them, else every row: the
 * single-record text of a CA that gives one host and value for all its domains.
 */
export function recordsFromPaste(
  records: readonly VerificationRecordInput[],
  parsed: readonly ParsedRecord[],
  domain: string
): VerificationRecordInput[] {
  if (parsed.length === 0) return records.map((r) => ({ ...r }))
  if (parsed.length > 1) {
    return parsed.map((p, i) => ({ domain: p.domain ?? records[i]?.domain ?? '', host: p.host ?? '', type: p.type ?? 'TXT', value: p.value ?? '' }))
  }
  const patch = filled(parsed[0]!)
  const rows = records.length > 0 ? records : [newRecord([], domain)]
  const named = parsed[0]!.domain?.toLowerCase()
  const target = rows.findIndex((r) => r.domain.toLowerCase() === named)
  return rows.map((r, i) => (target < 0 || i === target ? { ...r, ...patch } : { ...r }))
}
