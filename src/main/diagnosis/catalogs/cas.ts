import type { CertificateAuthority } from '../../../shared/catalog-types'
import { caCatalogSchema, deepFreeze, parseCatalogFile } from './catalog-schema'
import casData from './cas.json'

/**
 * Certificate authorities and the CAA issuer domain names (RFC 8659) that authorize each.
 * The data is checked when this module loads: a broken cas.json stops the app with the file and field.
 */

/** Validates a cas.json document; throws a CatalogError naming the file and field. */
export function parseCaCatalog(data: unknown, file = 'cas.json'): CertificateAuthority[] {
  return deepFreeze(parseCatalogFile(caCatalogSchema, data, file).cas)
}

const cas = parseCaCatalog(casData)

export function listCas(): CertificateAuthority[] {
  return [...cas]
}

/** The CA with this id or alias (case-insensitive), e.g. `gts` → Google Trust Services. */
export function getCa(id: string): CertificateAuthority | undefined {
  const key = id.trim().toLowerCase()
  return cas.find((ca) => ca.id === key || (ca.aliases ?? []).includes(key))
}

/**
 * The issuer domain name of a CAA `issue` / `issuewild` value: `letsencrypt.org; accounturi=...` → `letsencrypt.org`.
 * Empty for the value `;` (which forbids every CA). Lower-case, without trailing dot or surrounding quotes.
 */
export function caaIssuerDomain(value: string): string {
  const unquoted = value.trim().replace(/^"(.*)"$/s, '$1')
  const domain = unquoted.split(';', 1)[0] ?? ''
  return domain.trim().toLowerCase().replace(/\.$/, '')
}

/**
 * Whether a CAA issuer value (a bare issuer domain, or a full `issue` value with parameters) names this CA.
 * Issuer domains compare exactly (RFC 8659 §4.2): `digicert.com` does not authorize by `www.digicert.com` unless
 * the CA lists both. Throws for an unknown CA id, which is a caller's bug.
 */
export function caAllowedBy(caId: string, caaIssuerValue: string): boolean {
  const ca = getCa(caId)
  if (ca === undefined) throw new Error(`Unknown certificate authority "${caId}"`)
  const domain = caaIssuerDomain(caaIssuerValue)
  return domain !== '' && ca.caaIdentifiers.includes(domain)
}

/**
 * The CAA record the user should add so that `caId` may issue for `domain`, in zone-file form:
 * `example.com. CAA 0 issue "digicert.com"`. Uses the CA's first (preferred) identifier.
 */
export function caaRecordToAdd(domain: string, caId: string, tag: 'issue' | 'issuewild' = 'issue'): string {
  const ca = getCa(caId)
  if (ca === undefined) throw new Error(`Unknown certificate authority "${caId}"`)
  const owner = domain.trim().toLowerCase().replace(/\.$/, '')
  return `${owner}. CAA 0 ${tag} "${ca.caaIdentifiers[0]}"`
}
