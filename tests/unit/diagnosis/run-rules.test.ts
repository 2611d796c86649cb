import { describe, expect, it } from 'vitest'
import { FINDING_IDS, FINDING_SEVERITY, SEVERITIES, createFinding } from '../../../src/shared/findings'
import { runRules } from '../../../src/main/diagnosis/run-rules'
import { RULES } from '../../../src/main/diagnosis/rules'
import type { Rule } from '../../../src/main/diagnosis/rules/rule'
import { expectFindings, ids, observations } from '../../support/diagnosis-fixtures'

const okRule: Rule = {
  name: 'always-ok',
  produces: ['record.ok'],
  check: () => [createFinding('record.ok', { name: '_dnsauth.example.com', type: 'TXT', servers: 2 })]
}
const throwingRule: Rule = {
  name: 'broken',
  produces: ['record.missing'],
  check: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'values')")
  }
}
const errorRule: Rule = {
  name: 'always-missing',
  produces: ['record.missing'],
  check: () => [createFinding('record.missing', { name: '_dnsauth.example.com', type: 'TXT', values: ['token'] })]
}

describe('runRules', () => {
  it('turns a rule that throws into internal.check_failed naming it, and keeps the other rules\' findings', () => {
    const findings = runRules(observations(), [okRule, throwingRule, errorRule])
    expectFindings(findings, {
      expect: ['record.ok', 'record.missing', 'internal.check_failed'],
      params: { 'internal.check_failed': { check: 'broken', message: "Cannot read properties of undefined (reading 'values')" } },
      verdict: 'action_needed'
    })
    expect(findings.find((f) => f.id === 'internal.check_failed')!.severity).toBe('warning')
  })

  it('survives a rule that throws something that is not an Error', () => {
    const weird: Rule = {
      name: 'throws-a-string',
      produces: [],
      check: () => {
        // A rule that throws something other than an Error still becomes a finding.
        throw 'plain string'
      }
    }
    expectFindings(runRules(observations(), [weird]), {
      expect: ['internal.check_failed'],
      params: { 'internal.check_failed': { check: 'throws-a-string', message: 'plain string' } }
    })
  })

  it.each([null, undefined, 42])('survives a rule that throws %s', (thrown) => {
    const weird: Rule = {
      name: 'throws-nothing-useful',
      produces: [],
      check: () => {
        throw thrown
      }
    }
    expectFindings(runRules(observations(), [weird]), {
      expect: ['internal.check_failed'],
      params: { 'internal.check_failed': { check: 'throws-nothing-useful', message: String(thrown) } }
    })
  })

  it('sorts the findings most severe first, keeping rule order within a severity', () => {
    const findings = runRules(observations(), [okRule, throwingRule, errorRule])
    expect(ids(findings)).toEqual(['record.missing', 'internal.check_failed', 'record.ok'])
    const ranks = findings.map((f) => SEVERITIES.indexOf(f.severity))
    expect([...ranks].sort()).toEqual(ranks)
  })

  it('runs the real rules on a clean observation set: record.ok and the platform, nothing else', () => {
    expectFindings(runRules(observations()), {
      expect: ['record.ok', 'delegation.provider'],
      forbid: FINDING_IDS.filter((id) => id !== 'record.ok' && id !== 'delegation.provider'),
      verdict: 'verified'
    })
  })

  it('every finding id is produced by some rule (internal.check_failed by the runner)', () => {
    const produced = new Set<string>(RULES.flatMap((r) => r.produces))
    expect(FINDING_IDS.filter((id) => id !== 'internal.check_failed' && !produced.has(id))).toEqual([])
  })

  it('every rule has a distinct name and declares only known ids', () => {
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length)
    for (const rule of RULES) for (const id of rule.produces) expect(FINDING_SEVERITY[id]).toBeDefined()
  })
})
