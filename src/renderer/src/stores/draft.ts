import type { CertificateKind, VerificationSession } from '@shared/api'
import type { DiagnosisReport, VerificationRecordInput } from '@shared/diagnosis-types'
import type { ShownMessage } from '@shared/messages'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { apiErrorOf, type FieldErrors } from '../lib/api-error'
import type { ParsedRecord } from '../lib/parse-ca-records'
import { kindOfRecords, newRecord, recordsForKind, recordsFromPaste } from '../lib/record-list'
import { useSessionsStore } from './sessions'

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

export function blankSession(domain = ''): VerificationSession {
  const now = new Date().toISOString()
  return {
    id: newId(),
    createdAt: now,
    updatedAt: now,
    step: 1,
    domain,
    certificateKind: 'single',
    records: [],
    ca: null,
    intendedPlatform: null,
    lastReport: null,
    lastVerdict: null
  }
}

/** The session being edited (what the user entered: the domain, the order's records; the last report) and the errors shown at its fields. */
export const useDraftStore = defineStore('draft', () => {
  const session = ref<VerificationSession>(blankSession())
  const errors = ref<FieldErrors>({})

  /** Starts over with `next` (a copy), no errors. */
  function replace(next: VerificationSession): void {
    session.value = JSON.parse(JSON.stringify(next)) as VerificationSession
    errors.value = {}
  }

  function setError(field: string, error: ShownMessage): void {
    errors.value = { ...errors.value, [field]: error }
  }

  /** Drops the errors of `fields` and of everything below them (`records` → `records.0.host`). */
  function clearErrors(...fields: string[]): void {
    errors.value = Object.fromEntries(
      Object.entries(errors.value).filter(([key]) => !fields.some((field) => key === field || key.startsWith(`${field}.`)))
    )
  }

  function setDomain(text: string): void {
    session.value.domain = text
    clearErrors('domain')
  }

  /** Edits fields of one record; their errors (`records.<i>.<field>`) go. */
  function updateRecord(index: number, patch: Partial<VerificationRecordInput>): void {
    const record = session.value.records[index]
    if (!record) return
    Object.assign(record, patch)
    // Only this record's: the errors of the other rows still stand.
    const stale = new Set(['records', `records.${index}`, ...Object.keys(patch).map((field) => `records.${index}.${field}`)])
    errors.value = Object.fromEntries(Object.entries(errors.value).filter(([key]) => !stale.has(key)))
  }

  /** Adds a row (a new domain of the order) at the end and returns its index; the other rows keep their errors. */
  function addRecord(): number {
    const records = session.value.records
    records.push(newRecord(records))
    const { records: _listError, ...rowErrors } = errors.value
    errors.value = rowErrors
    return records.length - 1
  }

  /** Removes a row. The rows after it move up, so errors by index no longer fit: they go. */
  function removeRecord(index: number): void {
    session.value.records.splice(index, 1)
    clearErrors('records')
  }

  /** What the paste box read: several records become the rows (and the kind), one fills in the rows it is about. */
  function fillFromPaste(parsed: readonly ParsedRecord[]): void {
    const s = session.value
    s.records = recordsFromPaste(s.records, parsed, s.domain)
    if (parsed.length > 1) s.certificateKind = kindOfRecords(s.records)
    clearErrors('records')
  }

  function setCa(ca: string | null): void {
    session.value.ca = ca
    clearErrors('ca')
  }

  /** Changes the certificate kind and gives the order the rows that kind usually has. */
  function setCertificateKind(kind: CertificateKind): void {
    const s = session.value
    s.certificateKind = kind
    s.records = recordsForKind(kind, s.records, s.domain)
    clearErrors('records')
  }

  function setReport(report: DiagnosisReport): void {
    session.value.lastReport = report
    session.value.lastVerdict = report.verdict
  }

  /** Saves the session; a rejection is shown at its field. */
  async function save(): Promise<void> {
    try {
      const saved = await useSessionsStore().save(session.value)
      session.value = { ...session.value, updatedAt: saved.updatedAt }
    } catch (e) {
      const body = apiErrorOf(e)
      setError(body.field ?? '', body)
    }
  }

  return {
    session,
    errors,
    replace,
    setError,
    clearErrors,
    setDomain,
    updateRecord,
    addRecord,
    removeRecord,
    fillFromPaste,
    setCa,
    setCertificateKind,
    setReport,
    save
  }
})
