import { createFinding } from '@shared/findings'
import { describe, expect, it } from 'vitest'
import type { ResolverObservation, ResolverStatus } from '@shared/diagnosis-types'
import {
  expectedNslookupOutput,
  missingNslookupOutput,
  nslookupCommand,
  parseResolverTarget
} from '../../../src/renderer/src/lib/nslookup'
import { gateStates, isReady, verifiedNoticeKey } from '../../../src/renderer/src/lib/readiness'
import { displayStatus, matchesExpected, serverDisplayStatus } from '../../../src/shared/display-status'
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

/** One resolver that answered with the expected value: the caches and DNSSEC validation were observed. */
function resolverSaid(status: ResolverStatus): ResolverObservation {
  return {
    name: '_dnsauth.example.com',
    type: 'TXT',
    id: 'google',
    label: 'Google',
    address: '8.8.8.8',
    status,
    rcode: status === 'ok' ? 'NOERROR' : null,
    values: status === 'ok' ? ['token'] : [],
    ttl: 300,
    receivedAt: 0,
    elapsedMs: 5,
    extendedError: null,
    negativeTtl: null,
    negativeSoa: null,
    apexVisible: null,
    ignoredReplies: 0
  }
}
const OBSERVED_OK = { ...OK_REPORT, resolvers: [resolverSaid('ok')] }
const statuses = (r: Parameters<typeof gateStates>[0]) => Object.fromEntries(gateStates(r).map((s) => [s.check, s.status]))

describe('readiness gate', () => {
  it('is green only for a verified report', () => {
    expect(isReady(OK_REPORT)).toBe(true)
    expect(gateStates(OBSERVED_OK).every((s) => s.passed && s.status === 'passed' && s.note === null)).toBe(true)
    expect(isReady(QUOTED_REPORT)).toBe(false)
    expect(isReady(null)).toBe(false)
    expect(gateStates(null).every((s) => s.status === 'blocked')).toBe(true)
  })

  it('names the check that holds it back', () => {
    const waiting = report([
      createFinding('record.ok', { name: 'n', type: 'TXT', servers: 2 }),
      createFinding('propagation.pending', { resolver: 'Google', resolvers: ['Google'], name: 'n', seconds: 120 })
    ])
    expect(gateStates(waiting).filter((s) => s.status === 'blocked').map((s) => s.check)).toEqual(['caches'])
    const blocked = report([
      createFinding('record.ok', { name: 'n', type: 'TXT', servers: 2 }),
      createFinding('caa.blocks_ca', { domain: 'd', domains: ['d'], foundAt: 'd', ca: 'digicert', caName: 'DigiCert', record: 'r', tag: 'issue' }),
      createFinding('dnssec.bogus', { resolver: 'r', resolvers: ['r'], name: 'n', zone: 'z', ede: '', cause: 'unknown', validFrom: '', validUntil: '' })
    ])
    expect(gateStates(blocked).filter((s) => s.status === 'blocked').map((s) => s.check)).toEqual(['caa', 'dnssec'])
    expect(gateStates(QUOTED_REPORT).filter((s) => s.status === 'blocked').map((s) => s.check)).toEqual(['authoritative'])
    // A secondary still copying the record: the domain's own servers are not all there yet, the caches are not at fault.
    const syncing = report([
      createFinding('propagation.secondary_syncing', { name: 'n', zone: 'z', servers: ['ns1.z (192.0.2.1)'], serials: ['1'], serial: 2 })
    ])
    expect(gateStates(syncing).filter((s) => s.status === 'blocked').map((s) => s.check)).toEqual(['authoritative'])
  })

  it('holds the records check up for any problem of the catalog, new ones included, not for warnings', () => {
    const ok = createFinding('record.ok', { name: 'n', type: 'TXT', servers: 1 })
    const failed = (finding: Parameters<typeof report>[0][number]) => gateStates(report([ok, finding])).filter((s) => s.status === 'blocked').map((s) => s.check)
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

  it('never ticks a check that did not run: no resolver asked, or none answered', () => {
    // The lab's case: roots and no resolver; verified (the CA asks the authoritative servers) yet nothing cached seen.
    expect(isReady(OK_REPORT)).toBe(true)
    expect(statuses(OK_REPORT)).toEqual({ authoritative: 'passed', caches: 'not_checked', caa: 'passed', dnssec: 'not_checked' })
    expect(gateStates(OK_REPORT).find((s) => s.check === 'caches')).toEqual({ check: 'caches', status: 'not_checked', passed: false, note: { kind: 'noResolver' } })
    const silent = { ...OK_REPORT, resolvers: [resolverSaid('timeout'), resolverSaid('refused')] }
    expect(gateStates(silent).find((s) => s.check === 'caches')!.note).toEqual({ kind: 'noResolverAnswered' })
    // One resolver that answered is enough to have seen the caches.
    expect(statuses({ ...OK_REPORT, resolvers: [resolverSaid('timeout'), resolverSaid('ok')] }).caches).toBe('passed')
    // A cache still waiting is observed and blocks, whatever else.
    const waiting = report([
      createFinding('record.ok', { name: 'n', type: 'TXT', servers: 2 }),
      createFinding('propagation.pending', { resolver: 'Google', resolvers: ['Google'], name: 'n', seconds: 120 })
    ])
    expect(statuses({ ...waiting, resolvers: [resolverSaid('old_value')] }).caches).toBe('blocked')
  })

  it('does not tick CAA or DNSSEC when none of the domain\'s servers answered', () => {
    const silent = report(
      [createFinding('delegation.no_server_answers', { zone: 'example.com', servers: ['ns1.example.com (192.0.2.1)'], reason: 'timeout' })],
      { resolvers: [resolverSaid('ok')] }
    )
    expect(isReady(silent)).toBe(false)
    expect(statuses(silent)).toEqual({ authoritative: 'blocked', caches: 'passed', caa: 'not_checked', dnssec: 'not_checked' })
    expect(gateStates(silent).filter((s) => s.status === 'not_checked').map((s) => s.note)).toEqual([{ kind: 'noServerAnswered' }, { kind: 'noServerAnswered' }])
    // A CAA lookup that did get an answer was observed after all.
    const allows = createFinding('caa.allows_ca', { domain: 'example.com', domains: ['example.com'], foundAt: 'example.com', ca: 'digicert', caName: 'DigiCert' })
    expect(statuses({ ...silent, findings: [...silent.findings, allows] }).caa).toBe('passed')
    // A bogus answer from a validating resolver still blocks DNSSEC.
    const bogus = createFinding('dnssec.bogus', { resolver: 'r', resolvers: ['r'], name: 'n', zone: 'z', ede: '', cause: 'unknown', validFrom: '', validUntil: '' })
    expect(statuses({ ...silent, findings: [...silent.findings, bogus] }).dnssec).toBe('blocked')
  })

  it('asks the user to confirm a CAA list when no CA was chosen, naming who may issue', () => {
    const restricts = (allowed: string[]) =>
      createFinding('caa.restricts', { domain: 'example.com', domains: ['example.com'], foundAt: 'example.com', allowed, anyAllowed: allowed.length > 0 })
    const ok = createFinding('record.ok', { name: 'n', type: 'TXT', servers: 2 })
    const listed = report([ok, restricts(['letsencrypt.org']), restricts(['letsencrypt.org', 'digicert.com'])], { resolvers: [resolverSaid('ok')] })
    const caa = gateStates(listed).find((s) => s.check === 'caa')!
    expect(caa).toEqual({ check: 'caa', status: 'attention', passed: false, note: { kind: 'caaRestricts', allowed: ['letsencrypt.org', 'digicert.com'] } })
    // The overall gate is the engine's verdict: a warning does not change it.
    expect(isReady(listed)).toBe(isReady(report([ok])))
    expect(gateStates(report([ok, restricts([])])).find((s) => s.check === 'caa')!.note).toEqual({ kind: 'caaRestricts', allowed: [] })
  })

  it('does not say every check passed in the notice when a warning is present', () => {
    expect(verifiedNoticeKey(OBSERVED_OK)).toBe('ui.step4.notifyText')
    expect(verifiedNoticeKey(null)).toBe('ui.step4.notifyText')
    const warned = report([
      createFinding('record.ok', { name: 'n', type: 'TXT', servers: 2 }),
      createFinding('caa.restricts', { domain: 'd', domains: ['d'], foundAt: 'd', allowed: ['letsencrypt.org'], anyAllowed: true })
    ])
    expect(verifiedNoticeKey(warned)).toBe('ui.step4.notifyTextWarnings')
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

  it('calls an answer a wildcard synthesised "wildcard", not "differs": there is no record at the name to edit', () => {
    expect(serverDisplayStatus({ status: 'ok', values: ['v=spf1 -all'], wildcard: true }, ['token'], 'TXT')).toBe('wildcard')
    expect(serverDisplayStatus({ status: 'ok', values: ['v=spf1 -all'] }, ['token'], 'TXT')).toBe('differs')
    expect(serverDisplayStatus({ status: 'ok', values: ['token'], wildcard: false }, ['token'], 'TXT')).toBe('ok')
  })
})
