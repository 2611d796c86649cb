import type { CertificateKind, VerificationSession } from '@shared/api'
import type { DiagnosisReport } from '@shared/diagnosis-types'
import type { ShownMessage } from '@shared/messages'
import { typedBaseDomain } from '@shared/placement'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { apiErrorOf, type FieldErrors } from '../lib/api-error'
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
    domains: [],
    host: '',
    type: 'TXT',
    value: '',
    ca: null,
    intendedPlatform: null,
    lastReport: null,
    lastVerdict: null
  }
}

export type RecordPatch = Partial<Pick<VerificationSession, 'host' | 'type' | 'value' | 'ca' | 'domains'>>

/** The session being edited (what the user entered, the last report) and the errors shown at its fields. */
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

  /** Drops the errors of `fields` and of everything below them (`domains` → `domains.0`). */
  function clearErrors(...fields: string[]): void {
    errors.value = Object.fromEntries(
      Object.entries(errors.value).filter(([key]) => !fields.some((field) => key === field || key.startsWith(`${field}.`)))
    )
  }

  function setDomain(text: string): void {
    session.value.domain = text
    clearErrors('domain')
  }

  function setRecord(patch: RecordPatch): void {
    Object.assign(session.value, patch)
    clearErrors(...Object.keys(patch))
  }

  /** Changes the certificate kind and fills the domain list the way that kind usually looks. */
  function setCertificateKind(kind: CertificateKind): void {
    const s = session.value
    const base = typedBaseDomain(s.domains[0] ?? s.domain)
    s.certificateKind = kind
    if (kind === 'single') s.domains = [s.domains.find((d) => !d.startsWith('*.')) ?? s.domain]
    else if (kind === 'wildcard') s.domains = [`*.${base}`]
    else if (s.domains.length < 2) s.domains = [...new Set([...s.domains, s.domain, `www.${base}`])].filter((d) => d !== '')
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

  return { session, errors, replace, setError, clearErrors, setDomain, setRecord, setCertificateKind, setReport, save }
})
