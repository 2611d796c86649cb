import { describe, expect, it } from 'vitest'
import type { DiagnoseInput } from '../../../src/shared/diagnosis-types'
import { InputError, normalizeDiagnoseInput } from '../../../src/main/diagnosis/input'

const GOOD: DiagnoseInput = { domains: ['example.com'], host: '_dnsauth', type: 'TXT', value: 'token-123' }

/** The InputError thrown for this input (fails the test when none is). */
function inputError(overrides: Partial<Record<keyof DiagnoseInput, unknown>>): InputError {
  try {
    normalizeDiagnoseInput({ ...GOOD, ...overrides } as DiagnoseInput)
  } catch (e) {
    expect(e).toBeInstanceOf(InputError)
    return e as InputError
  }
  throw new Error(`no InputError for ${JSON.stringify(overrides)}`)
}

describe('normalizeDiagnoseInput: good input', () => {
  it('normalizes and fills defaults', () => {
    expect(
      normalizeDiagnoseInput({
        domains: [' WWW.Example.COM. ', '*.Example.com'],
        host: ' _dnsauth ',
        type: 'txt' as 'TXT',
        value: '  token-123  ',
        ca: 'LE',
        platform: 'Cloudflare'
      })
    ).toEqual({
      records: [
        { domain: 'www.example.com', host: '_dnsauth', type: 'TXT', value: 'token-123', baseDomain: 'example.com', name: '_dnsauth.example.com' },
        { domain: '*.example.com', host: '_dnsauth', type: 'TXT', value: 'token-123', baseDomain: 'example.com', name: '_dnsauth.example.com' }
      ],
      ca: 'letsencrypt',
      platform: 'cloudflare',
      resolvers: null,
      roots: [],
      authPort: null,
      timeoutMs: 2000,
      deadlineMs: 30_000
    })
  })

  it('reads a quoted TXT value as the CA means it (the text between the quotes), inner spaces kept', () => {
    expect(normalizeDiagnoseInput({ ...GOOD, value: '"token 123"' }).records[0]!.value).toBe('token 123')
    expect(normalizeDiagnoseInput({ ...GOOD, value: '"token" "-123"\n' }).records[0]!.value).toBe('token-123')
    expect(normalizeDiagnoseInput({ records: [{ domain: 'example.com', host: '_dnsauth', type: 'TXT', value: '"token-a"' }] }).records[0]!.value).toBe('token-a')
  })

  it('keeps a stray quote and inner spaces in the value: finding them is the diagnosis', () => {
    expect(normalizeDiagnoseInput({ ...GOOD, value: '"token 123' }).records[0]!.value).toBe('"token 123')
    expect(normalizeDiagnoseInput({ ...GOOD, value: 'token "1" 23' }).records[0]!.value).toBe('token "1" 23')
  })

  it('converts an internationalized domain to punycode', () => {
    expect(normalizeDiagnoseInput({ ...GOOD, domains: ['bücher.example'] }).records.map((r) => r.domain)).toEqual(['xn--bcher-kva.example'])
  })

  it('accepts a host as @, relative, full, full with a trailing dot', () => {
    for (const host of ['@', '_dnsauth', '_dnsauth.example.com', '_dnsauth.example.com.']) {
      expect(normalizeDiagnoseInput({ ...GOOD, host }).records[0]!.host).toBe(host)
    }
  })

  it('accepts resolvers as presets, system, addresses with ports; an empty list asks none', () => {
    expect(normalizeDiagnoseInput({ ...GOOD, resolvers: ['google', '127.0.0.1:5353', '[::1]:53'] }).resolvers).toEqual([
      'google',
      '127.0.0.1:5353',
      '[::1]:53'
    ])
    expect(normalizeDiagnoseInput({ ...GOOD, resolvers: [] }).resolvers).toEqual([])
  })

  it('accepts a CNAME value that is a name', () => {
    expect(normalizeDiagnoseInput({ ...GOOD, type: 'CNAME', value: 'abc.dcv.digicert.com.' }).records[0]!.value).toBe('abc.dcv.digicert.com.')
  })
})

describe('normalizeDiagnoseInput: the records of an order', () => {
  const order: DiagnoseInput = {
    records: [
      { domain: 'example.com', host: '_dnsauth', type: 'TXT', value: 'token-a' },
      { domain: 'shop.example.com', host: '_acme', type: 'CNAME', value: 'x.dcv.example.net' },
      { domain: '*.example.com', host: '_dnsauth', type: 'TXT', value: 'token-b' }
    ]
  }

  it('checks and places each record: its own host, type and value', () => {
    const records = normalizeDiagnoseInput(order).records
    expect(records.map((r) => [r.domain, r.name, r.type, r.value])).toEqual([
      ['example.com', '_dnsauth.example.com', 'TXT', 'token-a'],
      ['shop.example.com', '_acme.shop.example.com', 'CNAME', 'x.dcv.example.net'],
      ['*.example.com', '_dnsauth.example.com', 'TXT', 'token-b']
    ])
  })

  it.each<[string, DiagnoseInput, string, string]>([
    ['a bad domain names the record and the field', { records: [order.records![0]!, { ...order.records![1]!, domain: 'https://shop.example.com' }] }, 'records.1.domain', 'domain.url'],
    ['a bad type', { records: [{ ...order.records![0]!, type: 'MX' as 'TXT' }] }, 'records.0.type', 'input.recordType'],
    ['an empty value', { records: [order.records![0]!, order.records![1]!, { ...order.records![2]!, value: '  ' }] }, 'records.2.value', 'value.empty'],
    ['a CNAME value that is no name', { records: [{ ...order.records![1]!, value: 'not a name!' }] }, 'records.0.value', 'value.cnameNotName'],
    ['a record that is not an object', { records: ['example.com' as unknown as never] }, 'records.0', 'input.recordShape'],
    ['no records', { records: [] }, 'records', 'input.noRecords'],
    ['both forms at once', { ...order, domains: ['example.com'], host: '_dnsauth', value: 'v' }, 'records', 'input.bothForms']
  ])('%s', (_case, raw, field, messageId) => {
    let error: InputError | null = null
    try {
      normalizeDiagnoseInput(raw)
    } catch (e) {
      error = e as InputError
    }
    expect(error).toBeInstanceOf(InputError)
    expect(error!.field).toBe(field)
    expect(error!.messageId).toBe(messageId)
  })
})

describe('normalizeDiagnoseInput: bad input names the field and says what is wrong', () => {
  it.each<[name: string, overrides: Partial<Record<keyof DiagnoseInput, unknown>>, field: string, message: RegExp]>([
    ['no domains', { domains: [] }, 'domains', /at least one certificate domain/],
    ['domains not a list', { domains: 'example.com' }, 'domains', /at least one certificate domain/],
    ['too many domains', { domains: Array.from({ length: 101 }, (_, i) => `d${i}.example.com`) }, 'domains', /At most 100/],
    ['an empty domain', { domains: ['example.com', '  '] }, 'domains.1', /empty/],
    ['a URL pasted as the domain', { domains: ['https://www.example.com/'] }, 'domains.0', /looks like a web address/],
    ['a path pasted with the domain', { domains: ['example.com/index.html'] }, 'domains.0', /looks like a web address/],
    ['an IPv4 address as the domain', { domains: ['192.0.2.10'] }, 'domains.0', /is an IP address/],
    ['an IPv6 address as the domain', { domains: ['2001:db8::1'] }, 'domains.0', /is an IP address/],
    ['a bracketed IPv6 address', { domains: ['[2001:db8::1]'] }, 'domains.0', /is an IP address/],
    ['an IPv4 address with a port', { domains: ['192.0.2.10:443'] }, 'domains.0', /is an IP address/],
    ['a domain with a port', { domains: ['example.com:443'] }, 'domains.0', /port/],
    ['a single label', { domains: ['localhost'] }, 'domains.0', /needs a dot/],
    ['a wildcard in the middle', { domains: ['www.*.example.com'] }, 'domains.0', /wildcard may only be the first label/],
    ['two wildcards', { domains: ['*.*.example.com'] }, 'domains.0', /wildcard may only be the first label/],
    ['two dots in a row', { domains: ['example..com'] }, 'domains.0', /empty label/],
    ['a space inside', { domains: ['exa mple.com'] }, 'domains.0', /space/],
    ['an empty host', { host: '' }, 'host', /host record is empty/],
    ['a missing host', { host: undefined }, 'host', /host record is empty/],
    ['a URL pasted as the host', { host: 'http://example.com/_dnsauth' }, 'host', /looks like a web address/],
    ['an IP address as the host', { host: '192.0.2.10' }, 'host', /IP address, not a host record/],
    ['a host with a space', { host: '_dns auth' }, 'host', /space/],
    ['an empty value', { value: '' }, 'value', /value is empty/],
    ['a value of spaces', { value: '   ' }, 'value', /value is empty/],
    ['a TXT value of quotes only', { value: '"" ""' }, 'value', /value is empty/],
    ['a missing value', { value: undefined }, 'value', /value is empty/],
    ['a value too long', { value: 'x'.repeat(4097) }, 'value', /longer than 4096 bytes/],
    ['a CNAME value that is not a name', { type: 'CNAME', value: 'abc def.example.com' }, 'value', /CNAME value must be a domain name/],
    ['an unknown record type', { type: 'A' }, 'type', /must be TXT or CNAME.*not "A"/],
    ['no record type', { type: undefined }, 'type', /must be TXT or CNAME/],
    ['an unknown CA', { ca: 'acme-ca' }, 'ca', /Unknown CA "acme-ca"\. Known: .*digicert.*letsencrypt/],
    ['an unknown platform', { platform: 'myhost' }, 'platform', /Unknown DNS platform "myhost"\. Known: .*cloudflare/],
    ['a resolver that is neither preset nor address', { resolvers: ['google', 'nosuchresolver'] }, 'resolvers.1', /neither an IP address nor a known resolver/],
    ['a resolver port out of range', { resolvers: ['8.8.8.8:99999'] }, 'resolvers.0', /port 99999 is outside/],
    ['a root that is not an address', { roots: ['a.root-servers.net'] }, 'roots.0', /is not an IP address/],
    ['a host with two dots in a row', { host: '_dnsauth..example.com' }, 'host', /empty label/],
    ['port 0', { authPort: 0 }, 'authPort', /1 to 65535/],
    ['a port too big', { authPort: 70000 }, 'authPort', /1 to 65535/],
    ['a timeout too short', { timeoutMs: 10 }, 'timeoutMs', /between 50 and 60000/],
    ['a fractional timeout', { timeoutMs: 100.5 }, 'timeoutMs', /between 50 and 60000/],
    ['a time limit too short', { deadlineMs: 999 }, 'deadlineMs', /between 1000 and 600000/],
    ['a time limit too long', { deadlineMs: 600_001 }, 'deadlineMs', /between 1000 and 600000/],
  ])('%s → %s', (_name, overrides, field, message) => {
    const error = inputError(overrides)
    expect(error.field).toBe(field)
    expect(error.message).toMatch(message)
    expect(error.name).toBe('InputError')
  })
})
