import type { DiagnosisReport } from '@shared/diagnosis-types'
import type { Finding } from '@shared/findings'

/** The four things the readiness gate in step 5 checks, each derived from the report's findings. */
export type GateCheck = 'authoritative' | 'caches' | 'caa' | 'dnssec'

export const GATE_CHECKS: readonly GateCheck[] = ['authoritative', 'caches', 'caa', 'dnssec']

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

export interface GateState {
  check: GateCheck
  passed: boolean
}

/** Each check passes when none of its blocking findings is present (`authoritative` also needs `record.ok`). */
export function gateStates(report: DiagnosisReport | null): GateState[] {
  const findings = report?.findings ?? []
  const blockedChecks = new Set(findings.map(gateOf))
  return GATE_CHECKS.map((check) => {
    const passed = report !== null && !blockedChecks.has(check) && (check !== 'authoritative' || findings.some((f) => f.id === 'record.ok'))
    return { check, passed }
  })
}

/** Green only when the engine's verdict is `verified` (the verdict is derived from findings, never guessed here). */
export function isReady(report: DiagnosisReport | null): boolean {
  return report?.verdict === 'verified'
}
