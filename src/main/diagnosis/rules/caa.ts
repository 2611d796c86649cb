import { createFinding, type Finding } from '../../../shared/findings'
import { caAllowedBy, caaRecordToAdd, getCa } from '../catalogs/cas'
import { groupBy, type Rule } from './rule'

/** Tags RFC 8659 defines; an unknown tag with the critical flag forbids issuance by everyone. */
const KNOWN_TAGS = new Set(['issue', 'issuewild', 'iodef', 'contactemail', 'contactphone', 'issuemail', 'issuevmc'])

/**
 * RFC 8659 section 4: the relevant CAA set restricts issuance to the CAs it names in `issue`
 * (and `issuewild` for wildcard names, which takes precedence when present).
 */
export const caaRule: Rule = {
  name: 'caa',
  produces: ['caa.blocks_ca', 'caa.allows_ca'],
  check(obs) {
    const caId = obs.input.ca
    if (!caId) return []
    const ca = getCa(caId)!
    const perDomain: Finding[] = []
    for (const caa of obs.caa) {
      if (caa.foundAt === null || caa.records.length === 0) continue
      const wildcard = caa.certificateDomain.startsWith('*.')
      const domain = caa.certificateDomain
      const evidence = [{ query: { name: caa.foundAt, type: 'CAA' }, records: caa.records.map((r) => `${r.flags} ${r.tag} "${r.value}"`) }]
      const criticalUnknown = caa.records.some((r) => (r.flags & 128) !== 0 && !KNOWN_TAGS.has(r.tag))
      const wild = caa.records.filter((r) => r.tag === 'issuewild')
      const tag: 'issue' | 'issuewild' = wildcard && wild.length > 0 ? 'issuewild' : 'issue'
      const relevant = caa.records.filter((r) => r.tag === tag)
      // No issue/issuewild property at all: CAA exists (iodef only, say) but restricts nobody.
      const allowed = !criticalUnknown && (relevant.length === 0 || relevant.some((r) => caAllowedBy(ca.id, r.value)))
      const params = { domain, domains: [domain], foundAt: caa.foundAt, ca: ca.id, caName: ca.names.en }
      if (allowed) perDomain.push(createFinding('caa.allows_ca', params, evidence))
      else perDomain.push(createFinding('caa.blocks_ca', { ...params, record: caaRecordToAdd(caa.foundAt, ca.id, tag), tag }, evidence))
    }
    // www.example.com and *.example.com under one CAA set are one cause: one finding listing both.
    return groupBy(perDomain, (f) => `${f.id}|${String(f.params['foundAt'])}|${String(f.params['tag'] ?? '')}`).map((group) => {
      const domains = group.flatMap((f) => f.params['domains'] as string[])
      return { ...group[0]!, params: { ...group[0]!.params, domains }, evidence: group[0]!.evidence }
    })
  }
}
