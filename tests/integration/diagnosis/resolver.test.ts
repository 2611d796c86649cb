// The diagnosis engine against real NSD + Unbound on 127.74.0.0/16: what resolvers say. Caches are
// primed with a real query before the zone changes, so the waiting findings come from Unbound's own
// TTL countdown, as they would from a public resolver.

import { createSocket, type Socket } from 'node:dgram'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DiagnoseInput } from '../../../src/shared/diagnosis-types'
import { exchange } from '../../../src/main/dns/exchange'
import { expectReport, TOKEN, diagnoseInLab } from '../../support/diagnosis-fixtures'
import { buildHierarchy, describeLab, labAddress, resolverAddress as labResolverAddress, startLab, txtRecord, type Lab, type ZoneSpec } from '../../support/lab'

const NET = 74 // this file's lab net (see tests/support/lab/addresses.ts)
const NS = labAddress(NET, 2, 1)
const DEAD_NS = labAddress(NET, 3, 1)
const OLD_TOKEN = 'old-token-from-last-year-0000000000000000000000000000000000000'
const NEGATIVE_TTL = 120

const zones: ZoneSpec[] = [
  { apex: 'ok.test', servers: [{ host: 'ns1.ok.test', address: NS }], records: txtRecord('_dnsauth', TOKEN) },
  { apex: 'changed.test', servers: [{ host: 'ns1.changed.test', address: NS }], records: txtRecord('_dnsauth', OLD_TOKEN) },
  { apex: 'added.test', servers: [{ host: 'ns1.added.test', address: NS }], soaMinimum: NEGATIVE_TTL },
  // Its only server is stopped: resolvers answer SERVFAIL, with or without DNSSEC checking.
  { apex: 'dead.test', servers: [{ host: 'ns1.dead.test', address: DEAD_NS }], records: txtRecord('_dnsauth', TOKEN) },
  {
    apex: 'bogus.test',
    servers: [{ host: 'ns1.bogus.test', address: NS }],
    records: txtRecord('_dnsauth', TOKEN),
    dnssec: 'bogus-signature'
  },
  { apex: 'signed.test', servers: [{ host: 'ns1.signed.test', address: NS }], records: txtRecord('_dnsauth', TOKEN), dnssec: 'valid' }
]

await describeLab('diagnosis against NSD + Unbound: resolver and propagation findings', NET, () => {
  let lab: Lab
  let resolverAddress: string
  let blackHole: Socket
  let blackHoleAddress: string

  beforeAll(async () => {
    lab = await startLab({
      net: NET,
      servers: buildHierarchy({ net: NET, tld: 'test', zones }),
      // Unbound keeps retrying a dead server for minutes by default; with this it gives up (SERVFAIL) within a second.
      resolvers: [{ address: labResolverAddress(NET, 1), serverOptions: ['infra-cache-max-rtt: 400'] }]
    })
    resolverAddress = lab.resolver().address
    await lab.stopServer(DEAD_NS, { mode: 'unreachable' })
    // A resolver address that takes queries and never answers (a firewall that drops them).
    blackHole = createSocket('udp4')
    await new Promise<void>((resolve) => blackHole.bind(0, '127.0.0.1', resolve))
    blackHoleAddress = `127.0.0.1:${(blackHole.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    blackHole?.close()
    await lab?.stop()
  })

  function diagnose(domains: string[], overrides: Partial<DiagnoseInput> = {}) {
    return diagnoseInLab(lab, domains, overrides, resolverAddress)
  }

  it('record.ok and no resolver finding when the resolver agrees (DNSSEC-signed zone, validated)', async () => {
    expectReport(await diagnose(['signed.test']), {
      expect: ['record.ok'],
      forbid: ['dnssec.bogus', 'resolver.servfail', 'resolver.unreachable', 'propagation.pending', 'propagation.negative_cached'],
      verdict: 'verified'
    })
  })

  it('propagation.pending: servers have the new token, the resolver still serves the cached old one', async () => {
    const primed = await exchange({ name: '_dnsauth.changed.test', type: 'TXT' }, resolverAddress)
    expect(primed.response.answers.map((r) => r.text)).toEqual([`"${OLD_TOKEN}"`])
    await lab.updateZone('changed.test', txtRecord('_dnsauth', TOKEN))

    const report = await diagnose(['changed.test'])
    expectReport(report, {
      expect: ['record.ok', 'propagation.pending'],
      forbid: ['record.value_mismatch', 'record.stale_value', 'propagation.negative_cached'],
      params: { 'propagation.pending': { resolver: resolverAddress, name: '_dnsauth.changed.test' } },
      verdict: 'waiting'
    })
    const seconds = report.findings.find((f) => f.id === 'propagation.pending')!.params['seconds'] as number
    expect(seconds).toBeGreaterThan(0)
    expect(seconds).toBeLessThanOrEqual(300)
    expect(report.etaSeconds).toBe(seconds)
    expect(report.resolvers[0]).toMatchObject({ status: 'ok', values: [OLD_TOKEN] })
  })

  it('propagation.negative_cached: the resolver cached NXDOMAIN before the record was added', async () => {
    const primed = await exchange({ name: '_dnsauth.added.test', type: 'TXT' }, resolverAddress)
    expect(primed.response.rcode).toBe('NXDOMAIN')
    await lab.updateZone('added.test', txtRecord('_dnsauth', TOKEN))

    const report = await diagnose(['added.test'])
    expectReport(report, {
      expect: ['record.ok', 'propagation.negative_cached'],
      forbid: ['record.missing', 'propagation.pending'],
      params: { 'propagation.negative_cached': { resolver: resolverAddress, name: '_dnsauth.added.test' } },
      verdict: 'waiting'
    })
    const seconds = report.findings.find((f) => f.id === 'propagation.negative_cached')!.params['seconds'] as number
    expect(seconds).toBeGreaterThan(0)
    expect(seconds).toBeLessThanOrEqual(NEGATIVE_TTL)
    expect(report.etaSeconds).toBe(seconds)
  })

  it('resolver.unreachable: nothing listens at one resolver address, another drops every query', async () => {
    const report = await diagnose(['ok.test'], { resolvers: ['127.0.0.1:9', blackHoleAddress, resolverAddress] })
    expectReport(report, {
      expect: ['resolver.unreachable', 'record.ok'],
      forbid: ['resolver.servfail', 'propagation.pending'],
      verdict: 'verified'
    })
    const unreachable = report.findings.filter((f) => f.id === 'resolver.unreachable').map((f) => f.params['resolver'])
    expect(unreachable.sort()).toEqual(['127.0.0.1:9', blackHoleAddress].sort())
    expect(Object.fromEntries(report.resolvers.map((r) => [r.address, r.status]))).toMatchObject({
      '127.0.0.1:9': 'refused',
      [blackHoleAddress]: 'timeout'
    })
  })

  it('resolver.servfail: the zone\'s only server is down, so the resolver fails (not a DNSSEC problem)', async () => {
    // The resolver has already found the server dead (its first SERVFAIL takes longer than our 500 ms).
    const primed = await exchange({ name: '_dnsauth.dead.test', type: 'TXT' }, resolverAddress, { timeoutMs: 5000, retries: 0 })
    expect(primed.response.rcode).toBe('SERVFAIL')
    const report = await diagnose(['dead.test'])
    expectReport(report, {
      expect: ['resolver.servfail', 'delegation.no_server_answers'],
      forbid: ['dnssec.bogus', 'record.ok', 'record.missing', 'zone.not_found', 'resolver.unreachable', 'delegation.unreachable'],
      params: {
        'resolver.servfail': { resolver: resolverAddress, name: '_dnsauth.dead.test' },
        // The server itself is named, with why it could not be used (its port is closed); being the only one, that
        // is an error of its own: the CA can ask no other.
        'delegation.no_server_answers': { zone: 'dead.test', servers: [`ns1.dead.test (${DEAD_NS})`], reason: 'refused' }
      },
      verdict: 'action_needed'
    })
  })

  it('dnssec.bogus: the validating resolver fails the bad signature, CD=1 gets the answer; EDE text kept', async () => {
    const report = await diagnose(['bogus.test'])
    expectReport(report, {
      expect: ['dnssec.bogus', 'record.ok'],
      forbid: ['resolver.servfail', 'resolver.unreachable'],
      params: { 'dnssec.bogus': { resolver: resolverAddress, name: '_dnsauth.bogus.test' } },
      verdict: 'action_needed'
    })
    const ede = report.findings.find((f) => f.id === 'dnssec.bogus')!.params['ede'] as string
    expect(ede).toMatch(/Signature Expired/)
  })
})
