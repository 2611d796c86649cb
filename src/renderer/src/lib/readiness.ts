import type { DiagnosisReport } from '@shared/diagnosis-types'
import type { Finding } from '@shared/findings'

/** The four things the readiness gate in step 5 checks, each derived from the report's findings. */
export type GateCheck = 'authoritative' | 'caches' | 'caa' | 'dnssec'

export const GATE_CHECKS: readonly GateCheck[] = ['authoritative', 'caches', 'caa', 'dnssec']

/**
 * `passed`: observed and fine; `blocked`: a finding holds it up (or there is no report yet); `attention`: observed,
 * but only the user can tell whether it is fine (a CAA list when no CA was chosen); `not_checked`: nothing was
 * observed, so neither a tick nor a cross would be true.
 */
export type GateStatus = 'passed' | 'blocked' | 'attention' | 'not_checked'

/** Why a check was not run, or what the user must confirm: the renderer turns it into text. */
export type GateNote =
  | { kind: 'noResolver' }
  | { kind: 'noResolverAnswered' }
  | { kind: 'noServerAnswered' }
  | { kind: 'caaRestricts'; allowed: string[] }

export interface GateState {
  check: GateCheck
  status: GateStatus
  /** True only for `passed`: a check that did not run is never shown as passed. */
  passed: boolean
  note: GateNote | null
}

/**
 * The check a finding holds up, read from the catalog rather than listed again: a cache still waiting holds up the
 * caches, a secondary server still copying the change holds up the domain's own servers; every other problem (an
 * error) holds up CAA, DNSSEC, or else the records at the domain's own servers.
 */
function gateOf(f: Pick<Finding, 'id' | 'severity'>): GateCheck | null {
  if (f.id === 'propagation.secondary_syncing') return 'authoritative'
  if (f.id.startsWith('propagation.')) return 'caches'
  if (f.severity !== 'error') return null
  if (f.id.startsWith('caa.')) return 'caa'
  if (f.id.startsWith('dnssec.')) return 'dnssec'
  return 'authoritative'
}

/** Resolver answers that say nothing about the record: the resolver could not be asked or would not tell. */
const SILENT_RESOLVER = new Set(['timeout', 'refused', 'rejected', 'network', 'malformed'])

/**
 * Why a check could not be observed in this report, or null when it was. The caches and DNSSEC validation are seen
 * only through resolvers (a validating resolver is what reports a bogus answer); CAA and DNSSEC records come from
 * the domain's own servers, so when none of them answered, nothing about them was seen — unless a CAA finding shows
 * the CAA lookup itself got through.
 */
function unobserved(check: GateCheck, report: DiagnosisReport): GateNote | null {
  const has = (id: string) => report.findings.some((f) => f.id === id)
  const resolverNote: GateNote | null =
    report.resolvers.length === 0 ? { kind: 'noResolver' } : report.resolvers.every((r) => SILENT_RESOLVER.has(r.status)) ? { kind: 'noResolverAnswered' } : null
  const serverNote: GateNote | null = has('delegation.no_server_answers') ? { kind: 'noServerAnswered' } : null
  switch (check) {
    case 'authoritative':
      return null
    case 'caches':
      return resolverNote
    case 'caa':
      return has('caa.allows_ca') || has('caa.restricts') ? null : serverNote
    case 'dnssec':
      return serverNote ?? resolverNote
  }
}

/**
 * Each check is blocked by its own findings (`authoritative` also by a missing `record.ok`); otherwise it passes
 * only when it was observed, and a CAA list the user must compare with their CA asks for attention.
 */
export function gateStates(report: DiagnosisReport | null): GateState[] {
  const findings = report?.findings ?? []
  const blockedChecks = new Set(findings.map(gateOf))
  const restricts = findings.filter((f) => f.id === 'caa.restricts')
  return GATE_CHECKS.map((check): GateState => {
    const blocked = report === null || blockedChecks.has(check) || (check === 'authoritative' && !findings.some((f) => f.id === 'record.ok'))
    if (blocked) return { check, status: 'blocked', passed: false, note: null }
    const missing = unobserved(check, report)
    if (missing) return { check, status: 'not_checked', passed: false, note: missing }
    if (check === 'caa' && restricts.length > 0) {
      const allowed = [...new Set(restricts.flatMap((f) => (f.params['allowed'] as string[] | undefined) ?? []))]
      return { check, status: 'attention', passed: false, note: { kind: 'caaRestricts', allowed } }
    }
    return { check, status: 'passed', passed: true, note: null }
  })
}

/** Green only when the engine's verdict is `verified` (the verdict is derived from findings, never guessed here). */
export function isReady(report: DiagnosisReport | null): boolean {
  return report?.verdict === 'verified'
}

/**
 * The text of the "record is ready" notice: "every check passed" would be untrue next to a warning (a CAA list that
 * may not name the user's CA, a server that did not answer), so then it points at the warning instead.
 */
export function verifiedNoticeKey(report: DiagnosisReport | null): 'ui.step4.notifyText' | 'ui.step4.notifyTextWarnings' {
  return report?.findings.some((f) => f.severity === 'warning') ? 'ui.step4.notifyTextWarnings' : 'ui.step4.notifyText'
}
