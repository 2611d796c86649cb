import { createFinding } from '@shared/findings'
import { describe, expect, it } from 'vitest'
import {
  expectedNslookupOutput,
  missingNslookupOutput,
  nslookupCommand,
  parseResolverTarget
} from '../../../src/renderer/src/lib/nslookup'
import { gateStates, isReady } from '../../../src/renderer/src/lib/readiness'
import { displayStatus, matchesExpected } from '../../../src/shared/display-status'
import { cleanDomainInput, domainProblem, resolverAddressProblem } from '../../../src/renderer/src/lib/validate'
import { OK_REPORT, QUOTED_REPORT, report } from '../../support/renderer/fake-api'

describe('validation', () => {
  it.each([
    ['192.0.2.53', null],
    ['192.0.2.53:5353', null],
    ['127.70.53.1', null],
    ['2001:db8::53', null],
    ['[2001:db8::53]:53', null],
    ['::1', null],
    ['', 'server.empty'],
    ['dns.google', 'server.notIp'],
    ['256.1.1.1', 'server.notIp'],
    ['192.0.2.53:0', 'server.portRange'],
    ['192.0.2.53:70000', 'server.portRange'],
    ['[2001:db8::53]:x', 'server.portNotNumber'],
    ['[192.0.2.53]:53', 'server.bracketsV4'],
    ['1:2:3:4:5:6:7:8:9', 'server.notIp']
  ])('resolver %j → %s', (text, problem) => {
    expect(resolverAddressProblem(text)?.messageId ?? null).toBe(problem)
  })

  it.each([
    ['example.com', null],
    ['*.example.com', null],
    ['例子.中国', null],
    ['', 'domain.empty'],
    ['https://example.com', 'domain.url'],
    ['example.com/path', 'domain.url'],
    ['192.0.2.1', 'domain.ip'],
    ['example.com:443', 'domain.port'],
    ['localhost', 'domain.needsDot'],
    ['exa mple.com', 'name.space'],
    ['example..com', 'name.emptyLabel'],
    ['www.*.example.com', 'domain.wildcardPosition']
  ])('domain %j → %s', (text, problem) => {
    expect(domainProblem(text)?.messageId ?? null).toBe(problem)
  })

  it('says what is wrong in English too, for a UI without the locale', () => {
    expect(domainProblem('localhost')).toEqual({
      messageId: 'domain.needsDot',
      params: { text: 'localhost' },
      message: '"localhost" is not a full domain name; it needs a dot, for example example.com.'
    })
  })

  it('cleans a pasted web address down to the domain', () => {
    expect(cleanDomainInput('  https://WWW.Example.com:443/shop?x=1 ')).toBe('www.example.com')
    expect(cleanDomainInput('example.com.')).toBe('example.com')
  })

  it('reads full-width dots as the engine does: 。．｡ are dots, and a.。b is as wrong as a..b', () => {
    expect(domainProblem('例子。中国')).toBeNull()
    expect(domainProblem('shop．example｡com')).toBeNull()
    expect(domainProblem('a..b')?.messageId).toBe('name.emptyLabel')
    for (const dot of ['\u3002', '\uff0e', '\uff61']) expect(domainProblem(`a.${dot}b`)?.messageId).toBe('name.emptyLabel')
  })
})

describe('nslookup', () => {
  it('builds the commands, with -port for a resolver off port 53', () => {
    expect(nslookupCommand('_dnsauth.example.com', 'TXT')).toBe('nslookup -q=TXT _dnsauth.example.com')
    expect(nslookupCommand('_dnsauth.example.com', 'TXT', { host: '8.8.8.8', port: 53 })).toBe('nslookup -q=TXT _dnsauth.example.com 8.8.8.8')
    expect(nslookupCommand('_dnsauth.example.com', 'TXT', parseResolverTarget('127.70.53.1:5353')!)).toBe(
      'nslookup -q=TXT -port=5353 _dnsauth.example.com 127.70.53.1'
    )
  })

  it('parses resolver targets', () => {
    expect(parseResolverTarget('[2001:db8::1]:5353')).toEqual({ host: '2001:db8::1', port: 5353 })
    expect(parseResolverTarget('2001:db8::1')).toEqual({ host: '2001:db8::1', port: 53 })
  })

  it('shows the answer as each system prints it', () => {
    const windows = expectedNslookupOutput('windows', '_dnsauth.example.com', 'TXT', 'token', { host: '8.8.8.8', port: 53 })
    expect(windows).toContain('Address:  8.8.8.8')
    expect(windows).toContain('_dnsauth.example.com\ttext =\n\n\t"token"')
    const mac = expectedNslookupOutput('macos', '_dnsauth.example.com', 'TXT', 'token', { host: '8.8.8.8', port: 53 })
    expect(mac).toContain('Address:\t8.8.8.8#53')
    expect(mac).toContain('_dnsauth.example.com\ttext = "token"')
    expect(expectedNslookupOutput('macos', 'www.example.com', 'CNAME', 'x.dcv.example.net', undefined)).toContain(
      'canonical name = x.dcv.example.net.'
    )
    expect(missingNslookupOutput('macos', 'a.example.com')).toBe("** server can't find a.example.com: NXDOMAIN")
  })
})

describe('readiness gate', () => {
  it('is green only for a verified report', () => {
    expect(isReady(OK_REPORT)).toBe(true)
    expect(gateStates(OK_REPORT).every((s) => s.passed)).toBe(true)
    expect(isReady(QUOTED_REPORT)).toBe(false)
    expect(isReady(null)).toBe(false)
    expect(gateStates(null).some((s) => s.passed)).toBe(false)
  })

  it('names the check that holds it back', () => {
    const waiting = report([
      createFinding('record.ok', { name: 'n', type: 'TXT', servers: 2 }),
      createFinding('propagation.pending', { resolver: 'Google', resolvers: ['Google'], name: 'n', seconds: 120 })
    ])
    expect(gateStates(waiting).filter((s) => !s.passed).map((s) => s.check)).toEqual(['caches'])
    const blocked = report([
      createFinding('record.ok', { name: 'n', type: 'TXT', servers: 2 }),
      createFinding('caa.blocks_ca', { domain: 'd', domains: ['d'], foundAt: 'd', ca: 'digicert', caName: 'DigiCert', record: 'r', tag: 'issue' }),
      createFinding('dnssec.bogus', { resolver: 'r', resolvers: ['r'], name: 'n', zone: 'z', ede: '', cause: 'unknown', validFrom: '', validUntil: '' })
    ])
    expect(gateStates(blocked).filter((s) => !s.passed).map((s) => s.check)).toEqual(['caa', 'dnssec'])
    expect(gateStates(QUOTED_REPORT).filter((s) => !s.passed).map((s) => s.check)).toEqual(['authoritative'])
    // A secondary still copying the record: the domain's own servers are not all there yet, the caches are not at fault.
    const syncing = report([
      createFinding('propagation.secondary_syncing', { name: 'n', zone: 'z', servers: ['ns1.z (192.0.2.1)'], serials: ['1'], serial: 2 })
    ])
    expect(gateStates(syncing).filter((s) => !s.passed).map((s) => s.check)).toEqual(['authoritative'])
  })

  it('holds the records check up for any problem of the catalog, new ones included, not for warnings', () => {
    const ok = createFinding('record.ok', { name: 'n', type: 'TXT', servers: 1 })
    const failed = (finding: Parameters<typeof report>[0][number]) => gateStates(report([ok, finding])).filter((s) => !s.passed).map((s) => s.check)
    expect(failed(createFinding('record.stale_value', { name: 'n', stale: ['old'] }))).toEqual(['authoritative'])
    expect(
      failed(
        createFinding('delegation.record_at_other_platform', {
          platform: 'huaweicloud',
          platformName: 'Huawei Cloud DNS',
          platformNameservers: ['ns1.huaweicloud-dns.com'],
          name: 'n',
          values: ['v'],
          nameservers: ['ns1.example.net']
        })
      )
    ).toEqual(['authoritative'])
    expect(failed(createFinding('resolver.unreachable', { resolver: 'r', resolvers: ['r'], reason: 'timeout', ignored: 0 }))).toEqual([])
  })
})

describe('value comparison for the tables', () => {
  it('matches TXT exactly and CNAME targets loosely', () => {
    expect(matchesExpected('token', ' token ', 'TXT')).toBe(true)
    expect(matchesExpected('"token"', 'token', 'TXT')).toBe(false)
    expect(matchesExpected('Token', 'token', 'TXT')).toBe(false)
    expect(matchesExpected('X.dcv.Example.net.', 'x.dcv.example.net', 'CNAME')).toBe(true)
  })

  it('calls an answer without the expected value "differs", and leaves other statuses alone', () => {
    expect(displayStatus('ok', ['"token"'], ['token'], 'TXT')).toBe('differs')
    expect(displayStatus('ok', ['old', 'token'], ['token'], 'TXT')).toBe('ok')
    expect(displayStatus('nxdomain', [], ['token'], 'TXT')).toBe('nxdomain')
    expect(displayStatus('ok', [], ['token'], 'TXT')).toBe('ok')
    // Several values expected at one name (a wildcard and its apex): either one is the record.
    expect(displayStatus('ok', ['token-b'], ['token-a', 'token-b'], 'TXT')).toBe('ok')
  })
})
