import type { DiagnosisReport } from '@shared/diagnosis-types'
import type { FindingId } from '@shared/findings'

/** The four things the readiness gate in step 5 checks, each derived from the report's findings. */
export type GateCheck = 'authoritative' | 'caches' | 'caa' | 'dnssec'

export const GATE_CHECKS: readonly GateCheck[] = ['authoritative', 'caches', 'caa', 'dnssec']

const BLOCKING: Record<GateCheck, readonly FindingId[]> = {
  authoritative: [
    'record.missing',
    'record.value_mismatch',
    'record.value_quoted',
    'record.value_whitespace',
    'record.stale_value',
    'record.value_missing',
    'record.wrong_name',
    'record.wrong_type',
    'record.cname_conflict',
    'zone.not_found',
    'delegation.inconsistent',
    'delegation.wrong_platform'
  ],
  caches: ['propagation.pending', 'propagation.negative_cached'],
  caa: ['caa.blocks_ca'],
  dnssec: ['dnssec.bogus']
}

export interface GateState {
  check: GateCheck
  passed: boolean
}

/** Each check passes when none of its blocking findings is present (`authoritative` also needs `record.ok`). */
export function gateStates(report: DiagnosisReport | null): GateState[] {
  const ids = new Set(report?.findings.map((f) => f.id) ?? [])
  return GATE_CHECKS.map((check) => {
    const blocked = BLOCKING[check].some((id) => ids.has(id))
    const passed = report !== null && !blocked && (check !== 'authoritative' || ids.has('record.ok'))
    return { check, passed }
  })
}

/** Green only when the engine's verdict is `verified` (the verdict is derived from findings, never guessed here). */
export function isReady(report: DiagnosisReport | null): boolean {
  return report?.verdict === 'verified'
}
