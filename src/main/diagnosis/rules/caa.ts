import { createFinding, type Finding } from '../../../shared/findings'
import type { CaaObservation } from '../../../shared/diagnosis-types'
import { caAllowedBy, caaIssuerDomain, caaRecordToAdd, getCa } from '../catalogs/cas'
import { aboutRecords } from './record-match'
import { groupBy, type Rule } from './rule'

/** Tags RFC 8659 defines; an unknown tag with the critical flag forbids issuance by everyone. */
const KNOWN_TAGS = new Set(['issue', 'issuewild', 'iodef', 'contactemail', 'contactphone', 'issuemail', 'issuevmc'])

type CaaRecord = CaaObservation['records'][number]

/**
 * RFC 8659 section 4: the relevant CAA set restricts issuance to the CAs it names in `issue`
 * (and `issuewild` for wildcard names, which takes precedence when present), and a record with the critical flag
 * and a tag the CA does not know forbids issuance by every CA (section 4.1). With no CA chosen, a set that
 * restricts issuance is a warning: the CA the user goes to may not be on it (the CA's guide, "Problem 4").
 */
export const caaRule: Rule = {
  name: 'caa',
  produces: ['caa.blocks_ca', 'caa.allows_ca', 'caa.restricts'],
  check(obs) {
    const caId = obs.input.ca
    const ca = caId ? getCa(caId)! : null
    const perDomain: Finding[] = []
    for (const caa of obs.caa) {
      if (caa.foundAt === null || caa.records.length === 0) continue
      const wildcard = caa.certificateDomain.startsWith('*.')
      const domain = caa.certificateDomain
      const foundAt = caa.foundAt
      const evidence = [{ query: { name: foundAt, type: 'CAA' }, records: caa.records.map(presentation) }]
      const criticalUnknown = caa.records.filter((r) => (r.flags & 128) !== 0 && !KNOWN_TAGS.has(r.tag.toLowerCase()))
      const wild = caa.records.filter((r) => r.tag.toLowerCase() === 'issuewild')
      const tag: 'issue' | 'issuewild' = wildcard && wild.length > 0 ? 'issuewild' : 'issue'
      const relevant = caa.records.filter((r) => r.tag.toLowerCase() === tag)
      if (ca === null) {
        // No CA to check against: say that the set restricts issuance, and to whom.
        if (relevant.length === 0) continue
        const allowed = [...new Set(relevant.map((r) => caaIssuerDomain(r.value)).filter((d) => d !== ''))]
        perDomain.push(createFinding('caa.restricts', { domain, domains: [domain], foundAt, allowed, anyAllowed: allowed.length > 0 }, evidence))
        continue
      }
      const params = { domain, domains: [domain], foundAt, ca: ca.id, caName: ca.names.en }
      // The CA may well be on the list: a critical record it does not understand is what stops it, and removing that
      // record is the fix. Each cause is its own finding, so a list without the CA beside it is named too.
      if (criticalUnknown.length > 0) {
        const record = criticalUnknown.map((r) => `${foundAt}. CAA ${presentation(r)}`).join(', ')
        perDomain.push(createFinding('caa.blocks_ca', { ...params, record, tag: 'critical' }, evidence))
      }
      // No issue/issuewild property at all: CAA exists (iodef only, say) but restricts nobody.
      const listed = relevant.length === 0 || relevant.some((r) => caAllowedBy(ca.id, r.value))
      if (!listed) perDomain.push(createFinding('caa.blocks_ca', { ...params, record: caaRecordToAdd(foundAt, ca.id, tag), tag }, evidence))
      else if (criticalUnknown.length === 0) perDomain.push(createFinding('caa.allows_ca', params, evidence))
    }
    // www.example.com and *.example.com under one CAA set are one cause: one finding listing both.
    return groupBy(perDomain, (f) => `${f.id}|${String(f.params['foundAt'])}|${String(f.params['tag'] ?? '')}|${String(f.params['allowed'] ?? '')}`).map(
      (group) => {
        const domains = group.flatMap((f) => f.params['domains'] as string[])
        const records = obs.input.records.flatMap((r, i) => (domains.includes(r.domain) ? [i] : []))
        return aboutRecords({ ...group[0]!, params: { ...group[0]!.params, domains }, evidence: group[0]!.evidence }, records)
      }
    )
  }
}

function presentation(r: CaaRecord): string {
  return `${r.flags} ${r.tag} "${r.value}"`
}
