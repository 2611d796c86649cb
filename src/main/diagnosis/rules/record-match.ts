import type { AuthoritativeObservation } from '../../../shared/diagnosis-types'
import { compareCnameTarget, compareTxtValue } from '../compare-values'
import type { NormalizedInput } from '../input'
import type { Observations } from '../observe'

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

/** Record names whose expected value is on every authoritative server that answered. */
export function namesInPlace(obs: Observations): Set<string> {
  const names = new Set<string>()
  for (const name of new Set(obs.placements.map((p) => p.name))) {
    const servers = obs.authoritative.filter((o) => o.name === name && (o.status === 'ok' || o.status === 'nodata' || o.status === 'nxdomain'))
    if (servers.length > 0 && servers.every((o) => hasExpectedValue(o, obs.input))) names.add(name)
  }
  return names
}
