import { describe, expect, it } from 'vitest'
import { deadlineRule } from '../../../../src/main/diagnosis/rules/deadline'
import { checkRuleCase, observations, type RuleCase } from '../../../support/diagnosis-fixtures'

const cases: RuleCase[] = [
  { name: 'the check finished within its time limit', obs: observations(), forbid: ['check.deadline'] },
  {
    name: 'the check reached its time limit',
    obs: { ...observations(), deadlineReachedMs: 30_000 },
    expect: ['check.deadline'],
    params: { 'check.deadline': { seconds: 30 } }
  }
]

describe('deadline rule', () => {
  it.each(cases)('$name', (c) => void checkRuleCase(deadlineRule, c))

  it('rounds the limit to whole seconds for people', () => {
    expect(deadlineRule.check({ ...observations(), deadlineReachedMs: 1500 })[0]!.params).toEqual({ seconds: 2 })
  })
})
