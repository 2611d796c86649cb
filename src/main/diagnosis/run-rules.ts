import { createFinding, sortFindings, type Finding } from '../../shared/findings'
import type { Observations } from './observations'
import { RULES } from './rules'
import type { Rule } from './rules/rule'

/**
 * Runs every rule over the observations. A rule that throws becomes an `internal.check_failed`
 * finding naming it (Let's Debug's habit): one broken check never hides the others' findings.
 */
export function runRules(obs: Observations, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    try {
      findings.push(...rule.check(obs))
    } catch (e) {
      // Anything can be thrown, `undefined` included: reading `.message` must not throw in turn.
      const message = e instanceof Error ? e.message : String(e)
      findings.push(createFinding('internal.check_failed', { check: rule.name, message }))
    }
  }
  return sortFindings(findings)
}
