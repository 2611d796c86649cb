/**
 * Tells an answer synthesised from a wildcard from a record that exists at the name. A zone with `* TXT "v=spf1 -all"`
 * or `* CNAME lb.hosting.example.` answers for `_dnsauth.example.com` although nobody created anything there
 * (RFC 4592): the record the CA needs is simply missing, and adding it at the exact name takes precedence over the
 * wildcard. Nothing in a plain answer says it was synthesised, so ask the same server the same type for a random
 * sibling name: when that gets the same record set, the answer came from the wildcard.
 */
import { randomBytes } from 'node:crypto'
import type { AuthoritativeObservation } from '../../shared/diagnosis-types'
import type { ServerAddress } from '../../shared/dns-types'
import { parentName, sameName } from '../../shared/names'
import { recordValue, tries, type ObserveDeps } from './observations'

/**
 * The observation marked `wildcard` when a random sibling name gets the same answer from the same server. Only
 * asked of an answer that has data but lacks the expected values (`lacksExpected`): a correct record costs no query.
 */
export async function markWildcardAnswer(
  o: AuthoritativeObservation,
  address: ServerAddress,
  lacksExpected: boolean,
  timeoutMs: number,
  deps: Pick<ObserveDeps, 'query' | 'signal'>
): Promise<AuthoritativeObservation> {
  // A synthesised CNAME whose target the same server knows not to exist comes back as NXDOMAIN (RFC 6604).
  const answered = o.status === 'ok' || (o.status === 'nxdomain' && o.cname !== null)
  if (!lacksExpected || !answered || (o.values.length === 0 && o.cname === null)) return o
  const parent = parentName(o.name)
  // The apex itself is never synthesised; a name above the zone is not the server's to answer.
  if (parent === null || sameName(o.name, o.zone) || o.name.split('.')[0] === '*') return o
  const sibling = `_dnsverify-probe-${randomBytes(6).toString('hex')}.${parent}`
  const probe = await deps.query({ name: sibling, type: o.type }, address, { recursionDesired: false, ...tries(timeoutMs), signal: deps.signal })
  if (!probe.ok || probe.response.rcode !== o.rcode || !probe.response.flags.aa) return o
  const answers = probe.response.answers.filter((rec) => sameName(rec.name, sibling))
  const cname = answers.find((rec) => rec.type === 'CNAME')
  const siblingCname = cname && cname.data.kind === 'name' ? recordValue(cname) : null
  const siblingValues = answers.filter((rec) => rec.type === o.type).map(recordValue)
  return siblingCname === o.cname && sameValues(siblingValues, o.values) ? { ...o, wildcard: true } : o
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  const sorted = (list: readonly string[]): string[] => [...list].sort()
  return a.length === b.length && sorted(a).every((v, i) => v === sorted(b)[i])
}

