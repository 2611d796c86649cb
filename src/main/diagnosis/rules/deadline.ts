import { createFinding } from '../../../shared/findings'
import type { Rule } from './rule'

/**
 * The check reached its time limit before every server had answered (runDiagnosis gives up on the rest): say so,
 * so an incomplete picture is never read as a complete one. The servers that did not answer have findings of
 * their own (delegation.unreachable or, when none of a zone's answered, delegation.no_server_answers;
 * resolver.unreachable).
 */
export const deadlineRule: Rule = {
  name: 'deadline',
  produces: ['check.deadline'],
  check(obs) {
    const ms = obs.deadlineReachedMs
    if (ms === undefined || ms === null) return []
    return [createFinding('check.deadline', { seconds: Math.round(ms / 1000) }, [{ note: `Stopped after ${ms} ms.` }])]
  }
}
