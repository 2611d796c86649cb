import { createFinding, type Finding } from '../../../shared/findings'
import { getGenericProvider, getProvider } from '../catalogs/providers'
import type { Rule } from './rule'

/** Names the platform the NS records point to, and says so when the user named another one. */
export const providerRule: Rule = {
  name: 'provider',
  produces: ['delegation.provider', 'delegation.wrong_platform'],
  check(obs) {
    const findings: Finding[] = []
    const nameservers = [...new Set(obs.zones.flatMap((z) => z.nameservers.length > 0 ? z.nameservers : z.parentNameservers))]
    if (nameservers.length === 0) return findings
    const match = obs.provider
    const evidence = [{ query: { name: obs.zones.find((z) => z.apex)?.apex ?? '', type: 'NS' }, records: nameservers }]
    // An unrecognised platform is still named, by its name servers, so the user knows where to look.
    const provider = match?.provider ?? getGenericProvider()
    findings.push(createFinding('delegation.provider', { provider: provider.id, providerName: provider.names.en, nameservers }, evidence))
    const intended = obs.input.platform
    if (intended && intended !== 'generic' && !(match && match.all.some((m) => m.provider.id === intended))) {
      const expected = getProvider(intended)!
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
