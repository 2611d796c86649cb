import type { Rule } from './rule'
import { caaRule } from './caa'
import { deadlineRule } from './deadline'
import { delegationRule } from './delegation'
import { propagationRule } from './propagation'
import { providerRule } from './provider'
import { recordPlacementRule } from './record-placement'
import { recordTtlRule } from './record-ttl'
import { recordValueRule } from './record-value'
import { resolversRule } from './resolvers'
import { zoneRule } from './zone'

/** Every rule, in the order their findings read best when severities tie. */
export const RULES: readonly Rule[] = [
  deadlineRule,
  zoneRule,
  providerRule,
  recordValueRule,
  recordPlacementRule,
  recordTtlRule,
  delegationRule,
  resolversRule,
  propagationRule,
  caaRule
]
