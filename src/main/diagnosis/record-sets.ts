import type { VerificationRecordType } from '../../shared/diagnosis-types'
import type { NormalizedInput } from './input'

/**
 * The records of an order as DNS sees them: one record set per name and type, holding every value the order lists
 * for that name (a wildcard and its apex may each bring their own token to the same name: both are expected).
 */
export interface RecordSet {
  name: string
  type: VerificationRecordType
  /** Every expected value, in order of first appearance. */
  values: string[]
  /** Indexes of the order's records this set holds. */
  records: number[]
}

export function recordSetsOf(input: Pick<NormalizedInput, 'records'>): RecordSet[] {
  const sets = new Map<string, RecordSet>()
  input.records.forEach((r, i) => {
    const key = `${r.name}|${r.type}`
    const set = sets.get(key) ?? { name: r.name, type: r.type, values: [], records: [] }
    if (!set.values.includes(r.value)) set.values.push(r.value)
    set.records.push(i)
    sets.set(key, set)
  })
  return [...sets.values()]
}
