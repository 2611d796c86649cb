import { describe, expect, it } from 'vitest'
import casData from '../../../src/main/diagnosis/catalogs/cas.json'
import {
  caaIssuerDomain,
  caaRecordToAdd,
  caAllowedBy,
  getCa,
  listCas,
  parseCaCatalog
} from '../../../src/main/diagnosis/catalogs/cas'
import { CatalogError } from '../../../src/main/diagnosis/catalogs/catalog-schema'

const DIGICERT_FAMILY = [
  'digicert.com',
  'www.digicert.com',
  'digicert.ne.jp',
  'cybertrust.ne.jp',
  'symantec.com',
  'geotrust.com',
  'rapidssl.com',
  'thawte.com'
]

describe('caAllowedBy', () => {
  it.each<[ca: string, issuer: string, allowed: boolean]>([
    ...DIGICERT_FAMILY.flatMap((issuer) =>
      ['digicert', 'geotrust', 'rapidssl', 'thawte'].map((ca): [string, string, boolean] => [ca, issuer, true])
    ),
    ['digicert', 'letsencrypt.org', false],
    ['globalsign', 'globalsign.com', true],
    ['globalsign', 'digicert.com', false],
    ['sectigo', 'sectigo.com', true],
    ['sectigo', 'comodoca.com', true],
    ['sectigo', 'comodo.com', true],
    ['sectigo', 'usertrust.com', true],
    ['sectigo', 'trust-provider.com', true],
    ['zerossl', 'sectigo.com', true],
    ['zerossl', 'comodoca.com', false],
    ['letsencrypt', 'letsencrypt.org', true],
    ['letsencrypt', 'pki.goog', false],
    ['google', 'pki.goog', true],
    ['gts', 'pki.goog', true],
    ['amazon', 'amazon.com', true],
    ['amazon', 'amazontrust.com', true],
    ['amazon', 'awstrust.com', true],
    ['amazon', 'amazonaws.com', true],
    ['sslcom', 'ssl.com', true],
    ['trustasia', 'trustasia.com', true],
    ['trustasia', 'digicert.com', true],
    ['trustasia', 'sectigo.com', false],
    ['certum', 'certum.pl', true],
    ['entrust', 'entrust.net', true],
    ['buypass', 'buypass.com', true],
    ['cfca', 'cfca.com.cn', true],
    ['cfca', 'cfca.com', false]
  ])('%s by "%s" → %s', (ca, issuer, allowed) => {
    expect(caAllowedBy(ca, issuer)).toBe(allowed)
  })

  it('reads full issue values: parameters, quotes, case and a trailing dot', () => {
    expect(caAllowedBy('letsencrypt', 'letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1')).toBe(true)
    expect(caAllowedBy('letsencrypt', '"letsencrypt.org"')).toBe(true)
    expect(caAllowedBy('digicert', 'DigiCert.COM.')).toBe(true)
    expect(caAllowedBy('digicert', '  digicert.com ; cansignhttpexchanges=yes')).toBe(true)
  })

  it('compares issuer domains exactly, never by suffix or prefix', () => {
    expect(caAllowedBy('letsencrypt', 'evil-letsencrypt.org')).toBe(false)
    expect(caAllowedBy('letsencrypt', 'letsencrypt.org.evil.com')).toBe(false)
    expect(caAllowedBy('google', 'www.pki.goog')).toBe(false)
  })

  it('lets the value ";" (no CA at all) allow nobody', () => {
    for (const ca of listCas()) {
      expect(caAllowedBy(ca.id, ';')).toBe(false)
      expect(caAllowedBy(ca.id, '')).toBe(false)
    }
  })

  it('throws for an unknown CA id', () => {
    expect(() => caAllowedBy('nosuchca', 'digicert.com')).toThrow(/nosuchca/)
  })
})

describe('getCa and listCas', () => {
  it('has every CA the app offers, with names in every language', () => {
    const ids = listCas().map((ca) => ca.id)
    for (const id of [
      'digicert',
      'geotrust',
      'rapidssl',
      'thawte',
      'globalsign',
      'sectigo',
      'zerossl',
      'letsencrypt',
      'google',
      'amazon',
      'sslcom',
      'trustasia',
      'certum',
      'entrust',
      'buypass',
      'cfca'
    ]) {
      expect(ids).toContain(id)
    }
    for (const ca of listCas()) {
      expect(ca.names.en, ca.id).not.toBe('')
      expect(ca.names['zh-CN'], ca.id).not.toBe('')
      expect(ca.names.es, ca.id).not.toBe('')
    }
  })

  it('resolves aliases and ignores case', () => {
    expect(getCa('gts')?.id).toBe('google')
    expect(getCa('GTS')?.id).toBe('google')
    expect(getCa('comodo')?.id).toBe('sectigo')
    expect(getCa('LetsEncrypt')?.id).toBe('letsencrypt')
    expect(getCa('unknown')).toBeUndefined()
  })
})

describe('caaIssuerDomain', () => {
  it.each([
    ['letsencrypt.org', 'letsencrypt.org'],
    ['letsencrypt.org; validationmethods=dns-01', 'letsencrypt.org'],
    ['"pki.goog"', 'pki.goog'],
    [';', ''],
    ['  Sectigo.com.  ', 'sectigo.com']
  ])('%s → %s', (value, domain) => {
    expect(caaIssuerDomain(value)).toBe(domain)
  })
})

describe('caaRecordToAdd', () => {
  it('writes the zone-file record with the CA preferred identifier', () => {
    expect(caaRecordToAdd('example.com', 'digicert')).toBe('example.com. CAA 0 issue "digicert.com"')
    expect(caaRecordToAdd('Example.com.', 'gts', 'issuewild')).toBe('example.com. CAA 0 issuewild "pki.goog"')
    expect(caaRecordToAdd('example.cn', 'trustasia')).toBe('example.cn. CAA 0 issue "trustasia.com"')
  })

  it('produces a record that authorizes the CA it was written for', () => {
    for (const ca of listCas()) {
      const value = /"([^"]+)"$/.exec(caaRecordToAdd('example.com', ca.id))?.[1] ?? ''
      expect(caAllowedBy(ca.id, value), ca.id).toBe(true)
    }
  })
})

describe('catalog validation', () => {
  function validationMessage(change: (cas: Record<string, unknown>[]) => void): string {
    const copy = structuredClone(casData) as { cas: Record<string, unknown>[] }
    change(copy.cas)
    try {
      parseCaCatalog(copy)
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogError)
      return (e as Error).message
    }
    throw new Error('the broken catalog was accepted')
  }

  it('accepts the shipped file', () => {
    expect(parseCaCatalog(structuredClone(casData))).toHaveLength(listCas().length)
  })

  it('rejects an upper-case or dotted issuer domain, naming the field', () => {
    expect(validationMessage((cas) => (cas[0]!.caaIdentifiers = ['DigiCert.com']))).toContain(
      'cas.json: cas[0].caaIdentifiers[0]'
    )
    expect(validationMessage((cas) => (cas[1]!.caaIdentifiers = ['geotrust.com.']))).toContain(
      'cas.json: cas[1].caaIdentifiers[0]'
    )
  })

  it('rejects an alias that is another CA id', () => {
    expect(validationMessage((cas) => (cas[0]!.aliases = ['letsencrypt']))).toContain(
      '"letsencrypt" is already used by "digicert"'
    )
  })

  it('rejects a CA without identifiers', () => {
    expect(validationMessage((cas) => (cas[2]!.caaIdentifiers = []))).toContain('cas.json: cas[2].caaIdentifiers')
  })
})
