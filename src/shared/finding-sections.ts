/**
 * How findings are shown, everywhere (step 4, the CLI's text, the Markdown report): the verdict first, then the
 * problems to fix, then warnings, then the good news, then information. What the user must do comes before what
 * is fine, and the one real problem is never buried under notes.
 */
import type { Finding, Severity } from './findings'

export const FINDING_SECTIONS = ['problems', 'warnings', 'good', 'info'] as const
export type FindingSection = (typeof FINDING_SECTIONS)[number]

const SECTION_OF: Record<Severity, FindingSection> = { error: 'problems', warning: 'warnings', ok: 'good', info: 'info' }

export function sectionOf(severity: Severity): FindingSection {
  return SECTION_OF[severity]
}

/** The non-empty sections in display order, each with its findings in their original order. */
export function findingSections<F extends Pick<Finding, 'severity'>>(findings: readonly F[]): { section: FindingSection; findings: F[] }[] {
  return FINDING_SECTIONS.map((section) => ({ section, findings: findings.filter((f) => sectionOf(f.severity) === section) })).filter(
    (s) => s.findings.length > 0
  )
}

/** The findings in display order (problems, warnings, good news, information). */
export function displayOrder<F extends Pick<Finding, 'severity'>>(findings: readonly F[]): F[] {
  return findingSections(findings).flatMap((s) => s.findings)
}
