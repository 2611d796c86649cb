import { createFinding, type Finding } from '../../../shared/findings'
import { getGenericProvider, getProvider } from '../catalogs/providers'
import { expectedRecordSets, isExpectedValue, namesInPlace } from './record-match'
import type { Rule } from './rule'

/**
 * Names the platform the NS records point to, and says so when the user named another one. When the named
 * platform's own servers hold the record, that is said instead, precisely: the record was added, at the platform
 * the user uses, while the domain's name servers point elsewhere.
 */
export const providerRule: Rule = {
  name: 'provider',
  produces: ['delegation.provider', 'delegation.wrong_platform', 'delegation.record_at_other_platform'],
  check(obs) {
    const findings: Finding[] = []
    const nameservers = [...new Set(obs.zones.flatMap((z) => z.nameservers.length > 0 ? z.nameservers : z.parentNameservers))]
    if (nameservers.length === 0) return findings
    const match = obs.provider
    const evidence = [{ query: { name: obs.zones.find((z) => z.apex)?.apex ?? '', type: 'NS' }, records: nameservers }]
    // An unrecognised platform is still named, by its name servers, so the user knows where to look.
    const provider = match?.provider ?? getGenericProvider()
    const providerName = match ? provider.names.en : nameserverDomains(nameservers)
    findings.push(createFinding('delegation.provider', { provider: provider.id, providerName, nameservers }, evidence))
    const intended = obs.input.platform
    if (intended && intended !== 'generic' && !(match && match.all.some((m) => m.provider.id === intended))) {
      const expected = getProvider(intended)!
      const inPlace = namesInPlace(obs)
      const sets = new Map(expectedRecordSets(obs).map((set) => [set.name, set]))
      const there = obs.atPlatform.find((p) => {
        const set = sets.get(p.name)
        return set !== undefined && !inPlace.has(p.name) && p.values.some((v) => isExpectedValue(v, set))
      })
      if (there) {
        findings.push(
          createFinding(
            'delegation.record_at_other_platform',
            {
              platform: expected.id,
              platformName: expected.names.en,
              platformNameservers: there.nameservers,
              name: there.name,
              values: there.values,
              nameservers
            },
            [...evidence, { server: there.server ?? undefined, query: { name: there.name, type: obs.input.type }, records: there.values, note: `at ${expected.names.en}` }]
          )
        )
        return findings
      }
      findings.push(
        createFinding(
          'delegation.wrong_platform',
          {
            expected: expected.id,
            expectedName: expected.names.en,
            actual: match?.provider.id ?? 'generic',
            actualName: match?.provider.names.en ?? nameservers.join(', '),
            nameservers
          },
          evidence
        )
      )
    }
    return findings
  }
}

/** `ns1.example-dns.net, ns2.example-dns.net` → `example-dns.net`: how to name a platform we do not know. */
function nameserverDomains(nameservers: string[]): string {
  return [...new Set(nameservers.map((ns) => (ns.split('.').length > 2 ? ns.split('.').slice(1).join('.') : ns)))].join(', ')
}
