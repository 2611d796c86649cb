import type { AuthoritativeObservation } from '../../../shared/diagnosis-types'
import { compareCnameTarget, compareTxtValue } from '../compare-values'
import type { NormalizedInput } from '../input'

/** True when this server's record set at the name contains the expected value exactly. */
export function hasExpectedValue(o: AuthoritativeObservation, input: NormalizedInput): boolean {
  return o.values.some((v) => valueMatches(v, input))
}

export function valueMatches(found: string, input: NormalizedInput): boolean {
  const cmp = input.type === 'CNAME' ? compareCnameTarget(input.value, found) : compareTxtValue(input.value, found)
  return cmp.kind === 'equal'
}

/** Values at the name other than the expected one. */
export function otherValues(o: AuthoritativeObservation, input: NormalizedInput): string[] {
  return o.values.filter((v) => !valueMatches(v, input))
}
